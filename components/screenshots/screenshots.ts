// Renders one dialog state, chosen by the query string, for scripts/screenshots.mjs:
// ?state=totp|wrong-code|rate-limited|email|sms|recovery-code|wallet|social|no-method|checking&scheme=light|dark[&dir=rtl][&lang=de]
import { createStepUpClient, type StepUpClient } from '../../src/index.js';
import { announceDemoWallet, createDemoWallet } from '../../src/dev/demo-wallet.js';
import '../index.js';

const API = '/api/v0';
const params = new URLSearchParams(location.search);
const state = params.get('state') ?? 'totp';
document.documentElement.dataset.scheme = params.get('scheme') ?? 'light';
if (params.get('dir')) document.documentElement.dir = params.get('dir')!;
if (params.get('lang')) document.documentElement.lang = params.get('lang')!;

const dev = async <T>(path: string, body?: unknown): Promise<T> =>
  (await fetch(`${API}/dev/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<T>;

async function client(userId: string, options: { slow?: boolean; signedOut?: boolean } = {}): Promise<StepUpClient> {
  const { jwt, environmentId } = await dev<{ jwt: string; environmentId: string }>('session', { userId });
  return createStepUpClient({
    apiBaseUrl: API,
    environmentId,
    getAuthToken: () => (options.signedOut ? null : jwt),
    ...(options.slow ? { fetch: () => new Promise<Response>(() => {}) } : {}),
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
const typeWrong = async () => {
  await until(() => deep('input'));
  const input = deep('input') as HTMLInputElement;
  input.value = '000000';
  input.dispatchEvent(new Event('input'));
  await until(() => !input.readOnly && deep('[role=alert]')?.textContent?.trim());
};

async function main() {
  await dev('reset', {});
  const bob = ['email', 'sms', 'wallet', 'social'].includes(state);
  if (state === 'wallet') {
    const { walletPrivateKey } = await dev<{ walletPrivateKey: `0x${string}` }>('users/bob/secrets');
    announceDemoWallet(createDemoWallet({ privateKey: walletPrivateKey }));
  }
  dialog.client = await client(bob ? 'bob' : 'alice', { slow: state === 'checking', signedOut: state === 'no-method' });
  dialog.requestStepUp().catch(() => undefined);
  await until(() => dialog.open);
  if (state === 'sms') await pick('Text message');
  if (state === 'wallet') await pick('Wallet');
  if (state === 'social') await pick('Google');
  if (state === 'recovery-code') await pick('Recovery');
  if (state === 'wrong-code') await typeWrong();
  if (state === 'rate-limited') for (let i = 0; i < 5; i++) await typeWrong();
  if (state === 'email' || state === 'sms') await until(() => deep('[part=intro]')?.textContent?.includes('@') || deep('[part=intro]')?.textContent?.includes('+1'));
  await new Promise((r) => setTimeout(r, 300));
  document.body.dataset.ready = 'true';
}

void main();
