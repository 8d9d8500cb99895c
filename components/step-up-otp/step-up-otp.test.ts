import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { sendEmailOTP, TokenScope } from '../../src/index.js';
import { latestCode, outbox, resetBackend, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-dialog.js';
import type { StepUpElevatedEvent } from '../events/index.js';
import {
  codeInput,
  currentMethod,
  deepActive,
  expectProtectedExportAccepted,
  inShadow,
  requestLog,
  textOf,
  type,
  waitForOpen,
} from '../../test/support/elements.js';
import type { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';
import type { StepUpOtp } from './step-up-otp.js';

const SCOPE = TokenScope.Walletexport;

async function bobDialog() {
  const { client } = await signedInClient('bob');
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined); // tests that end with the dialog open: the cleanup cancels it
  await waitForOpen(dialog);
  return { client, dialog, outcome };
}

const sentText = (method: Element) => textOf(inShadow(method, '[part=intro]'));

describe('<step-up-otp>', () => {
  beforeEach(resetBackend);

  it('emails a code on opening, says where it went, and the typed code elevates', async () => {
    const { client, dialog, outcome } = await bobDialog();
    const method = currentMethod(dialog);
    expect(method.getAttribute('channel')).to.equal('email');
    await waitUntil(() => sentText(method) === 'We sent a code to bob@example.com.', 'the sent message');
    const input = codeInput(method);
    expect(input.autocomplete).to.equal('one-time-code');
    expect(input.inputMode).to.equal('numeric');
    expect(inShadow(method, 'label').textContent).to.equal('Code from the email');
    await expect(dialog).to.be.accessible();

    const { code, to } = await latestCode('bob', 'email');
    expect(to).to.equal('bob@example.com');
    await waitUntil(() => deepActive() === input);
    await type(code);
    expect(await outcome).to.include({ method: 'email', credentialId: 'bob-email' });
    await expectProtectedExportAccepted(client);
  });

  it('texts a code to the phone number chosen under "use another method"', async () => {
    const { client, dialog, outcome } = await bobDialog();
    const sms = [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((b) =>
      textOf(b).startsWith('Text message code'),
    )!;
    expect(textOf(sms)).to.equal('Text message code +1 202-555-0123');
    sms.click();
    await waitUntil(() => currentMethod(dialog).getAttribute('channel') === 'sms');
    const method = currentMethod(dialog);
    await waitUntil(() => sentText(method) === 'We sent a code to +1 202-555-0123.', 'the sent message');
    const { code, to } = await latestCode('bob', 'sms');
    expect(to).to.equal('+12025550123');
    await waitUntil(() => deepActive() === codeInput(method));
    await type(code);
    expect(await outcome).to.include({ method: 'sms', credentialId: 'bob-phone' });
    await expectProtectedExportAccepted(client);
  });

  it('a new code right away waits out the server’s cooldown, shown as a countdown', async () => {
    const { dialog } = await bobDialog();
    const method = currentMethod(dialog);
    await waitUntil(() => sentText(method).startsWith('We sent'));
    const resend = inShadow<HTMLButtonElement>(method, '[part~=resend-button]');
    resend.click();
    await waitUntil(() => textOf(inShadow(method, '[part=resend]')).includes('You can ask for a new code in'), 'the cooldown');
    expect(textOf(inShadow(method, '[part=resend]'))).to.match(/in (30|29|28) s\./);
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect((await outbox('bob')).filter((m) => m.channel === 'email')).to.have.length(1);
    await expect(dialog).to.be.accessible();
  });

  it('a wrong code clears the field and says so; the right one still works', async () => {
    const { client, dialog, outcome } = await bobDialog();
    const method = currentMethod(dialog);
    await waitUntil(() => sentText(method).startsWith('We sent'));
    const { code } = await latestCode('bob', 'email');
    const input = codeInput(method);
    await waitUntil(() => deepActive() === input);
    await type(code === '111111' ? '222222' : '111111');
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')) === 'That code is not correct. Check it and try again. 4 attempts left.');
    expect(input.value).to.equal('');
    expect(deepActive()).to.equal(input);
    await type(code);
    await outcome;
    await expectProtectedExportAccepted(client);
  });

  it('reopened before the code was typed, it asks for that code: nothing sent again, and the code still works', async () => {
    const log = requestLog();
    const { client } = await signedInClient('bob', { fetch: log.fetch });
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
    void dialog.requestStepUp().catch(() => undefined);
    await waitForOpen(dialog);
    await waitUntil(() => sentText(currentMethod(dialog)) === 'We sent a code to bob@example.com.', 'the sent message');
    const { code } = await latestCode('bob', 'email');
    dialog.close(); // the user looks for the email, then comes back

    const again = dialog.requestStepUp();
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    await waitUntil(() => sentText(method) === 'We sent a code to bob@example.com.', 'the same sentence: that code is on its way');
    expect(log.requests.filter((r) => r === 'POST emailVerifications/create'), 'one send').to.have.length(1);
    expect(await outbox('bob')).to.have.length(1);
    await waitUntil(() => deepActive() === codeInput(method));
    await type(code);
    expect(await again).to.include({ method: 'email' });
  });

  it('right after an email step-up, the next one sends a new code at once (the used code held no cooldown)', async () => {
    const first = await bobDialog();
    await waitUntil(() => sentText(currentMethod(first.dialog)).startsWith('We sent'));
    await waitUntil(() => deepActive() === codeInput(currentMethod(first.dialog)));
    await type((await latestCode('bob', 'email')).code);
    await first.outcome;
    await expectProtectedExportAccepted(first.client); // the single-use token is spent

    const next = first.dialog.requestStepUp();
    next.catch(() => undefined);
    await waitForOpen(first.dialog);
    const method = currentMethod(first.dialog);
    await waitUntil(() => sentText(method) === 'We sent a code to bob@example.com.', 'a new code went out');
    expect(await outbox('bob')).to.have.length(2);
  });

  it('never claims a send the server refused: another window sent one moments ago', async () => {
    const elsewhere = await signedInClient('bob');
    await sendEmailOTP({ email: 'bob@example.com' }, elsewhere.client); // another tab, or before a reload
    const { dialog } = await bobDialog();
    const method = currentMethod(dialog);
    await waitUntil(() => sentText(method) !== '' && !sentText(method).startsWith('Sending'), 'the answer to the send');
    expect(sentText(method)).to.equal('A new code can’t be sent to bob@example.com yet. Ask for one when the timer ends.');
    expect(textOf(inShadow(method, '[part=resend]'))).to.match(/Send a new code.*\d/);
    await expect(dialog).to.be.accessible();
  });

  it('works alone: finds the credential itself, sends, and fires elevated from the element', async () => {
    const { client } = await signedInClient('bob');
    const el = await fixture<StepUpOtp>(html`<step-up-otp channel="email" scope=${SCOPE} .client=${client}></step-up-otp>`);
    await waitUntil(() => sentText(el) === 'We sent a code to bob@example.com.', 'the sent message');
    await expect(el).to.be.accessible();
    const elevated = new Promise<StepUpElevatedEvent>((resolve) => el.addEventListener('elevated', resolve, { once: true }));
    codeInput(el).focus();
    await type((await latestCode('bob', 'email')).code);
    const event = await elevated;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.include({ scope: SCOPE, method: 'email', alreadyElevated: false });
    await expectProtectedExportAccepted(client);
  });

  it('a code the browser reads from the SMS while the typed one is being checked sends no second verify', async () => {
    // Web OTP stubbed (no SMS reaches a test browser); it answers only when told, and, like a
    // code already on its way, answers even after the element has aborted its request.
    let smsRead: (code: string) => void = () => undefined;
    const realGet = navigator.credentials.get;
    navigator.credentials.get = (options?: CredentialRequestOptions) =>
      options && 'otp' in options
        ? new Promise((resolve) => (smsRead = (code) => resolve({ id: '', type: 'otp', code } as Credential)))
        : realGet.call(navigator.credentials, options);
    try {
      const log = requestLog();
      let smsCode = '';
      const { client } = await signedInClient('bob', {
        // the SMS is read at the moment the typed code's verify goes out: certainly in flight
        fetch: (input, init) => {
          const sent = log.fetch(input, init);
          if (log.requests.at(-1) === 'POST smsVerifications/verify') smsRead(smsCode);
          return sent;
        },
      });
      const el = await fixture<StepUpOtp>(html`<step-up-otp channel="sms" scope=${SCOPE} .client=${client}></step-up-otp>`);
      await waitUntil(() => sentText(el) === 'We sent a code to +1 202-555-0123.', 'the sent message', { timeout: 5000 });
      smsCode = (await latestCode('bob', 'sms')).code;
      codeInput(el).focus();
      await type(smsCode);
      const status = () => textOf(inShadow(el, '[part=status]'));
      await waitUntil(() => status() === 'Verified.' || textOf(inShadow(el, '[part=error]')) !== '', 'the code was checked', {
        timeout: 5000,
      });
      expect(log.requests.filter((r) => r === 'POST smsVerifications/verify')).to.have.length(1);
      expect(status()).to.equal('Verified.');
      await expectProtectedExportAccepted(client);
    } finally {
      navigator.credentials.get = realGet;
    }
  });
});
