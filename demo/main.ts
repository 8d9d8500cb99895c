// The demo: a small account page whose sensitive actions go through <step-up-dialog>, with a
// tester panel showing what a user would find in their inbox, phone and authenticator app.
import { generate } from 'otplib';
import '../components/define/step-up-dialog.js'; // method elements load on demand
import type { StepUpDialog } from '../components/define/step-up-dialog.js';
import {
  completeSocialRedirect,
  elevatedFetch,
  handleSocialCallback,
  initializeStepUp,
  isStepUpError,
  shortenAddress,
  stepUpFetch,
  type StepUpClient,
} from '../src/index.js';
import { announceDemoWallet, createDemoWallet, registerPasskey, removePasskey } from '../src/dev/index.js';

const API = '/api/v0';
const SESSION_KEY = 'step-up-demo:session';

interface DemoSession {
  userId: string;
  jwt: string;
  environmentId: string;
}
interface DemoSecrets {
  totpSecret?: string;
  recoveryCodes?: string[];
  walletAddress?: string;
  walletPrivateKey?: `0x${string}`;
  passkeys?: Array<{ id: string; name: string }>;
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const dialog = $<StepUpDialog>('#step-up');

let client: StepUpClient | undefined;
let session: DemoSession | undefined;
let stopWallet: (() => void) | undefined;

async function dev<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API}/dev/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The demo backend answered ${response.status}.`);
  return (await response.json()) as T;
}

function show(text: string) {
  $('#result').textContent = text;
}

function items(target: string, texts: string[], empty: string) {
  $(target).replaceChildren(
    ...(texts.length ? texts : [empty]).map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
}

async function signIn(userId: string, restored?: DemoSession) {
  session = restored ?? { userId, ...(await dev<{ jwt: string; environmentId: string }>('session', { userId })) };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  const jwt = session.jwt;
  client?.clearElevatedTokens();
  client = initializeStepUp({ apiBaseUrl: API, environmentId: session.environmentId, getAuthToken: () => jwt });
  for (const type of ['tokenstored', 'tokenconsumed', 'tokenexpired'] as const) client.addEventListener(type, renderTokens);
  $<HTMLSelectElement>('#user').value = userId;
  $('#signed-in').textContent = `Signed in as ${userId}.`;
  document.querySelectorAll<HTMLButtonElement>('[data-scope], #export, #register-passkey').forEach((b) => (b.disabled = false));
  await setUpTesterPanel();
}

async function setUpTesterPanel() {
  if (!session) return;
  const secrets = await dev<DemoSecrets>(`users/${session.userId}/secrets`);
  renderRecoveryCodes(secrets);
  renderPasskeys(secrets.passkeys ?? []);

  stopWallet?.();
  stopWallet = undefined;
  if (secrets.walletPrivateKey) {
    stopWallet = announceDemoWallet(createDemoWallet({ privateKey: secrets.walletPrivateKey }));
    $('#wallet').textContent = `Demo Wallet ${shortenAddress(secrets.walletAddress ?? '')} is installed in this page.`;
  } else {
    $('#wallet').textContent = 'This user has no linked wallet.';
  }
  await refresh(secrets);
}

async function refresh(known?: DemoSecrets) {
  if (!session) return;
  const [messages, secrets] = await Promise.all([
    dev<Array<{ channel: string; to: string; code: string }>>(`outbox?userId=${encodeURIComponent(session.userId)}`),
    known ?? dev<DemoSecrets>(`users/${session.userId}/secrets`),
  ]);
  items('#outbox', messages.slice(0, 4).map((m) => `${m.channel === 'sms' ? 'SMS' : 'Email'} to ${m.to}: ${m.code}`), 'Nothing sent yet.');
  const totp = $('#totp');
  if (secrets.totpSecret) {
    const code = await generate({ secret: secrets.totpSecret });
    const left = 30 - (Math.floor(Date.now() / 1000) % 30);
    totp.replaceChildren(Object.assign(document.createElement('span'), { className: 'code', textContent: code }), ` (${left} s left)`);
  } else {
    totp.textContent = 'This user has no authenticator app.';
  }
  renderTokens();
}

/** The recovery codes the user can still use: the server lists only those. */
function renderRecoveryCodes(secrets: DemoSecrets) {
  items('#recovery', secrets.recoveryCodes ?? [], 'This user has none.');
}

/** After a step-up, what it spent leaves the tester panel: a recovery code works only once. */
async function refreshRecoveryCodes() {
  if (!session) return;
  renderRecoveryCodes(await dev<DemoSecrets>(`users/${session.userId}/secrets`));
}

/** The user's passkeys, each with a Remove button that steps up for credential:unlink first. */
function renderPasskeys(passkeys: Array<{ id: string; name: string }>) {
  if (passkeys.length === 0) return items('#passkeys', [], 'None yet. Adding one turns on MFA for this user.');
  $('#passkeys').replaceChildren(
    ...passkeys.map(({ id, name }) => {
      const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary', textContent: 'Remove' });
      remove.setAttribute('aria-label', `Remove passkey ${name}`);
      remove.addEventListener('click', () => void changePasskeys('credential:unlink', () => removePasskey(id).then(() => `Passkey "${name}" removed.`)));
      const item = document.createElement('li');
      item.append(`${name} `, remove);
      return item;
    }),
  );
}

/**
 * Adding or removing a credential is itself a sensitive action: the dialog runs for its scope
 * first, exactly like the account actions; then the change carries the elevated token.
 */
async function changePasskeys(scope: 'credential:link' | 'credential:unlink', change: () => Promise<string>) {
  try {
    await dialog.requestStepUp(scope);
    show(await change());
  } catch (error) {
    show(isStepUpError(error, 'cancelled') ? 'Cancelled: nothing was changed.' : (error as Error).message);
  }
  await setUpTesterPanel();
}

function renderTokens() {
  const now = Date.now() / 1000;
  const tokens = client?.listElevatedTokens() ?? [];
  items(
    '#tokens',
    tokens.map((t) => `${t.scopes.join(' ')} — ${Math.max(0, Math.round(t.exp - now))} s left${t.singleUse ? ', single use' : ''}`),
    'None.',
  );
}

async function runAction(button: HTMLButtonElement) {
  const { scope, path, method } = button.dataset as { scope: string; path: string; method: string };
  try {
    const elevation = await dialog.requestStepUp(scope);
    const response = await elevatedFetch(`${API}/protected/${path}`, { method, scope });
    const how = elevation.alreadyElevated ? 'already verified' : `verified by ${elevation.method}`;
    show(`${scope} (${how}) → ${response.status}\n${JSON.stringify(await response.json(), null, 2)}`);
  } catch (error) {
    show(isStepUpError(error, 'cancelled') ? 'Cancelled: nothing was sent.' : (error as Error).message);
  }
  renderTokens();
}

/**
 * "Export private key" asks nothing first: it calls its endpoint, the server refuses for want
 * of a step-up and names the scope, stepUpFetch opens the dialog for it and sends the call once
 * more. The dialog opens only on a refusal, so its `elevated` event marks that round trip.
 */
async function exportPrivateKey() {
  let verified: string | undefined;
  const listening = new AbortController();
  dialog.addEventListener(
    'elevated',
    ({ detail }) => (verified = detail.alreadyElevated ? 'already verified' : `verified by ${detail.method}`),
    { signal: listening.signal },
  );
  try {
    const response = await stepUpFetch(`${API}/protected/wallet/export`, { method: 'POST', action: 'Export private key', onCancel: 'throw' });
    const roundTrip = verified ? `refused → ${verified} → sent again → ` : '';
    show(`wallet:export: ${roundTrip}${response.status}\n${JSON.stringify(await response.json(), null, 2)}`);
  } catch (error) {
    show(isStepUpError(error, 'cancelled') ? 'Cancelled: the server refused the export, and it was not sent again.' : (error as Error).message);
  } finally {
    listening.abort();
  }
  renderTokens();
}

async function start() {
  const users = await dev<Array<{ id: string; label: string }>>('users');
  $('#user').replaceChildren(...users.map((u) => new Option(u.label, u.id)));
  $('#sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($<HTMLSelectElement>('#user').value).catch((e: Error) => show(e.message));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-scope]').forEach((button) =>
    button.addEventListener('click', () => void runAction(button)),
  );
  $('#export').addEventListener('click', () => void exportPrivateKey());
  // Every step-up through the dialog, whichever action asked for it. A failed refresh leaves
  // the list as it was (the next step-up tries again) rather than hide the action's answer.
  dialog.addEventListener('elevated', () => void refreshRecoveryCodes().catch(() => undefined));
  $('#register-passkey').addEventListener('click', () =>
    void changePasskeys('credential:link', () =>
      registerPasskey({ name: 'This browser' }).then(({ alias }) => `Passkey "${alias}" registered: it is now offered first.`),
    ),
  );
  setInterval(() => void refresh().catch(() => undefined), 1000);

  const saved = sessionStorage.getItem(SESSION_KEY);
  if (saved) {
    const restored = JSON.parse(saved) as DemoSession;
    await signIn(restored.userId, restored);
    const returned = await completeSocialRedirect().catch((e: Error) => show(e.message));
    if (returned) show('Signed in again with Google: press the action once more to use the token.');
  }
}

// The social sign-in popup lands on this page too: hand the result to the opener and stop.
if (!handleSocialCallback()) void start();
