// Drives the demo page (demo/index.html) in an iframe as a user would, against the reference
// backend: "Export private key" calls its endpoint with no check first, so the server's
// refusal is what opens the dialog, and the call is sent once more after the user verifies.
import { expect } from '@open-wc/testing';
import { generate } from 'otplib';
import { ELEVATED_TOKEN_HEADER } from '../src/index.js';
import type { StepUpDialog } from '../components/step-up-dialog/step-up-dialog.js';
import { API_BASE, resetBackend, secretsOf } from '../test/support/backend.js';
import { codeInput, currentMethod, textOf } from '../test/support/elements.js';
import { waitUntil } from '../test/support/wait.js';

const EXPORT_PATH = `${API_BASE}/protected/wallet/export`;
// The demo keeps its session here across reloads; a session from an earlier test is void after a reset.
const SESSION_KEY = 'step-up-demo:session';

interface SentRequest {
  path: string;
  idempotencyKey: string | null;
  elevatedToken: string | null;
  status: number;
}

let frame: HTMLIFrameElement | undefined;

/** The demo page, loaded and ready: its users listed, the dialog defined. */
async function openDemo(): Promise<{ doc: Document; win: Window & typeof globalThis }> {
  frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1100px; height: 800px; border: 0';
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  frame.src = new URL('index.html', import.meta.url).href;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector('#user option') && doc.querySelector('step-up-dialog')?.shadowRoot, 'the demo did not start');
  return { doc, win: frame.contentWindow as Window & typeof globalThis };
}

async function signInAs(doc: Document, userId: string): Promise<void> {
  doc.querySelector<HTMLSelectElement>('#user')!.value = userId;
  doc.querySelector<HTMLButtonElement>('#sign-in button[type=submit]')!.click();
  await waitUntil(() => doc.querySelector('#signed-in')?.textContent === `Signed in as ${userId}.`, 'did not sign in');
  await waitUntil(() => !doc.querySelector<HTMLButtonElement>('#export')!.disabled, 'the export stayed disabled');
}

/**
 * Every request the page sends, noted with what it answered: the page's own fetch, passed
 * through untouched (to count the calls to a route, never to fake an answer).
 */
function noteRequests(win: Window & typeof globalThis): SentRequest[] {
  const sent: SentRequest[] = [];
  const pageFetch = win.fetch;
  win.fetch = async (input, init) => {
    const request = new win.Request(input, init);
    const response = await pageFetch(request);
    sent.push({
      path: new URL(request.url).pathname,
      idempotencyKey: request.headers.get('idempotency-key'),
      elevatedToken: request.headers.get(ELEVATED_TOKEN_HEADER),
      status: response.status,
    });
    return response;
  };
  return sent;
}

const resultText = (doc: Document) => doc.querySelector('#result')!.textContent ?? '';

/** Presses "Export private key" and waits for the dialog the refusal opens, showing a method. */
async function pressExport(doc: Document): Promise<StepUpDialog> {
  const exportButton = doc.querySelector<HTMLButtonElement>('#export')!;
  exportButton.focus(); // as a click would
  exportButton.click();
  const dialog = doc.querySelector<StepUpDialog>('step-up-dialog')!;
  await waitUntil(() => dialog.open && dialog.shadowRoot?.querySelector('.current > *'), 'the refusal did not open the dialog');
  return dialog;
}

/** Each test starts signed out against a reset backend, and leaves no demo frame behind. */
function startEachTestFresh(): void {
  beforeEach(async () => {
    sessionStorage.removeItem(SESSION_KEY);
    await resetBackend();
  });
  afterEach(() => {
    frame?.remove();
    frame = undefined;
    sessionStorage.removeItem(SESSION_KEY);
  });
}

describe('demo page: "Export private key" with stepUpFetch', () => {
  startEachTestFresh();

  it('the refused export opens the dialog, naming the action; after the authenticator code it is sent once more and its answer shown', async () => {
    const { doc, win } = await openDemo();
    await signInAs(doc, 'alice');
    const sent = noteRequests(win);
    const exports = () => sent.filter((r) => r.path === EXPORT_PATH);

    const dialog = await pressExport(doc);
    expect(exports().map((r) => r.status), 'the first call, before the dialog').to.deep.equal([401]);
    expect(textOf(dialog), 'the dialog names the action').to.contain('“Export private key”');
    const totp = currentMethod(dialog);
    expect(totp.localName).to.equal('step-up-totp');

    const { totpSecret } = await secretsOf('alice');
    const input = codeInput(totp);
    input.value = await generate({ secret: totpSecret! });
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));

    await waitUntil(() => resultText(doc).startsWith('wallet:export: refused → verified by totp → sent again → 200'), 'the retried export was not shown');
    expect(JSON.parse(resultText(doc).split('\n').slice(1).join('\n'))).to.include({ ok: true, action: 'wallet:export' });
    expect(dialog.open).to.equal(false);

    const [first, retry, ...more] = exports();
    expect(more, 'requests after the retry').to.deep.equal([]);
    expect(first!.elevatedToken, 'a token on the first call').to.equal(null);
    expect(retry!.elevatedToken, 'no token on the retry').to.be.a('string');
    expect(first!.idempotencyKey).to.be.a('string');
    expect(retry!.idempotencyKey, 'the retry\'s Idempotency-Key').to.equal(first!.idempotencyKey);
    expect(retry!.status).to.equal(200);
  });

  it('closing the dialog says the export was refused and not sent again, and the page stays usable', async () => {
    const { doc, win } = await openDemo();
    await signInAs(doc, 'alice');
    const sent = noteRequests(win);
    const exportButton = doc.querySelector<HTMLButtonElement>('#export')!;

    const dialog = await pressExport(doc);
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close-button]')!.click();
    await waitUntil(
      () => resultText(doc) === 'Cancelled: the server refused the export, and it was not sent again.',
      'the cancel was not said',
    );
    expect(dialog.open).to.equal(false);
    expect(sent.filter((r) => r.path === EXPORT_PATH).map((r) => r.status)).to.deep.equal([401]);
    expect(doc.activeElement, 'focus back on the action').to.equal(exportButton);

    // Usable: the same action asks again.
    await pressExport(doc);
    expect(sent.filter((r) => r.path === EXPORT_PATH)).to.have.length(2);
    dialog.close();
    await waitUntil(() => !dialog.open, 'the dialog stayed open');
  });
});

describe('demo page: tester panel', () => {
  startEachTestFresh();

  it('a recovery code used in a step-up leaves the panel; the others stay', async () => {
    const { doc } = await openDemo();
    await signInAs(doc, 'alice');
    const panelCodes = () => [...doc.querySelectorAll('#recovery li')].map((li) => li.textContent ?? '');
    await waitUntil(() => panelCodes().length > 1, 'the panel listed no recovery codes');
    const before = panelCodes();
    const used = before[0]!;

    // The user copies the first code from the panel into the dialog's recovery-code method.
    const dialog = await pressExport(doc);
    [...dialog.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=method-option]')].find((b) => textOf(b) === 'Recovery code')!.click();
    await waitUntil(() => currentMethod(dialog).localName === 'step-up-recovery-code', 'the recovery-code method did not open');
    const input = codeInput(currentMethod(dialog));
    input.value = used;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));

    await waitUntil(() => resultText(doc).includes('verified by recovery-code'), 'the step-up with the recovery code did not finish');
    await waitUntil(() => !panelCodes().includes(used), 'the used recovery code is still in the panel');
    expect(panelCodes()).to.deep.equal(before.slice(1));
  });
});
