// A minimal demo on the headless core; the <step-up-dialog> element replaces the form later.
import { generate } from 'otplib';
import {
  authenticateMfaRecoveryCode,
  authenticateTotpMfaDevice,
  checkStepUpAuth,
  elevatedFetch,
  initializeStepUp,
  sendEmailOTP,
  sendSmsOTP,
  verifyOTP,
  type StepUpClient,
  type StepUpCredential,
} from '../src/index.js';

const API = '/api/v0';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

let client: StepUpClient | undefined;
let userId = '';
let pending: { scope: string; path: string; method: string } | undefined;
let credentials: StepUpCredential[] = [];

async function dev<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${API}/dev/${path}`, init);
  return (await response.json()) as T;
}

function show(text: string) {
  $('#result').textContent = text;
}

async function loadUsers() {
  const users = await dev<Array<{ id: string; label: string }>>('users');
  $('#user').replaceChildren(...users.map((u) => new Option(u.label, u.id)));
}

async function signIn() {
  userId = $<HTMLSelectElement>('#user').value;
  const { jwt, environmentId } = await dev<{ jwt: string; environmentId: string }>('session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  client = initializeStepUp({ apiBaseUrl: API, environmentId, getAuthToken: () => jwt });
  $('#signed-in').textContent = `Signed in as ${userId}.`;
  document.querySelectorAll<HTMLButtonElement>('[data-scope]').forEach((b) => (b.disabled = false));
  await refreshPanel();
}

function methodLabel(c: StepUpCredential): string {
  if (c.format === 'email') return `Email code to ${c.alias}`;
  if (c.format === 'phoneNumber') return `SMS code to ${c.alias}`;
  if (c.type === 'totp') return 'Authenticator app';
  if (c.type === 'recoveryCode') return 'Recovery code';
  return `${c.format} (not in this demo yet)`;
}

async function proceed() {
  if (!pending) return;
  const response = await elevatedFetch(`${API}/protected/${pending.path}`, { method: pending.method, scope: pending.scope });
  show(`${pending.scope} → ${response.status}\n${JSON.stringify(await response.json(), null, 2)}`);
  pending = undefined;
  $('#verify').hidden = true;
  await refreshPanel();
}

async function startAction(button: HTMLButtonElement) {
  pending = { scope: button.dataset.scope!, path: button.dataset.path!, method: button.dataset.method! };
  const check = await checkStepUpAuth({ scope: pending.scope });
  if (!check.isRequired) return proceed();
  credentials = check.credentials;
  const options = credentials.map((c) => new Option(methodLabel(c), c.id, false, c.id === check.defaultCredentialId));
  $('#method').replaceChildren(...options);
  $('#verify').hidden = false;
  $('#code').focus();
  show(`Step-up required for ${pending.scope}.`);
}

const selected = () => credentials.find((c) => c.id === $<HTMLSelectElement>('#method').value);

async function sendCode() {
  const credential = selected();
  if (credential?.format === 'email') await sendEmailOTP({ email: credential.alias! });
  else if (credential?.format === 'phoneNumber') {
    await sendSmsOTP({ countryCode: 'US', phoneNumber: credential.alias!.replace(/^\+1/, '') });
  } else return show('This method needs no code to be sent.');
  show('Code sent: see the outbox in the tester panel.');
  await refreshPanel();
}

async function verify(event: Event) {
  event.preventDefault();
  const credential = selected();
  if (!credential || !pending) return;
  const code = $<HTMLInputElement>('#code').value;
  const requestedScopes = [pending.scope];
  if (credential.format === 'email') await verifyOTP({ type: 'email', token: code, requestedScopes });
  else if (credential.format === 'phoneNumber') await verifyOTP({ type: 'sms', token: code, requestedScopes });
  else if (credential.type === 'totp') await authenticateTotpMfaDevice({ code, deviceId: credential.id, requestedScopes });
  else if (credential.type === 'recoveryCode') await authenticateMfaRecoveryCode({ code, requestedScopes });
  $<HTMLInputElement>('#code').value = '';
  await proceed();
}

function listItems(target: string, items: string[]) {
  $(target).replaceChildren(
    ...items.map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
}

async function refreshPanel() {
  if (!userId) return;
  const [messages, secrets] = await Promise.all([
    dev<Array<{ channel: string; to: string; code: string }>>(`outbox?userId=${userId}`),
    dev<{ totpSecret?: string; recoveryCodes?: string[] }>(`users/${userId}/secrets`),
  ]);
  listItems('#outbox', messages.slice(0, 5).map((m) => `${m.channel} to ${m.to}: ${m.code}`));
  $('#totp').textContent = secrets.totpSecret ? `Current code: ${await generate({ secret: secrets.totpSecret })}` : 'No authenticator app.';
  listItems('#recovery', secrets.recoveryCodes ?? []);
  const now = Date.now() / 1000;
  listItems(
    '#tokens',
    (client?.listElevatedTokens() ?? []).map((t) => `${t.scopes.join(' ')} — ${Math.round(t.exp - now)} s left${t.singleUse ? ', single use' : ''}`),
  );
}

/** An event handler that shows a failure's readable message instead of dropping it. */
function guarded(action: (event: Event) => Promise<unknown>) {
  return (event: Event) => void action(event).catch((error: Error) => show(error.message));
}

$('#sign-in').addEventListener('click', guarded(signIn));
$('#send-code').addEventListener('click', guarded(sendCode));
$('#verify-form').addEventListener('submit', guarded(verify));
document.querySelectorAll<HTMLButtonElement>('[data-scope]').forEach((button) =>
  button.addEventListener('click', guarded(() => startAction(button))),
);
setInterval(() => void refreshPanel(), 1000);
void loadUsers();
