// A full step-up through the dialog leaves the token nowhere it could leak from: not in the
// console, the address bar, the DOM (attributes or text, shadow roots included), resource
// URLs, localStorage or cookies, nor in anything the elements hand to the app (event details,
// the value requestStepUp resolves with, errors).
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { elevatedFetch, getElevatedAccessToken, type StepUpClient } from '../src/index.js';
import { codeInput, currentMethod, inShadow, textOf, type, waitForOpen } from './support/elements.js';
import { API_BASE, resetBackend, secretsOf, signedInClient } from './support/backend.js';

/** Everything the page shows or holds outside script memory, as one string. */
function everythingVisible(): string {
  const parts: string[] = [location.href, document.cookie, JSON.stringify({ ...localStorage })];
  const walk = (root: Document | ShadowRoot) => {
    parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
    root.querySelectorAll('*').forEach((el) => {
      for (const attr of el.getAttributeNames()) parts.push(el.getAttribute(attr) ?? '');
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  };
  walk(document);
  parts.push(...performance.getEntriesByType('resource').map((e) => e.name));
  return parts.join('\n');
}

/** `value` as JSON, errors included: their name, message, stack and cause, which JSON.stringify leaves out. */
function serialised(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Error ? { ...v, name: v.name, message: v.message, stack: v.stack, cause: v.cause } : v,
  );
}

/** The part of a token that is secret: any copy of the token, whole or cut, carries it. */
const signatureOf = (token: string) => token.split('.')[2]!;

const totpCode = async () => generate({ secret: (await secretsOf('alice')).totpSecret! });
const wrongCode = (code: string) => (code === '111111' ? '222222' : '111111');

describe('token hygiene', () => {
  let client: StepUpClient;
  const logged: unknown[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();

  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('alice'));
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      originals.set(level, console[level]);
      console[level] = (...args: unknown[]) => {
        logged.push(args);
        originals.get(level)!(...args);
      };
    }
  });
  afterEach(() => {
    for (const [level, original] of originals) (console as unknown as Record<string, unknown>)[level] = original;
  });

  it('after a step-up and the protected call, the token is nowhere but in memory', async () => {
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope="wallet:export" .client=${client}></step-up-dialog>`);
    const outcome = dialog.requestStepUp();
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    await type(await totpCode());
    await outcome;
    const token = getElevatedAccessToken({ scope: 'wallet:export', consume: false }, client);
    expect(token, 'a token was issued').to.be.a('string');
    const response = await elevatedFetch(`${API_BASE}/protected/wallet/export`, { method: 'POST', scope: 'wallet:export' }, client);
    expect(response.status).to.equal(200);

    await waitUntil(() => !dialog.open);
    const signature = signatureOf(token!);
    expect(everythingVisible()).not.to.contain(signature);
    expect(JSON.stringify(logged)).not.to.contain(signature);
  });

  it('no event detail, resolved value or error the app is handed carries the token', async () => {
    const EVENTS = ['elevated', 'stepuperror', 'stepupcancel', 'stepupmethodchange'];
    const events: Array<{ name: string; detail: unknown }> = [];
    const values: unknown[] = []; // what requestStepUp resolved or rejected with
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope="wallet:export" .client=${client}></step-up-dialog>`);
    for (const name of EVENTS) dialog.addEventListener(name, (event) => events.push({ name, detail: (event as CustomEvent).detail }));
    const alert = () => textOf(inShadow(currentMethod(dialog), '[role=alert]'));

    // a wrong code (stepuperror), then the right one (elevated, and the resolved value)
    const outcome = dialog.requestStepUp();
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    const code = await totpCode();
    await type(wrongCode(code));
    await waitUntil(() => alert().startsWith('That code is not correct. Check it and try again.'), 'the wrong code is refused');
    await type(code);
    values.push(await outcome);
    const token = getElevatedAccessToken({ scope: 'wallet:export', consume: false }, client);
    expect(token, 'a token was issued').to.be.a('string');

    // while the token is held: asked again (already elevated, at once) ...
    values.push(await dialog.requestStepUp());
    // ... and another scope: a wrong code, another method, then closed
    const other = dialog.requestStepUp('credential:link');
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    await type(wrongCode(await totpCode()));
    await waitUntil(() => alert().startsWith('That code is not correct. Check it and try again.'), 'the wrong code is refused');
    [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((o) => textOf(o) === 'Recovery code')!.click();
    await waitUntil(() => dialog.shadowRoot!.querySelector('.current > step-up-recovery-code'), 'the recovery code is asked for');
    dialog.close();
    values.push(await other.catch((error: unknown) => error));

    expect(new Set(events.map((e) => e.name)), 'every event was fired, so every one was looked at').to.deep.equal(new Set(EVENTS));
    expect(values).to.have.length(3);
    expect(serialised({ events, values })).not.to.contain(signatureOf(token!));
  });
});
