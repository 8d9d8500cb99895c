// The single-file bundle as published (dist/browser/step-up-kit.js, written by `npm run build`,
// which `npm run test:browser` runs first): built from the compiled package — minified
// templates, tslib's decorator helper, Lit inlined — it must define the elements itself and
// walk a user through a step-up to the protected call.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { generate } from 'otplib';
import type * as Elements from '../components/index.js';
import { codeInput, currentMethod, deepActive, textOf, type, waitForOpen } from './support/elements.js';
import type * as Core from '../src/index.js';
import { API_BASE, resetBackend, secretsOf, signIn } from './support/backend.js';

const BUNDLE = '/dist/browser/step-up-kit.js';
const kit = (await import(/* @vite-ignore */ BUNDLE)) as typeof Core & typeof Elements;

describe('the single-file bundle', () => {
  beforeEach(resetBackend);

  it('defines every element with its own classes', () => {
    expect(customElements.get('step-up-dialog')).to.equal(kit.StepUpDialog);
    for (const tag of ['step-up-passkey', 'step-up-totp', 'step-up-otp', 'step-up-recovery-code', 'step-up-social', 'step-up-wallet']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
  });

  it('walks an authenticator-app user through to the protected call', async () => {
    const { jwt, environmentId } = await signIn('alice');
    const client = kit.createStepUpClient({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
    const dialog = document.createElement('step-up-dialog') as Elements.StepUpDialog;
    dialog.client = client;
    document.body.append(dialog);
    try {
      const outcome = dialog.requestStepUp(kit.TokenScope.Walletexport);
      await waitForOpen(dialog);
      expect(textOf(dialog)).to.include('Confirm it’s you');
      expect(currentMethod(dialog).localName).to.equal('step-up-totp');
      await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');

      const { totpSecret } = await secretsOf('alice');
      await type(await generate({ secret: totpSecret! }));
      expect(await outcome).to.include({ method: 'totp', alreadyElevated: false });

      const url = `${API_BASE}/protected/wallet/export`;
      const response = await kit.elevatedFetch(url, { method: 'POST', scope: kit.TokenScope.Walletexport }, client);
      expect(response.status).to.equal(200);
    } finally {
      dialog.remove();
    }
  });
});
