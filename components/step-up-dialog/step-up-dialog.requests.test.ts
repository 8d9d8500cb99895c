// Fewer waits: after the user acts, each method makes exactly the requests it must — the
// dialog fetches passkey options and wallet nonces while it opens. Requests are counted, never timed.
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { generate } from 'otplib';
import { TokenScope } from '../../src/index.js';
import { announceDemoWallet, createDemoWallet } from '../../src/dev/index.js';
import { advanceServerClock, enrolPasskey, latestCode, resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-dialog.js';
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
  shownMethod,
} from '../../test/support/elements.js';
import type { StepUpDialog } from './step-up-dialog.js';

const SCOPE = TokenScope.Walletexport;
const PASSKEY_GET = 'GET users/mfa/auth/passkey';
const PASSKEY_POST = 'POST users/mfa/auth/passkey';

async function open(userId: string, options: { now?: () => number; passkey?: boolean } = {}) {
  const log = requestLog();
  /** The logged requests whose answer has arrived: the server has done its part of them. */
  const answered: string[] = [];
  const fetchAndNote: typeof fetch = async (input, init) => {
    const index = log.requests.length; // log.fetch logs the request here, synchronously
    const response = await log.fetch(input, init);
    answered.push(log.requests[index]!);
    return response;
  };
  if (options.passkey) await executeServerCommand('webauthn:add-authenticator', { options: {} });
  const { client } = await signedInClient(userId, { fetch: fetchAndNote, ...(options.now ? { now: options.now } : {}) });
  // enrolled through another session, so the registration requests stay out of the log
  if (options.passkey) await enrolPasskey((await signedInClient(userId)).client, userId);
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined);
  await waitForOpen(dialog);
  return { client, dialog, outcome, log, answered };
}

/** What the code method says about the code it sent ("We sent a code to …"). */
const sentMessage = (dialog: StepUpDialog) => textOf(inShadow(currentMethod(dialog), '[part=intro]'));

async function switchTo(dialog: StepUpDialog, label: string, tag: string) {
  [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((b) => textOf(b).startsWith(label))!.click();
  await waitUntil(() => shownMethod(dialog, tag), `${tag} shown`);
  await currentMethod(dialog).updateComplete;
  await waitUntil(() => deepActive() !== null && currentMethod(dialog).shadowRoot!.contains(deepActive()), 'focus in the method');
}

const button = (dialog: StepUpDialog, selector = 'button') => inShadow<HTMLButtonElement>(currentMethod(dialog), selector);

describe('<step-up-dialog> requests', () => {
  beforeEach(resetBackend);
  afterEach(() => executeServerCommand('webauthn:remove-authenticators'));

  it('authenticator app: the typed code is the only request', async () => {
    const { client, dialog, outcome, log } = await open('alice');
    expect(log.requests).to.deep.equal(['POST stepUp/check']);
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)));
    const mark = log.requests.length;
    const { totpSecret } = await secretsOf('alice');
    await type(await generate({ secret: totpSecret! }));
    await outcome;
    expect(log.since(mark)).to.deep.equal(['POST users/mfa/auth/totp']);
    await expectProtectedExportAccepted(client);
  });

  it('recovery code: the typed code is the only request', async () => {
    const { dialog, outcome, log } = await open('alice');
    await switchTo(dialog, 'Recovery code', 'step-up-recovery-code');
    const mark = log.requests.length;
    const { recoveryCodes } = await secretsOf('alice');
    await type(recoveryCodes![0]!);
    await outcome;
    expect(log.since(mark)).to.deep.equal(['POST users/mfa/auth/recovery']);
  });

  it('email code: one send when it opens, one verify when the code is typed', async () => {
    const { dialog, outcome, log } = await open('bob');
    // the outbox is read once the user is told the code went out, not when the send is merely issued
    await waitUntil(() => sentMessage(dialog) === 'We sent a code to bob@example.com.', 'the user is told the code was sent', {
      timeout: 5000,
    });
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)));
    const { code } = await latestCode('bob', 'email');
    await type(code);
    await outcome;
    expect(log.requests).to.deep.equal(['POST stepUp/check', 'POST emailVerifications/create', 'POST emailVerifications/verify']);
  });

  it('SMS code: one send when chosen, one verify when the code is typed', async () => {
    const { dialog, outcome, log } = await open('bob');
    await waitUntil(() => log.requests.includes('POST emailVerifications/create'), 'email code sent on opening');
    const mark = log.requests.length;
    await switchTo(dialog, 'Text message code', 'step-up-otp');
    await waitUntil(() => currentMethod(dialog).getAttribute('channel') === 'sms', 'the SMS method');
    await waitUntil(() => sentMessage(dialog) === 'We sent a code to +1 202-555-0123.', 'the user is told the code was sent', {
      timeout: 5000,
    });
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)));
    const { code } = await latestCode('bob', 'sms');
    await type(code);
    await outcome;
    expect(log.since(mark)).to.deep.equal(['POST smsVerifications/create', 'POST smsVerifications/verify']);
  });

  it('passkey: the options are fetched while the dialog opens; pressing sends only the assertion', async () => {
    const { client, dialog, outcome, log } = await open('alice', { passkey: true });
    await waitUntil(() => log.requests.includes(PASSKEY_GET), 'options prefetched');
    expect(log.requests).to.deep.equal(['POST stepUp/check', PASSKEY_GET]);
    const mark = log.requests.length;
    button(dialog).click();
    expect(await outcome).to.include({ method: 'passkey' });
    expect(log.since(mark)).to.deep.equal([PASSKEY_POST]);
    await expectProtectedExportAccepted(client);
  });

  it('passkey: options older than their freshness window are fetched again on press', async () => {
    let offset = 0;
    const { dialog, outcome, log } = await open('alice', { passkey: true, now: () => Date.now() + offset });
    await waitUntil(() => log.requests.includes(PASSKEY_GET), 'options prefetched');
    offset = 61_000; // the user read for a minute
    const mark = log.requests.length;
    button(dialog).click();
    await outcome;
    expect(log.since(mark)).to.deep.equal([PASSKEY_GET, PASSKEY_POST]);
  });

  it('passkey: a prefetched challenge the server has let lapse is replaced once, and the press still succeeds', async () => {
    const { dialog, outcome, log, answered } = await open('alice', { passkey: true });
    // the clock moves only once the server has answered with the challenge; nothing on screen shows the prefetch
    await waitUntil(() => answered.includes(PASSKEY_GET), 'options prefetched', { timeout: 5000 });
    await advanceServerClock(3 * 60); // past the server's 2-minute challenge lifetime
    const mark = log.requests.length;
    button(dialog).click();
    expect(await outcome).to.include({ method: 'passkey' });
    expect(log.since(mark)).to.deep.equal([PASSKEY_POST, PASSKEY_GET, PASSKEY_POST]);
  });

  it('wallet: the nonce is fetched when the method is shown; signing sends only the signed message', async () => {
    const { walletPrivateKey } = await secretsOf('bob');
    const stop = announceDemoWallet(createDemoWallet({ privateKey: walletPrivateKey as `0x${string}` }));
    try {
      const { client, dialog, outcome, log } = await open('bob');
      await switchTo(dialog, 'Wallet signature', 'step-up-wallet');
      await waitUntil(() => log.requests.includes('GET nonce'), 'nonce prefetched');
      const mark = log.requests.length;
      button(dialog, '[part~=wallet-button]').click();
      expect(await outcome).to.include({ method: 'wallet' });
      expect(log.since(mark)).to.deep.equal(['POST wallets/verify']);
      await expectProtectedExportAccepted(client);
    } finally {
      stop();
    }
  });
});
