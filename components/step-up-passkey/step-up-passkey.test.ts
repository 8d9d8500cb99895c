import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { TokenScope, type StepUpClient } from '../../src/index.js';
import { enrolPasskey, resetBackend, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-dialog.js';
import { collect, currentMethod, deepActive, expectProtectedExportAccepted, inShadow, textOf, waitForOpen } from '../../test/support/elements.js';
import type { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

const SCOPE = TokenScope.Walletexport;
const setUserVerified = (value: boolean) => executeServerCommand('webauthn:set-user-verified', { value });

async function aliceWithPasskey(fetchImpl?: typeof fetch) {
  await executeServerCommand('webauthn:add-authenticator', { options: {} });
  const { client } = await signedInClient('alice', fetchImpl ? { fetch: fetchImpl } : {});
  // enrolled from another session, so the client under test holds no token of its own
  await enrolPasskey((await signedInClient('alice')).client, 'alice');
  return client;
}

/**
 * Watches the browser's passkey prompt (the real `navigator.credentials.get`, observed, not
 * replaced): whether it is up, and a promise that settles when it has ended.
 */
function watchPrompt() {
  const get = navigator.credentials.get;
  const prompts: Promise<unknown>[] = [];
  navigator.credentials.get = function (this: CredentialsContainer, ...args: Parameters<CredentialsContainer['get']>) {
    const prompt = get.apply(this, args);
    prompts.push(prompt.catch(() => undefined));
    return prompt;
  };
  return {
    get isUp() {
      return prompts.length > 0;
    },
    async ended() {
      await Promise.all(prompts);
      await aTimeout(0); // one task later: what the prompt's end set off has run
    },
    restore: () => (navigator.credentials.get = get),
  };
}

/** From now on the authenticator waits for a touch that never comes: the prompt stays open. */
const holdPromptsOpen = () => executeServerCommand('webauthn:set-automatic-presence', { value: false });

async function openDialog(client: StepUpClient) {
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined);
  await waitForOpen(dialog);
  return { dialog, outcome };
}

const passkeyButton = (dialog: StepUpDialog) => inShadow<HTMLButtonElement>(currentMethod(dialog), 'button');

describe('<step-up-passkey>', () => {
  beforeEach(resetBackend);
  afterEach(() => executeServerCommand('webauthn:remove-authenticators'));

  it('opens with the passkey first; the button runs the ceremony and the protected call is accepted', async () => {
    const client = await aliceWithPasskey();
    const { dialog, outcome } = await openDialog(client);
    expect(currentMethod(dialog).localName).to.equal('step-up-passkey');
    await waitUntil(() => deepActive() === passkeyButton(dialog), 'focus on the passkey button');
    expect(textOf(passkeyButton(dialog))).to.equal('Use passkey');
    await expect(dialog).to.be.accessible();
    passkeyButton(dialog).click();
    expect(await outcome).to.include({ method: 'passkey', alreadyElevated: false });
    await expectProtectedExportAccepted(client);
  });

  it('a refused prompt says so and can be tried again', async () => {
    const client = await aliceWithPasskey();
    const { dialog, outcome } = await openDialog(client);
    await setUserVerified(false);
    passkeyButton(dialog).click();
    const method = currentMethod(dialog);
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')).includes('The passkey prompt was closed'), 'refusal shown');
    expect(textOf(passkeyButton(dialog))).to.equal('Try again');
    expect(dialog.open).to.equal(true);
    await expect(dialog).to.be.accessible();
    await setUserVerified(true);
    passkeyButton(dialog).click();
    await outcome;
    await expectProtectedExportAccepted(client);
  });

  it('closing while the passkey is being checked aborts it: no token, no late elevated', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const verifies: Promise<unknown>[] = [];
    const slowVerify: typeof fetch = (input, init) => {
      if (init?.method !== 'POST' || !String(input).endsWith('/users/mfa/auth/passkey')) return fetch(input, init);
      const answer = held.then(() => fetch(input, init));
      verifies.push(answer.catch(() => undefined));
      return answer;
    };
    const client = await aliceWithPasskey(slowVerify);
    const { dialog, outcome } = await openDialog(client);
    const elevated = collect(document, 'elevated');
    passkeyButton(dialog).click();
    await waitUntil(() => verifies.length === 1, 'the prompt was answered and the assertion is on its way');
    dialog.close();
    release();
    expect((await outcome.catch((e: { code: string }) => e)) as { code: string }).to.include({ code: 'cancelled' });
    await Promise.all(verifies); // the held request has ended (aborted)
    await aTimeout(0); // one task later: what its end set off has run
    expect(elevated).to.have.length(0);
    expect(client.listElevatedTokens()).to.deep.equal([]);
  });

  it('closing while the passkey prompt is open aborts the ceremony: no token, no late elevated', async () => {
    const sent: string[] = [];
    const client = await aliceWithPasskey((input, init) => (sent.push(`${init?.method ?? 'GET'} ${String(input)}`), fetch(input, init)));
    await holdPromptsOpen();
    const { dialog, outcome } = await openDialog(client);
    const elevated = collect(document, 'elevated');
    const prompt = watchPrompt();
    passkeyButton(dialog).click();
    await waitUntil(() => prompt.isUp, 'the browser\'s prompt is up, waiting for the user');
    await sendKeys({ press: 'Escape' });
    expect((await outcome.catch((e: { code: string }) => e)) as { code: string }).to.include({ code: 'cancelled' });
    expect(dialog.open).to.equal(false);
    await prompt.ended();
    prompt.restore();
    expect(elevated).to.have.length(0);
    expect(client.listElevatedTokens()).to.deep.equal([]);
    // the options went out, no assertion ever did
    expect(sent.filter((r) => r.startsWith('GET') && r.endsWith('/users/mfa/auth/passkey'))).to.have.length(1);
    expect(sent.filter((r) => r.startsWith('POST') && r.endsWith('/users/mfa/auth/passkey'))).to.have.length(0);
  });
});
