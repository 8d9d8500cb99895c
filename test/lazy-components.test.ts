// The documented import (`step-up-kit/components`) defines the dialog at once; what the dialog
// does once used (its view) loads when the page is idle or when it is first asked; a method's
// element only when the dialog first shows it: a TOTP user's page never defines — never loads —
// the email/SMS, passkey, wallet or social elements.
import { expect, fixture, html } from '@open-wc/testing';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { StepUpError, TokenScope } from '../src/index.js';
import { resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { codeInput, currentMethod, deepActive, type, waitForOpen } from './support/elements.js';
import { waitUntil } from './support/wait.js';

const METHOD_TAGS = ['step-up-passkey', 'step-up-totp', 'step-up-otp', 'step-up-recovery-code', 'step-up-social', 'step-up-wallet'];
const defined = () => METHOD_TAGS.filter((tag) => customElements.get(tag));
const viewFetched = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/step-up-dialog/dialog-view.'));

describe('step-up-kit/components', () => {
  beforeEach(resetBackend);

  // first in this file: nothing else has loaded the view yet
  it('fetches the dialog\'s view only once a dialog is on the page, when the browser is idle', async () => {
    expect(viewFetched(), 'fetched by the import alone').to.equal(false);
    await fixture<StepUpDialog>(html`<step-up-dialog lang="en"></step-up-dialog>`);
    await waitUntil(viewFetched, 'the view fetched ahead of any step-up');
  });

  it('asked before its view is ready: one promise per scope, and close() cancels it', async () => {
    const { client } = await signedInClient('alice');
    const dialog = document.createElement('step-up-dialog');
    dialog.client = client;
    const cancels: Event[] = [];
    dialog.addEventListener('stepupcancel', (event) => cancels.push(event));
    document.body.append(dialog);
    try {
      // each element takes up its view asynchronously, even when the module is cached: these run before
      const first = dialog.requestStepUp(TokenScope.Walletexport);
      expect(dialog.requestStepUp(TokenScope.Walletexport)).to.equal(first);
      dialog.close();
      const error = await first.then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(StepUpError);
      expect((error as StepUpError).code).to.equal('cancelled');
      expect(cancels).to.have.length(1);
      expect(dialog.open).to.equal(false);
    } finally {
      dialog.remove();
    }
  });

  it('defines the dialog at once and a method when it is first shown: the authenticator app with the recovery code, nothing else', async () => {
    expect(customElements.get('step-up-dialog')).to.not.equal(undefined);
    expect(defined()).to.deep.equal([]);

    const { client } = await signedInClient('alice');
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`);
    const outcome = dialog.requestStepUp(TokenScope.Walletexport);
    await waitForOpen(dialog);
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'the TOTP field, loaded and focused');
    await type(await generate({ secret: (await secretsOf('alice')).totpSecret! }));
    expect(await outcome).to.include({ method: 'totp' });

    expect(defined()).to.deep.equal(['step-up-totp', 'step-up-recovery-code']);
  });
});
