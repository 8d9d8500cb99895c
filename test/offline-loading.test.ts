// Offline while the kit's code is still loading: the dialog's view, or a method's element, fails
// to download with the browser's own network error (the DevTools protocol fails the request,
// test/support/network-failure-plugin.mjs). The user gets a sentence and a page that still
// works, and once back online the same dialog loads what it could not: the kit forgets a failed
// dynamic import (step-up-dialog.ts, element-loaders.ts) so that asking again fetches it again.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { StepUpError, TokenScope } from '../src/index.js';
import { resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { codeInput, collect, deepActive, inShadow, press, shownMethod, textOf, type, waitForOpen } from './support/elements.js';
import { waitUntil } from './support/wait.js';

const VIEW = '/step-up-dialog/dialog-view.';
/** The authenticator-app and recovery-code elements (alice's first method): one module loads them. */
const MFA_METHODS = '/define/step-up-mfa-methods.';

const failRequests = (parts: string[]) => executeServerCommand('network:fail', { urlPatterns: parts.map((part) => `*${part}*`) });
const triedToFetch = (part: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(part));

describe('offline while the kit loads', () => {
  beforeEach(resetBackend);
  afterEach(() => failRequests([]));

  // Alone in this file: nothing on the page has loaded the view or a method yet.
  it('the view: network_error and nothing opens; a method: "Try again", focused; back online the step-up completes', async () => {
    await failRequests([VIEW, MFA_METHODS]);
    const { client } = await signedInClient('alice');
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`);
    const cancels = collect(dialog, 'stepupcancel');

    const error = await dialog.requestStepUp(TokenScope.Walletexport).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(StepUpError);
    expect((error as StepUpError).code).to.equal('network_error');
    expect((error as StepUpError).message).to.equal('The step-up dialog could not be loaded.');
    expect(triedToFetch(VIEW), 'the browser tried to fetch the view').to.equal(true);
    expect(dialog.open).to.equal(false);
    expect(cancels, 'no run started, so none was cancelled').to.have.length(0);

    // The view can load now; the authenticator-app element still cannot.
    await failRequests([MFA_METHODS]);
    const outcome = dialog.requestStepUp(TokenScope.Walletexport);
    await waitForOpen(dialog);
    await waitUntil(() => dialog.shadowRoot!.querySelector('[part=load-error]'), 'the method\'s load error');
    expect(textOf(inShadow(dialog, '[part=load-error] [role=alert]'))).to.equal(
      'The server could not be reached. Check your connection and try again.',
    );
    const retry = inShadow<HTMLButtonElement>(dialog, '[part=load-error] [part=retry-button]');
    await waitUntil(() => deepActive() === retry, '"Try again" focused');
    expect(customElements.get('step-up-totp') === undefined, 'the TOTP element is not defined').to.equal(true);
    expect(dialog.open, 'the dialog stays open').to.equal(true);

    await failRequests([]);
    await press('Enter');
    await waitUntil(() => shownMethod(dialog, 'step-up-totp'), 'the TOTP element, loaded');
    const method = shownMethod(dialog, 'step-up-totp')!;
    await waitUntil(() => deepActive() === codeInput(method), 'the TOTP field focused');
    await type(await generate({ secret: (await secretsOf('alice')).totpSecret! }));
    expect(await outcome).to.include({ scope: 'wallet:export', method: 'totp' });
    expect(cancels).to.have.length(0);
  });
});
