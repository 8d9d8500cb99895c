// Renders one dialog state, chosen by the query string, for scripts/screenshots.mjs:
// ?state=totp|wrong-code|rate-limited|email|sms|recovery-code|wallet|social|passkey|no-method|check-error|load-error|checking|about|waiting
//   (about: an action with details and a reason; waiting: another tab holds the prompt;
//   load-error: the method's code cannot be fetched, scripts/screenshots.mjs fails the request)
//   &scheme=light|dark[&dir=rtl][&lang=de]   (passkey needs a virtual authenticator: scripts/screenshots.mjs adds one)
import { createStepUpClient, requestExternalAuthElevatedToken, type StepUpClient } from '../../../src/index.js';
import { announceDemoWallet, createDemoWallet, registerPasskey } from '../../../src/dev/index.js';
import '../../../components/index.js';

const API = '/api/v0';
const params = new URLSearchParams(location.search);
const state = params.get('state') ?? 'totp';
document.documentElement.dataset.scheme = params.get('scheme') ?? 'light';
if (params.get('dir')) document.documentElement.dir = params.get('dir')!;
if (params.get('lang')) document.documentElement.lang = params.get('lang')!;

const dev = async <T>(path: string, body?: unknown): Promise<T> =>
  (await fetch(`${API}/dev/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<T>;

/** A check answer offering nothing this kit can present: the "no method available" state. */
const nothingToOffer: typeof fetch = async () =>
  new Response(JSON.stringify({ isRequired: true, credentials: [] }), { headers: { 'content-type': 'application/json' } });

async function client(
  userId: string,
  options: { slow?: boolean; signedOut?: boolean; noMethod?: boolean } = {},
): Promise<StepUpClient> {
  const { jwt, environmentId } = await dev<{ jwt: string; environmentId: string }>('session', { userId });
  const fetchImpl = options.slow ? () => new Promise<Response>(() => {}) : options.noMethod ? nothingToOffer : undefined;
  return createStepUpClient({
    apiBaseUrl: API,
    environmentId,
    getAuthToken: () => (options.signedOut ? null : jwt),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

const dialog = document.querySelector('step-up-dialog')!;
const deep = (selector: string) => {
  const method = dialog.shadowRoot!.querySelector('.current > *');
  return method?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
};
const until = async (test: () => unknown) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
};
const pick = async (label: string) => {
  await until(() => dialog.shadowRoot?.querySelector('[part=method-option]'));
  [...dialog.shadowRoot!.querySelectorAll<HTMLElement>('[part=method-option]')].find((b) => b.textContent!.includes(label))?.click();
};
/** Enters a wrong code and waits for the server's answer (the field is cleared, or locked). */
const typeWrong = async () => {
  await until(() => deep('input') && !(deep('input') as HTMLInputElement).readOnly);
  const input = deep('input') as HTMLInputElement;
  input.value = '000000';
  input.dispatchEvent(new Event('input'));
  await until(() => input.value === '' || input.readOnly);
};

async function main() {
  await dev('reset', {});
  const bob = ['email', 'sms', 'wallet', 'social'].includes(state);
  if (state === 'wallet') {
    const { walletPrivateKey } = await dev<{ walletPrivateKey: `0x${string}` }>('users/bob/secrets');
    announceDemoWallet(createDemoWallet({ privateKey: walletPrivateKey }));
  }
  const session = await client(bob ? 'bob' : 'alice', {
    slow: state === 'checking',
    signedOut: state === 'check-error',
    noMethod: state === 'no-method',
  });
  if (state === 'passkey') {
    // Enrolment is a step-up action: a credential:link token first (here from the dev issuer).
    const { jwt } = await dev<{ jwt: string }>('external-jwt', { userId: 'alice', scope: 'credential:link' });
    await requestExternalAuthElevatedToken({ externalJwt: jwt }, session);
    await registerPasskey({ name: 'This laptop' }, session);
  }
  dialog.client = session;
  if (state === 'about') {
    dialog.action = 'Export private key';
    dialog.details = [
      { label: 'Wallet', value: '0x7a3F…9C21' },
      { label: 'Destination', value: 'Ledger Nano X' },
    ];
    const reason = Object.assign(document.createElement('p'), { slot: 'reason', textContent: 'Exports are confirmed every time.' });
    reason.style.margin = '0';
    dialog.append(reason);
  }
  if (state === 'waiting') {
    // What another tab's dialog holds while it asks (run-controller.ts): never released here.
    void navigator.locks.request(`step-up-kit prompt ${session.apiBase}`, () => new Promise(() => {}));
  }
  dialog.requestStepUp().catch(() => undefined);
  await until(() => dialog.open);
  if (state === 'sms') await pick('Text message');
  if (state === 'wallet') await pick('Wallet');
  if (state === 'social') await pick('Google');
  if (state === 'recovery-code') await pick('Recovery');
  if (state === 'wrong-code') await typeWrong();
  if (state === 'load-error') await until(() => dialog.shadowRoot!.querySelector('[part=load-error]'));
  if (state === 'rate-limited') {
    for (let i = 0; i < 5; i++) await typeWrong();
    await until(() => deep('[part=countdown]')?.textContent?.trim());
  }
  if (state === 'email' || state === 'sms') await until(() => deep('[part=intro]')?.textContent?.includes('@') || deep('[part=intro]')?.textContent?.includes('+1'));
  await new Promise((r) => setTimeout(r, 300));
  document.body.dataset.ready = 'true';
}

void main();
