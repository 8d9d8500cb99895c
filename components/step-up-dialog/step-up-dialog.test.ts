import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { generate } from 'otplib';
import { authenticateTotpMfaDevice, createStepUpClient, isStepUpError, TokenScope, type StepUpClient } from '../../src/index.js';
import { recordingFetch, resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import { scriptedJson } from '../../test/support/scripted.js';
import '../define/step-up-dialog.js';
import type { StepUpElevatedEvent, StepUpErrorEvent } from '../events/index.js';
import {
  codeInput,
  collect,
  currentMethod,
  deepActive,
  expectProtectedExportAccepted,
  inShadow,
  paste,
  press,
  textOf,
  type,
  waitForOpen,
} from '../../test/support/elements.js';

const SCOPE = TokenScope.Walletexport;

async function totpCode(): Promise<string> {
  const { totpSecret } = await secretsOf('alice');
  return generate({ secret: totpSecret! });
}

/** A page with an opener button and the dialog; the button starts the step-up on click. */
async function page(client: StepUpClient, attrs: { lang?: string } = {}) {
  const root = await fixture<HTMLDivElement>(html`<div>
    <button id="opener">Export wallet</button>
    <step-up-dialog scope=${SCOPE} lang=${attrs.lang ?? 'en'} .client=${client}><a slot="help" href="/help">Get help</a></step-up-dialog>
  </div>`);
  const dialog = root.querySelector('step-up-dialog')!;
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  let outcome: Promise<unknown> | undefined;
  opener.addEventListener('click', () => {
    outcome = dialog.requestStepUp().catch((e: unknown) => e);
  });
  opener.focus();
  return { dialog, opener, start: async () => { opener.click(); return () => outcome!; } };
}

describe('<step-up-dialog>', () => {
  beforeEach(resetBackend);
  afterEach(() => document.documentElement.removeAttribute('dir'));

  it('walks an authenticator-app user through: code typed, protected call accepted, focus back on the opener', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, opener, start } = await page(client);
    const elevated = collect<StepUpElevatedEvent>(document, 'elevated');
    const outcome = await start();
    await waitForOpen(dialog);

    expect(currentMethod(dialog).localName).to.equal('step-up-totp');
    expect(inShadow(dialog, 'dialog').getAttribute('aria-labelledby')).to.equal('title');
    expect(inShadow(dialog, '#title').textContent).to.equal('Confirm it’s you');
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
    await expect(dialog).to.be.accessible();

    await type(await totpCode());
    const detail = await outcome();
    expect(detail).to.include({ scope: SCOPE, method: 'totp', credentialId: 'alice-totp', alreadyElevated: false });
    expect((detail as { expiresAt: number }).expiresAt).to.be.greaterThan(Date.now() / 1000);
    expect(elevated).to.have.length(1);
    expect(dialog.open).to.equal(false);
    expect(deepActive()).to.equal(opener);
    await expectProtectedExportAccepted(client);
  });

  it('accepts a pasted code with spaces and submits it without a click', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    const outcome = await start();
    await waitForOpen(dialog);
    const code = await totpCode();
    paste(codeInput(currentMethod(dialog)), `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await outcome()).to.include({ method: 'totp' });
    await expectProtectedExportAccepted(client);
  });

  it('Enter submits the field: an incomplete code is refused on the spot, without a request', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    await start();
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    await waitUntil(() => deepActive() === codeInput(method));
    await type('123');
    await press('Enter');
    await waitUntil(() => textOf(method).includes('Enter the whole code.'));
    expect(dialog.open).to.equal(true);
  });

  it('a wrong code keeps the dialog open, clears the field, keeps focus there and says so', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    const errors = collect<StepUpErrorEvent>(dialog, 'stepuperror');
    await start();
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    const input = codeInput(method);
    await waitUntil(() => deepActive() === input);
    const wrong = (Number(await totpCode()) + 500_000) % 1_000_000;
    await type(String(wrong).padStart(6, '0'));
    await waitUntil(() => errors.length === 1, 'a stepuperror event');
    await waitUntil(() => inShadow(method, '[role=alert]').textContent!.includes('That code is not correct'));
    expect(errors[0]!.detail.error.code).to.equal('invalid_code');
    expect(input.value).to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(input);
    expect(dialog.open).to.equal(true);
    await expect(dialog).to.be.accessible();
  });

  it('after too many wrong codes it locks the field and counts down the server’s wait', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    await start();
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    const wrong = String((Number(await totpCode()) + 500_000) % 1_000_000).padStart(6, '0');
    const alert = () => textOf(inShadow(method, '[role=alert]'));
    for (let left = 4; left >= 0; left--) {
      await waitUntil(() => !codeInput(method).readOnly && codeInput(method).value === '');
      codeInput(method).focus();
      await type(wrong); // typing clears the last message: the next one is the answer to this code
      await waitUntil(() => alert() !== '', 'the answer');
      // What the server counted, shown as the number left.
      if (left > 0) expect(alert()).to.equal(`That code is not correct. Check it and try again. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`);
    }
    await waitUntil(() => method.shadowRoot!.querySelector('[part=countdown]'), 'a countdown');
    const countdown = () => inShadow(method, '[part=countdown]').textContent!.trim();
    // Until when, as a time of day in the user's language (the server's lock: 5 minutes from now).
    const lockEnds = [0, 1].map((m) => new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(Date.now() + 300_000 + m * 60_000));
    expect(lockEnds.map((time) => `Too many attempts. Wait a moment and try again. Locked until ${time}.`)).to.include(alert());
    expect(countdown()).to.match(/^You can try again in (5:00|4:5\d)\.$/);
    expect(codeInput(method).readOnly).to.equal(true);
    expect(inShadow<HTMLButtonElement>(method, 'button[type=submit]').getAttribute('aria-disabled')).to.equal('true');
    const first = countdown();
    await waitUntil(() => countdown() !== first, 'the countdown moves');
    await expect(dialog).to.be.accessible();
  });

  it('Escape cancels: the promise rejects with a cancel error, stepupcancel fires, focus returns', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, opener, start } = await page(client);
    const cancels = collect(dialog, 'stepupcancel');
    const elevated = collect(dialog, 'elevated');
    const outcome = await start();
    await waitForOpen(dialog);
    await press('Escape');
    const error = await outcome();
    expect(isStepUpError(error, 'cancelled')).to.equal(true);
    expect(cancels).to.have.length(1);
    expect(elevated).to.have.length(0);
    expect(dialog.open).to.equal(false);
    expect(deepActive()).to.equal(opener);
    await expect(dialog).to.be.accessible();
  });

  it('the close button cancels too, and a code typed before closing is never sent', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('alice', { fetch: recorder.fetch });
    const { dialog, start } = await page(client);
    const elevated = collect(document, 'elevated');
    const outcome = await start();
    await waitForOpen(dialog);
    await type('12');
    inShadow(dialog, '.close').click();
    expect(isStepUpError(await outcome(), 'cancelled')).to.equal(true);
    expect(dialog.open).to.equal(false);
    await dialog.updateComplete;
    expect(recorder.urls.filter((url) => url.endsWith('/users/mfa/auth/totp')), 'no code was sent').to.deep.equal([]);
    expect(elevated).to.have.length(0);
    expect(client.listElevatedTokens()).to.deep.equal([]);
  });

  it('with a valid token already held it never opens and answers at once, with no network call', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('alice', { fetch: recorder.fetch });
    await authenticateTotpMfaDevice({ code: await totpCode(), requestedScopes: [SCOPE] }, client);
    recorder.urls.length = 0;
    const { dialog, start } = await page(client);
    let opened = false;
    const watch = setInterval(() => (opened ||= dialog.open), 5);
    const outcome = await start();
    const detail = await outcome();
    clearInterval(watch);
    expect(detail).to.include({ scope: SCOPE, alreadyElevated: true, method: undefined });
    expect(opened).to.equal(false);
    expect(recorder.urls).to.deep.equal([]);
  });

  it('with no method available it says so and shows the help slot', async () => {
    // a server that requires step-up but offers nothing this account can present
    const client = createStepUpClient({
      apiBaseUrl: scriptedJson({ isRequired: true, credentials: [{ id: 'x', format: 'externalUser' }] }),
      environmentId: 'env',
      getAuthToken: () => 'session-jwt',
    });
    const { dialog, start } = await page(client);
    await start();
    await waitUntil(() => dialog.open && dialog.shadowRoot!.querySelector('.none'), 'no-method state', { timeout: 5000 });
    expect(textOf(inShadow(dialog, '.none'))).to.include('No verification method is available');
    const slot = inShadow<HTMLSlotElement>(dialog, 'slot[name=help]');
    expect(slot.assignedElements()[0]?.textContent).to.equal('Get help');
    await expect(dialog).to.be.accessible();
  });

  it('when the check fails it says why and "Try again" checks again', async () => {
    let signedIn = false;
    const { client: alice } = await signedInClient('alice');
    const jwt = await alice.config.getAuthToken();
    const client = createStepUpClient({ ...alice.config, getAuthToken: () => (signedIn ? jwt : null) });
    const { dialog, start } = await page(client);
    await start();
    await waitUntil(() => dialog.open && dialog.shadowRoot!.querySelector('[part=check-error]'), 'error state', { timeout: 5000 });
    expect(textOf(inShadow(dialog, '[part=check-error] [role=alert]'))).to.equal('You are signed out. Sign in and try again.');
    await expect(dialog).to.be.accessible();
    signedIn = true;
    inShadow<HTMLButtonElement>(dialog, '[part=retry-button]').click();
    await waitUntil(() => dialog.shadowRoot!.querySelector('step-up-totp'), 'the method after a retry', { timeout: 5000 });
  });

  it('shows a checking state while the server is slow to answer', async () => {
    // The check is held until the test has seen the checking state: slow for as long as needed.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const slow: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/stepUp/check')) await held;
      return fetch(input, init);
    };
    const { client } = await signedInClient('alice', { fetch: slow });
    const { dialog, start } = await page(client);
    await start();
    await waitUntil(() => dialog.open, 'the dialog opens while checking', { timeout: 5000 });
    expect(textOf(inShadow(dialog, '[part=checking]'))).to.equal('Checking how you can verify…');
    await expect(dialog).to.be.accessible();
    answer();
    await waitForOpen(dialog);
    expect(currentMethod(dialog).localName).to.equal('step-up-totp');
  });

  it('switches to a recovery code from "use another method" and finishes with it', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    const changes = collect<Event & { detail: { method: string } }>(dialog, 'stepupmethodchange');
    const outcome = await start();
    await waitForOpen(dialog);
    const options = [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')];
    expect(options.map((o) => textOf(o))).to.deep.equal(['Recovery code']);
    options[0]!.click();
    await waitUntil(() => currentMethod(dialog).localName === 'step-up-recovery-code');
    expect(changes.map((e) => e.detail.method)).to.deep.equal(['recovery-code']);
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus moves into the new method');
    expect(textOf(inShadow(dialog, '[part=method-list]'))).to.equal('Authenticator app');
    await expect(dialog).to.be.accessible();

    const { recoveryCodes } = await secretsOf('alice');
    const typed = recoveryCodes![0]!.toLowerCase().replace('-', '');
    await type(typed.slice(0, 9));
    expect(codeInput(currentMethod(dialog)).value).to.equal(recoveryCodes![0]!.slice(0, 10)); // upper case, dash added
    await type(typed.slice(9));
    expect(await outcome()).to.include({ method: 'recovery-code', credentialId: 'recovery-code' });
    await expectProtectedExportAccepted(client);
  });

  it('lays out right to left on an RTL page', async () => {
    document.documentElement.setAttribute('dir', 'rtl');
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    await start();
    await waitForOpen(dialog);
    const title = inShadow(dialog, '#title').getBoundingClientRect();
    const close = inShadow(dialog, '.close').getBoundingClientRect();
    expect(close.right).to.be.at.most(title.left + 1); // the close button sits at the inline end: the left
    const option = inShadow(dialog, '[part=method-option]');
    const iconBox = option.querySelector('svg')!.getBoundingClientRect();
    const label = option.querySelector('.label')!.getBoundingClientRect();
    expect(iconBox.left).to.be.greaterThan(label.right - 1); // icon first, on the right
    await expect(dialog).to.be.accessible();
  });

  it('speaks German when lang="de", the table loaded on demand', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client, { lang: 'de' });
    await start();
    await waitForOpen(dialog);
    await waitUntil(() => inShadow(dialog, '#title').textContent === 'Bestätigen Sie, dass Sie es sind', 'German title');
    expect(inShadow(dialog, '.close').getAttribute('aria-label')).to.equal('Schließen');
    await waitUntil(() => textOf(currentMethod(dialog)).includes('Code aus der App'), 'German method text');
    expect(textOf(inShadow(dialog, '[part=method-list]'))).to.equal('Wiederherstellungscode');
    await expect(dialog).to.be.accessible();
  });

  it('shows an overridden string in the dialog and in the method inside it', async () => {
    const { client } = await signedInClient('alice');
    const { dialog, start } = await page(client);
    dialog.strings = { dialogTitle: 'Confirm the wallet export', totpLabel: 'Six-digit code', errors: { invalid_code: 'Nope.' } };
    await start();
    await waitForOpen(dialog);
    expect(inShadow(dialog, '#title').textContent).to.equal('Confirm the wallet export');
    await waitUntil(() => inShadow(currentMethod(dialog), 'label').textContent === 'Six-digit code');
  });
});
