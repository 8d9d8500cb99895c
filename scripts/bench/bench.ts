// The page `npm run bench` drives (scripts/bench.mjs): the real dialog and core against the
// reference backend of the vite dev server. Each function runs one measurement and returns
// plain numbers; the Node side repeats, takes medians, and measures memory over CDP.
import { generate } from 'otplib';
import '../../components/define/step-up-dialog.js';
import type { StepUpDialog } from '../../components/step-up-dialog/step-up-dialog.js';
import { authenticateTotpMfaDevice, checkStepUpAuth, createStepUpClient, type StepUpClient } from '../../src/index.js';

const API = '/api/v0';
const SCOPE = 'wallet:export';

async function dev<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API}/dev/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`dev ${path}: ${response.status}`);
  return (await response.json()) as T;
}

let client: StepUpClient;
let totpSecret: string;
const dialog = document.querySelector<StepUpDialog>('step-up-dialog')!;

/** A TOTP code no earlier request used: the server clock moves one step on each call. */
async function freshTotpCode(): Promise<string> {
  const { now } = await dev<{ now: number }>('clock', { advanceSeconds: 30 });
  return generate({ secret: totpSecret, epoch: Math.floor(now / 1000) });
}

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Resolves when focus lands on a code field inside the dialog (the method is interactive):
 * on `focusin`, with a poll as a backstop (a page without window focus gets no focus events).
 */
function codeFieldFocused(): Promise<HTMLInputElement> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => check(), 4);
    const timeout = setTimeout(() => {
      const body = dialog.shadowRoot?.querySelector('[part=body]')?.textContent?.replace(/\s+/g, ' ').trim();
      done(new Error(`the method never became interactive (open: ${dialog.open}, showing: ${body}, focus: ${deepActive()?.localName})`));
    }, 10_000);
    const done = (result: HTMLInputElement | Error) => {
      document.removeEventListener('focusin', check);
      clearInterval(poll);
      clearTimeout(timeout);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    function check() {
      const active = deepActive();
      if (active instanceof HTMLInputElement && !active.readOnly && dialog.open) done(active);
    }
    document.addEventListener('focusin', check);
    check();
  });
}

async function setUp(): Promise<void> {
  await dev('reset', {});
  const { jwt, environmentId } = await dev<{ jwt: string; environmentId: string }>('session', { userId: 'alice' });
  client = createStepUpClient({ apiBaseUrl: API, environmentId, getAuthToken: () => jwt });
  dialog.client = client;
  totpSecret = (await dev<{ totpSecret: string }>('users/alice/secrets')).totpSecret;
}

/** checkStepUpAuth calls per second while a valid token is held (no request is made). */
async function fastPathCallsPerSecond(durationMs: number): Promise<number> {
  if (!client.listElevatedTokens().some((t) => t.scopes.includes(SCOPE))) {
    await authenticateTotpMfaDevice({ code: await freshTotpCode(), requestedScopes: [SCOPE] }, client);
  }
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < durationMs) {
    for (let i = 0; i < 1000; i++) {
      const answer = await checkStepUpAuth({ scope: SCOPE }, client);
      if (answer.isRequired) throw new Error('the fast path asked the server');
    }
    calls += 1000;
    now = performance.now();
  }
  client.clearElevatedTokens();
  return (calls * 1000) / (now - start);
}

/** ms from requestStepUp() until the first method's code field has focus; closes again. */
async function openToInteractive(): Promise<number> {
  client.clearElevatedTokens();
  const focused = codeFieldFocused();
  const start = performance.now();
  dialog.requestStepUp().catch(() => undefined);
  await focused;
  const elapsed = performance.now() - start;
  dialog.close();
  return elapsed;
}

/** ms from a complete TOTP code entering the field until `elevated` fires. */
async function totpToElevated(): Promise<number> {
  client.clearElevatedTokens();
  const focused = codeFieldFocused();
  const outcome = dialog.requestStepUp();
  const input = await focused;
  const code = await freshTotpCode();
  const elevated = new Promise<number>((resolve) =>
    dialog.addEventListener('elevated', () => resolve(performance.now()), { once: true }),
  );
  const start = performance.now();
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const end = await elevated;
  await outcome;
  return end - start;
}

/** Opens the dialog until its method is shown, then closes it, `times` times. */
async function openClose(times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    client.clearElevatedTokens();
    const focused = codeFieldFocused();
    dialog.requestStepUp().catch(() => undefined);
    await focused;
    dialog.close();
  }
}

Object.assign(window, { bench: { setUp, fastPathCallsPerSecond, openToInteractive, totpToElevated, openClose } });
document.body.dataset['ready'] = 'true';
