// What axe cannot see: where focus goes through each flow (never to <body>), a focus indicator
// in forced colours (High Contrast), and the contrast of the focus ring and control borders,
// computed from the theme in light and dark.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createStepUpClient, TokenScope } from '../src/index.js';
import { announceDemoWallet, createDemoWallet } from '../src/dev/demo-wallet.js';
import { resetBackend, secretsOf, signedInClient } from '../test/support/backend.js';
import { codeInput, currentMethod, deepActive, focusLosses, inShadow, press, textOf, type, waitForOpen, shownMethod } from '../test/support/elements.js';
import { jsonAnswer, scriptedRoutes } from '../test/support/scripted.js';
import { waitUntil } from '../test/support/wait.js';
import './define/step-up-dialog.js';
import './define/step-up-totp.js';
import type { StepUpDialog } from './step-up-dialog/step-up-dialog.js';
import type { StepUpTotp } from './step-up-totp/step-up-totp.js';

const SCOPE = TokenScope.Walletexport;

async function openDialog(userId: string, config = {}): Promise<StepUpDialog> {
  const { client } = await signedInClient(userId, config);
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" scope=${SCOPE} .client=${client}></step-up-dialog>`);
  void dialog.requestStepUp().catch(() => undefined);
  return dialog;
}

const describeFocus = (element: Element | null) => (element ? `${element.localName}${element.getAttribute('part') ? `[${element.getAttribute('part')}]` : ''}` : 'nothing');

