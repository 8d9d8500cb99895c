// Rough users: double submits, junk pasted into code fields, closing mid-request, reopening
// at once, two dialogs on a page, the element torn out mid-flow, going offline and back.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import type { StepUpClient } from '../src/index.js';
import { codeInput, collect, currentMethod, paste, press, textOf, type, waitForOpen } from './support/elements.js';
import { latestCode, outbox, resetBackend, secretsOf, signedInClient } from './support/backend.js';

const SCOPE = 'wallet:export';

/**
 * A client for alice whose requests are recorded as "METHOD path" and can be held back, and
 * whose `settled()` waits until every request sent so far has answered or failed — so a test
 * waits on what happened, not on time.
 */
async function aliceClient() {
  const sent: string[] = [];
  const codesSent: string[] = [];
  const answers: Promise<unknown>[] = [];
  let hold: Promise<void> | undefined;
  const { client } = await signedInClient('alice', {
    fetch: (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${new URL(String(input), location.href).pathname.split('/').slice(-3).join('/')}`);
      if (String(input).endsWith('/totp')) codesSent.push(JSON.parse(String(init?.body)).code);
      const held = hold && init?.method === 'POST' && String(input).endsWith('/totp') ? hold : undefined;
      const answer = (async () => {
        await held;
        return fetch(input, init);
      })();
      answers.push(answer.catch(() => undefined));
      return answer;
    },
  });
  return {
    client,
    sent,
    codesSent,
    /** Every request so far has answered (or failed), and whatever its answer set off has run. */
    async settled() {
      await Promise.all(answers);
      await aTimeout(0); // one task later: the promise chains hanging off those answers have run
    },
    holdVerify() {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

async function openDialog(client: StepUpClient) {
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined);
  await waitForOpen(dialog);
  return { dialog, outcome, input: codeInput(currentMethod(dialog)) };
}

const totp = async () => generate({ secret: (await secretsOf('alice')).totpSecret! });
const verifies = (sent: string[]) => sent.filter((r) => r === 'POST mfa/auth/totp');

describe('rough users', () => {
  beforeEach(resetBackend);

  it('a double Enter and a double click on Verify send one request', async () => {
    const { client, sent, holdVerify } = await aliceClient();
    const { dialog, outcome, input } = await openDialog(client);
    const release = holdVerify();
    input.value = await totp();
    input.focus();
    await press('Enter');
    await press('Enter');
    const verify = currentMethod(dialog).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]');
    verify?.click();
    verify?.click();
    await waitUntil(() => verifies(sent).length > 0, 'the verify request went out');
    release();
    await outcome;
    expect(verifies(sent)).to.have.length(1);
  });

  it('pasted letters are dropped and twelve digits are cut to the code length', async () => {
    const { client, codesSent, settled } = await aliceClient();
    const { dialog, input } = await openDialog(client);
    input.focus();
    paste(input, 'abcdef');
    await currentMethod(dialog).updateComplete;
    expect(input.value).to.equal('');
    expect(codesSent, 'letters alone send nothing').to.deep.equal([]);
    paste(input, '123456789012');
    await waitUntil(() => textOf(currentMethod(dialog)).includes('not correct'), 'the cut code was checked (and is wrong)');
    await settled();
    expect(codesSent).to.deep.equal(['123456']);
    dialog.close();
  });

  it('closing during the verify request: the request is aborted, no late elevated, no unhandled rejection', async () => {
    const { client, sent, holdVerify, settled } = await aliceClient();
    const { dialog, outcome, input } = await openDialog(client);
    const elevated = collect(document, 'elevated');
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    const release = holdVerify();
    input.focus();
    await type(await totp());
    await waitUntil(() => verifies(sent).length === 1, 'the verify request went out');
    dialog.close();
    release();
    expect(await outcome.catch((e: { code: string }) => e.code)).to.equal('cancelled');
    await settled();
    window.removeEventListener('unhandledrejection', onUnhandled);
    expect(elevated).to.have.length(0);
    expect(client.listElevatedTokens()).to.deep.equal([]);
    expect(unhandled).to.deep.equal([]);
  });

  it('reopening right after closing starts cleanly and completes', async () => {
    const { client } = await aliceClient();
    const { dialog } = await openDialog(client);
    dialog.close();
    const again = dialog.requestStepUp();
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    await type(await totp());
    expect(await again).to.include({ scope: SCOPE, method: 'totp' });
  });

  it('two dialogs on one page each finish their own step-up', async () => {
    const { client } = await aliceClient();
    const page = await fixture(html`<div>
      <step-up-dialog id="a" scope="wallet:export" .client=${client}></step-up-dialog>
      <step-up-dialog id="b" scope="credential:link" .client=${client}></step-up-dialog>
    </div>`);
    const [a, b] = [page.querySelector<StepUpDialog>('#a')!, page.querySelector<StepUpDialog>('#b')!];
    const elevatedA = collect(a, 'elevated');
    const first = a.requestStepUp();
    await waitForOpen(a);
    codeInput(currentMethod(a)).focus();
    await type(await totp());
    await first;
    const second = b.requestStepUp();
    await waitForOpen(b);
    const { recoveryCodes } = await secretsOf('alice');
    (b.shadowRoot!.querySelector<HTMLButtonElement>('[part~=method-option]') ?? b.shadowRoot!.querySelector<HTMLButtonElement>('.others button'))!.click();
    await waitUntil(() => currentMethod(b).localName === 'step-up-recovery-code');
    codeInput(currentMethod(b)).focus();
    await type(recoveryCodes![0]!);
    await press('Enter');
    expect(await second).to.include({ scope: 'credential:link', method: 'recovery-code' });
    expect(elevatedA).to.have.length(1);
  });

  it('removing the element mid-flow cancels it: no late elevated', async () => {
    const { client, sent, holdVerify, settled } = await aliceClient();
    const { dialog, outcome, input } = await openDialog(client);
    const elevated = collect(document, 'elevated');
    const release = holdVerify();
    input.focus();
    await type(await totp());
    await waitUntil(() => verifies(sent).length === 1, 'the verify request went out');
    dialog.remove();
    release();
    expect(await outcome.catch((e: { code: string }) => e.code)).to.equal('cancelled');
    await settled();
    expect(elevated).to.have.length(0);
  });

  it('offline: a clear error and the dialog stays usable; back online the retry works', async () => {
    let online = false;
    const { client } = await signedInClient('alice', {
      fetch: (input, init) => (online || !String(input).endsWith('/totp') ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
    });
    const { dialog, outcome, input } = await openDialog(client);
    input.focus();
    await type(await totp());
    await waitUntil(() => textOf(currentMethod(dialog)).includes('could not be reached'), 'the offline message');
    expect(dialog.open).to.equal(true);
    online = true;
    codeInput(currentMethod(dialog)).focus();
    await type(await totp()); // the first code never reached the server, so it is still good
    expect(await outcome).to.include({ method: 'totp' });
  });
});

describe('closing during each method’s request', () => {
  beforeEach(resetBackend);

  /** A client whose verify requests hang until aborted, recording whether their signal fired. */
  async function hangingVerifies(userId: string) {
    const verifySignals: AbortSignal[] = [];
    const { client } = await signedInClient(userId, {
      fetch: (input, init) => {
        const url = String(input);
        const isVerify = init?.method === 'POST' && /(verify|mfa\/auth\/(totp|recovery))$/.test(url);
        if (!isVerify) return fetch(input, init);
        verifySignals.push(init!.signal!);
        return new Promise<Response>((_, reject) =>
          init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true }),
        );
      },
    });
    return { client, verifySignals };
  }

  const cases: Array<{ method: string; userId: string; option?: string; code: () => Promise<string> }> = [
    { method: 'totp', userId: 'alice', code: totp },
    { method: 'recovery-code', userId: 'alice', option: 'Recovery', code: async () => (await secretsOf('alice')).recoveryCodes![0]! },
    { method: 'email', userId: 'bob', code: async () => (await latestCode('bob', 'email')).code },
    { method: 'sms', userId: 'bob', option: 'Text message', code: async () => (await latestCode('bob', 'sms')).code },
  ];
  for (const { method, userId, option, code } of cases) {
    it(`${method}: the verify request is aborted, nothing is reported late, nothing is stored`, async () => {
      const { client, verifySignals } = await hangingVerifies(userId);
      const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
      const outcome = dialog.requestStepUp();
      outcome.catch(() => undefined);
      await waitForOpen(dialog);
      if (option) {
        [...dialog.shadowRoot!.querySelectorAll<HTMLElement>('[part~=method-option]')].find((b) => b.textContent!.includes(option))!.click();
        const wanted = method === 'sms' ? 'step-up-otp[channel=sms]' : `step-up-${method}`;
        await waitUntil(() => currentMethod(dialog).matches(wanted), `the ${method} method`);
      }
      await waitUntil(() => currentMethod(dialog).shadowRoot?.querySelector('input'), 'the code field');
      if (method === 'email' || method === 'sms') await waitUntil(async () => (await outbox(userId)).some((m) => m.channel === method), 'the code was sent');
      const elevated = collect(document, 'elevated');
      const input = codeInput(currentMethod(dialog));
      input.focus();
      await type(await code());
      if (method === 'recovery-code') await press('Enter');
      await waitUntil(() => verifySignals.length === 1, 'the verify request went out');
      await expect(dialog).to.be.accessible(); // the "verifying" state
      dialog.close();
      expect(await outcome.catch((e: { code: string }) => e.code)).to.equal('cancelled');
      expect(verifySignals[0]!.aborted, 'the request was aborted').to.equal(true);
      await aTimeout(0); // one task later: what the aborted request's rejection set off has run
      expect(elevated).to.have.length(0);
      expect(client.listElevatedTokens()).to.deep.equal([]);
    });
  }
});
