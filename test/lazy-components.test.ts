// The documented import (`step-up-kit/components`) defines the dialog at once and a method's
// element only when the dialog first shows it: a TOTP user's page never defines — never loads —
// the passkey, wallet or social elements.
import { expect, fixture, html } from '@open-wc/testing';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { TokenScope } from '../src/index.js';
import { resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { codeInput, currentMethod, deepActive, type, waitForOpen } from './support/elements.js';
import { waitUntil } from './support/wait.js';

const METHOD_TAGS = ['step-up-passkey', 'step-up-totp', 'step-up-otp', 'step-up-recovery-code', 'step-up-social', 'step-up-wallet'];
const defined = () => METHOD_TAGS.filter((tag) => customElements.get(tag));

describe('step-up-kit/components', () => {
  beforeEach(resetBackend);

  it('defines the dialog at once and a method when it is first shown: the code methods together, nothing else', async () => {
    expect(customElements.get('step-up-dialog')).to.not.equal(undefined);
    expect(defined()).to.deep.equal([]);

    const { client } = await signedInClient('alice');
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`);
    const outcome = dialog.requestStepUp(TokenScope.Walletexport);
    await waitForOpen(dialog);
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'the TOTP field, loaded and focused');
    await type(await generate({ secret: (await secretsOf('alice')).totpSecret! }));
    expect(await outcome).to.include({ method: 'totp' });

    expect(defined()).to.deep.equal(['step-up-totp', 'step-up-otp', 'step-up-recovery-code']);
  });
});