/** WCAG relative luminance and contrast of two CSS colours, read through a canvas (any syntax the browser knows). */
function contrast(a: string, b: string): number {
  const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const luminance = (color: string) => {
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = color;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

describe('accessibility beyond axe', () => {
  beforeEach(resetBackend);
  afterEach(() => executeServerCommand('media:emulate', { features: [] }));

  it('opening: focus goes to the title, then to the code field — never to Close, never to <body>', async () => {
    const visited: string[] = [];
    const record = () => visited.push(describeFocus(deepActive()));
    document.addEventListener('focusin', record, true);
    const losses = focusLosses();
    try {
      const dialog = await openDialog('alice');
      await waitForOpen(dialog);
      await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'the code field has focus');
      expect(visited[0]).to.equal('h2[title]');
      expect(visited, 'Close is never passed through').not.to.include('button[close-button]');
      expect(losses.losses).to.deep.equal([]);
    } finally {
      document.removeEventListener('focusin', record, true);
      losses.stop();
    }
  });

  it('"Send a new code" keeps focus while it waits and when the server says wait; the wait is announced', async () => {
    const dialog = await openDialog('bob');
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    await waitUntil(() => textOf(inShadow(method, '[part=intro]')).startsWith('We sent'), 'the first code went out');
    expect(textOf(inShadow(method, '.visually-hidden[role=status]'))).to.equal('We sent a code to bob@example.com.');
    const resend = inShadow<HTMLButtonElement>(method, '[part~=resend-button]');
    const losses = focusLosses();
    resend.focus();
    await press('Enter'); // too soon: the server refuses, the button pauses with a countdown
    await waitUntil(() => resend.getAttribute('aria-disabled') === 'true' && /\d/.test(textOf(inShadow(method, '[part=resend]'))), 'the countdown');
    expect(deepActive()).to.equal(resend);
    expect(losses.losses).to.deep.equal([]);
    losses.stop();
    await expect(dialog).to.be.accessible();
  });

  it('a declined wallet request: the button keeps focus through the wait and the refusal', async () => {
    const { walletPrivateKey } = await secretsOf('bob');
    const stop = announceDemoWallet(createDemoWallet({ privateKey: walletPrivateKey as `0x${string}`, approve: () => false }));
    try {
      const dialog = await openDialog('bob');
      await waitForOpen(dialog);
      [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((b) => textOf(b).startsWith('Wallet'))!.click();
      await waitUntil(() => shownMethod(dialog, 'step-up-wallet'), 'the wallet method');
      const method = currentMethod(dialog);
      await method.updateComplete;
      const button = inShadow<HTMLButtonElement>(method, '[part~=wallet-button]');
      const losses = focusLosses();
      button.focus();
      await press('Enter');
      await waitUntil(() => textOf(inShadow(method, '[role=alert]')) !== '', 'the refusal');
      expect(deepActive()).to.equal(button);
      expect(losses.losses).to.deep.equal([]);
      losses.stop();
    } finally {
      stop();
    }
  });

  it('a failed check puts focus on "Try again", not on Close', async () => {
    const { client } = await signedInClient('alice', { getAuthToken: () => null });
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`);
    void dialog.requestStepUp(SCOPE).catch(() => undefined);
    await waitUntil(() => dialog.shadowRoot?.querySelector('[part=check-error]'), 'the check failed');
    await waitUntil(() => deepActive() === inShadow(dialog, '[part=retry-button]'), 'focus on Try again');
  });

  it('a lock states when it ends, and its end is announced once, with focus back in the field', async () => {
    // The server's own lock lasts minutes; here one second, from an answer scripted in its shape.
    const client = createStepUpClient({
      apiBaseUrl: scriptedRoutes({
        'users/mfa/auth/totp': jsonAnswer({ error: 'Too many wrong codes.', code: 'mfa_rate_limited', payload: { retryAfter: 1 } }, 429),
      }),
      environmentId: 'env',
      getAuthToken: () => 'session',
    });
    const el = await fixture<StepUpTotp>(html`<step-up-totp lang="en" scope=${SCOPE} .client=${client}></step-up-totp>`);
    const status = () => textOf(inShadow(el, '.visually-hidden[role=status]'));
    codeInput(el).focus();
    await type('123456');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=countdown]'), 'locked');
    expect(textOf(inShadow(el, '[role=alert]'))).to.match(/^Too many attempts\. Wait a moment and try again\. Locked until .+\.$/);
    expect(status()).to.equal('');
    await waitUntil(() => status() === 'You can try again now.', 'the end of the lock is announced');
    expect(textOf(inShadow(el, '[role=alert]'))).to.equal('');
    expect(deepActive()).to.equal(codeInput(el));
  });

  it('forced colours (High Contrast): a focused control still shows where focus is', async () => {
    const dialog = await openDialog('alice');
    await waitForOpen(dialog);
    await executeServerCommand('media:emulate', { features: [{ name: 'forced-colors', value: 'active' }] });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const method = currentMethod(dialog);
    const input = codeInput(method);
    await waitUntil(() => deepActive() === input, 'the field has focus');
    const style = getComputedStyle(input);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    const panel = getComputedStyle(inShadow(dialog, '[part=dialog]')).backgroundColor;
    expect(contrast(style.outlineColor, panel), `outline ${style.outlineColor} on ${panel}`).to.be.at.least(3);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: the focus ring and the field's border stand out from the surface (3:1 or more)`, async () => {
      const dialog = await openDialog('alice');
      dialog.style.setProperty('--step-up-color-scheme', scheme);
      await waitForOpen(dialog);
      const input = codeInput(currentMethod(dialog));
      await waitUntil(() => deepActive() === input, 'the field has focus');
      const surface = getComputedStyle(inShadow(dialog, '[part=dialog]')).backgroundColor;
      const style = getComputedStyle(input);
      expect(contrast(style.borderTopColor, surface), 'border').to.be.at.least(3);
      // the outer ring (the inner one is a gap of surface colour)
      const ring = [...style.boxShadow.matchAll(/rgba?\([^)]*\)/g)].at(-1)?.[0];
      expect(ring, `a ring colour in "${style.boxShadow}"`).to.be.a('string');
      expect(contrast(ring!, surface), `focus ring ${style.boxShadow} on ${surface}`).to.be.at.least(3);
    });
  }
});
