// What the dialog says is being approved: the action named, its details, how long the approval
// lasts (before, from the scope policy; after, from the token received) — in English, German
// and right to left.
import { expect, fixture, html } from '@open-wc/testing';
import { generate } from 'otplib';
import { TokenScope, type StepUpClient } from '../../src/index.js';
import { resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import { codeInput, currentMethod, deepActive, inShadow, textOf, type, waitForOpen } from '../../test/support/elements.js';
import { waitUntil } from '../../test/support/wait.js';
import '../define/step-up-dialog.js';
import type { StepUpDialog } from './step-up-dialog.js';

const DETAILS = [
  { label: 'Wallet', value: '0x1234…abcd' },
  { label: 'Destination', value: 'Ledger Nano X' },
];

async function dialogFor(client: StepUpClient, lang = 'en'): Promise<StepUpDialog> {
  const root = await fixture<HTMLDivElement>(html`<div>
    <step-up-dialog lang=${lang} action="Export private key" .details=${DETAILS} .client=${client}>
      <p slot="reason">Exports are confirmed every time.</p>
    </step-up-dialog>
  </div>`);
  return root.querySelector('step-up-dialog')!;
}

const description = (dialog: StepUpDialog) => textOf(inShadow(dialog, '[part="description"]'));
const announcement = (dialog: StepUpDialog) => textOf(inShadow(dialog, '[role="status"].visually-hidden'));

async function typeTotpCode(dialog: StepUpDialog): Promise<void> {
  await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
  const { totpSecret } = await secretsOf('alice');
  await type(await generate({ secret: totpSecret! }));
}

describe('<step-up-dialog> says what is being approved', () => {
  beforeEach(resetBackend);
  afterEach(() => document.documentElement.removeAttribute('dir'));

  it('names the action, lists the details, shows the reason, and says a single-use approval covers this one action', async () => {
    const { client } = await signedInClient('alice');
    const dialog = await dialogFor(client);
    const outcome = dialog.requestStepUp(TokenScope.Walletexport);
    await waitForOpen(dialog);
    await waitUntil(() => currentMethod(dialog) !== null, 'the method is shown');

    expect(description(dialog)).to.equal('To continue with “Export private key”, confirm it’s you. Your approval covers this one action.');
    expect(inShadow(dialog, 'dialog').getAttribute('aria-describedby')).to.equal('description');
    const details = inShadow(dialog, '[part="details"]');
    expect(details.getAttribute('aria-label')).to.equal('What you are approving');
    expect([...details.querySelectorAll('dt')].map(textOf)).to.deep.equal(['Wallet', 'Destination']);
    expect([...details.querySelectorAll('dd')].map(textOf)).to.deep.equal(['0x1234…abcd', 'Ledger Nano X']);
    const reason = inShadow<HTMLSlotElement>(dialog, 'slot[name="reason"]').assignedElements();
    expect(reason.map(textOf)).to.deep.equal(['Exports are confirmed every time.']);
    await expect(dialog).to.be.accessible();

    await typeTotpCode(dialog);
    expect(await outcome).to.include({ singleUse: true, alreadyElevated: false });
    // Said after the dialog closed, from the token received: heard by screen readers, not seen.
    await waitUntil(() => announcement(dialog) !== '', 'the approval is announced');
    expect(announcement(dialog)).to.equal('Confirmed. Your approval covers this one action.');
    await expect(dialog).to.be.accessible();
  });

  it('a multi-use scope lasts minutes: 10 before (the policy), and what the token received says after', async () => {
    const { client } = await signedInClient('alice');
    const dialog = await dialogFor(client);
    const outcome = dialog.requestStepUp(TokenScope.Walletsign, { action: 'Sign a message', details: [] });
    await waitForOpen(dialog);
    expect(description(dialog)).to.equal('To continue with “Sign a message”, confirm it’s you. Your approval lasts 10 minutes.');
    expect(dialog.shadowRoot!.querySelector('[part="details"]'), 'no details given for this run').to.equal(null);

    await typeTotpCode(dialog);
    const elevation = await outcome;
    expect(elevation).to.include({ singleUse: false });
    await waitUntil(() => announcement(dialog) !== '', 'the approval is announced');
    expect(announcement(dialog)).to.equal('Confirmed. Your approval lasts 10 minutes.');
    // A new run starts with nothing to announce.
    void dialog.requestStepUp(TokenScope.Walletexport).catch(() => undefined);
    await dialog.updateComplete;
    expect(announcement(dialog)).to.equal('');
    dialog.close();
  });

  it('in German', async () => {
    const { client } = await signedInClient('alice');
    const dialog = await dialogFor(client, 'de');
    void dialog.requestStepUp(TokenScope.Walletexport).catch(() => undefined);
    await waitForOpen(dialog);
    await waitUntil(() => description(dialog).startsWith('Um mit'), 'the German strings are loaded');
    expect(description(dialog)).to.equal(
      'Um mit „Export private key“ fortzufahren, bestätigen Sie bitte, dass Sie es sind. Ihre Bestätigung gilt nur für diese eine Aktion.',
    );
    expect(inShadow(dialog, '[part="details"]').getAttribute('aria-label')).to.equal('Was Sie bestätigen');
    await expect(dialog).to.be.accessible();
    dialog.close();
  });

  it('right to left: the details read from the right, labels first', async () => {
    document.documentElement.setAttribute('dir', 'rtl');
    const { client } = await signedInClient('alice');
    const dialog = await dialogFor(client);
    void dialog.requestStepUp(TokenScope.Walletexport).catch(() => undefined);
    await waitForOpen(dialog);
    const [label, value] = [inShadow(dialog, '[part="details"] dt'), inShadow(dialog, '[part="details"] dd')];
    expect(label.getBoundingClientRect().right, 'the label is on the right').to.be.greaterThan(value.getBoundingClientRect().right);
    // The approval's text (not its box, which spans the line) starts at the right edge.
    const approvalText = document.createRange();
    approvalText.selectNodeContents(inShadow(dialog, '[part="approval"]'));
    const text = approvalText.getBoundingClientRect();
    const panel = inShadow(dialog, '[part="panel"]').getBoundingClientRect();
    expect(panel.right - text.right, 'the approval starts at the right edge').to.be.lessThan(text.left - panel.left);
    await expect(dialog).to.be.accessible();
    dialog.close();
  });
});
