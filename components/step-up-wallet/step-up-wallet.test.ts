import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { shortenAddress, TokenScope } from '../../src/index.js';
import { createDemoWallet, announceDemoWallet } from '../../src/dev/demo-wallet.js';
import { resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import '../define/step-up-dialog.js';
import { currentMethod, expectProtectedExportAccepted, inShadow, textOf, waitForOpen, shownMethod } from '../../test/support/elements.js';
import type { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

const SCOPE = TokenScope.Walletexport;
let stopAnnouncing: (() => void) | undefined;

async function bobOnWallet(privateKey: `0x${string}`, approve?: () => boolean) {
  stopAnnouncing = announceDemoWallet(createDemoWallet({ privateKey, ...(approve ? { approve } : {}) }));
  const { client } = await signedInClient('bob');
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope=${SCOPE} .client=${client}></step-up-dialog>`);
  const outcome = dialog.requestStepUp();
  outcome.catch(() => undefined);
  await waitForOpen(dialog);
  [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')]
    .find((b) => textOf(b).startsWith('Wallet signature'))!
    .click();
  await waitUntil(() => shownMethod(dialog, 'step-up-wallet'), 'the wallet method');
  const method = currentMethod(dialog);
  await method.updateComplete;
  return { client, dialog, outcome, method };
}

const walletButton = (method: Element) => inShadow<HTMLButtonElement>(method, '[part~=wallet-button]');

describe('<step-up-wallet>', () => {
  beforeEach(resetBackend);
  afterEach(() => stopAnnouncing?.());

  it('lists the demo wallet, shows the linked address, and a signature elevates', async () => {
    const { walletPrivateKey, walletAddress } = await secretsOf('bob');
    const { client, dialog, outcome, method } = await bobOnWallet(walletPrivateKey as `0x${string}`);
    expect(textOf(inShadow(method, '[part=expected]'))).to.equal(`Linked wallet ${shortenAddress(walletAddress!)}`);
    expect(textOf(walletButton(method))).to.equal('Sign with Demo Wallet');
    await expect(dialog).to.be.accessible();
    walletButton(method).click();
    expect(await outcome).to.include({ method: 'wallet', credentialId: 'bob-wallet' });
    await expectProtectedExportAccepted(client);
  });

  it('a declined wallet request says so and can be tried again', async () => {
    const { walletPrivateKey } = await secretsOf('bob');
    let allow = false;
    const { dialog, method } = await bobOnWallet(walletPrivateKey as `0x${string}`, () => allow);
    walletButton(method).click();
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')) !== '', 'the refusal');
    expect(textOf(inShadow(method, '[role=alert]'))).to.equal('The wallet connection was declined.');
    await expect(dialog).to.be.accessible();
    allow = true;
    walletButton(method).click();
    await waitUntil(() => !dialog.open, 'elevated after approving');
  });

  it('another wallet than the linked one is refused with a clear message', async () => {
    const other = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
    const { dialog, method } = await bobOnWallet(other);
    walletButton(method).click();
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')) !== '', 'the mismatch');
    expect(textOf(inShadow(method, '[role=alert]'))).to.equal(
      'That wallet is not the one linked to your account. Switch to the linked wallet and try again.',
    );
    expect(dialog.open).to.equal(true);
  });
});
