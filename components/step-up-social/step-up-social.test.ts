import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { sendMouse } from '@web/test-runner-commands';
import { TokenScope } from '../../src/index.js';
import { resetBackend, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-dialog.js';
import { currentMethod, expectProtectedExportAccepted, inShadow, textOf, waitForOpen, shownMethod } from '../../test/support/elements.js';
import type { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

const SCOPE = TokenScope.Walletexport;
const CALLBACK = '/test/support/oauth-callback.html';

async function bobOnGoogle() {
  const { client } = await signedInClient('bob');
  const dialog = await fixture<StepUpDialog>(
    html`<step-up-dialog scope=${SCOPE} social-redirect-url=${CALLBACK} .client=${client}></step-up-dialog>`,
  );
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined);
  await waitForOpen(dialog);
  const google = [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((b) =>
    textOf(b).startsWith('Sign in with Google'),
  )!;
  expect(textOf(google)).to.equal('Sign in with Google bob.demo@gmail.com');
  google.click();
  await waitUntil(() => shownMethod(dialog, 'step-up-social'), 'the social method');
  await currentMethod(dialog).updateComplete;
  return { client, dialog, outcome, button: inShadow<HTMLButtonElement>(currentMethod(dialog), '[part~=submit-button]') };
}

describe('<step-up-social>', () => {
  beforeEach(resetBackend);

  it('signs in again in a real popup: Continue there, and the protected call is accepted', async () => {
    const { client, dialog, outcome, button } = await bobOnGoogle();
    expect(textOf(inShadow(currentMethod(dialog), '[part=intro]'))).to.equal('Sign in again with Google as bob.demo@gmail.com.');
    await expect(dialog).to.be.accessible();
    let popup: Window | null = null;
    const open = window.open;
    window.open = (...args) => (popup = open.apply(window, args)); // records the popup, opens it for real
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    window.open = open;
    expect(popup, 'a popup opened').to.not.equal(null);
    await waitUntil(() => {
      try {
        return popup!.document.querySelector('button[value=allow]') !== null && popup!.document.readyState === 'complete';
      } catch {
        return false;
      }
    }, 'the provider page', { timeout: 5000 });
    expect(popup!.document.querySelector('button[value=allow]')!.textContent).to.equal('Continue');
    popup!.document.querySelector<HTMLButtonElement>('button[value=allow]')!.click();
    expect(await outcome).to.include({ method: 'social', credentialId: 'bob-google' });
    await expectProtectedExportAccepted(client);
  });

  it('a blocked popup says so and offers to continue in this window', async () => {
    const { dialog, button } = await bobOnGoogle();
    button.click(); // a script click, not the user's: the browser blocks the popup
    const method = currentMethod(dialog);
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')).startsWith('The sign-in window was blocked'), 'blocked message');
    expect(textOf(inShadow(method, '[part~=retry-button]'))).to.equal('Continue in this window');
    expect(dialog.open).to.equal(true);
    await expect(dialog).to.be.accessible();
  });
});
