// Drives each framework example (built, except the plain HTML one) in an iframe as a user
// would: sign in, press the protected action (its call is refused, which opens the dialog),
// type the emailed code into the dialog, and see the framework's own `elevated` /
// `stepupcancel` handler and the answer of the call update the page.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { outbox, resetBackend } from '../../test/support/backend.js';

const EXAMPLES = {
  'plain HTML': 'html/index.html',
  'Vue 3': 'vue/dist/index.html',
  'Svelte 5': 'svelte/dist/index.html',
  Angular: 'angular/dist/index.html',
  'React 19': 'react/dist/index.html',
};

const WAIT = { timeout: 5000 };

let frame: HTMLIFrameElement | undefined;

async function open(page: string): Promise<Document> {
  frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 700px; border: 0';
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  frame.src = new URL(page, import.meta.url).href;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(() => doc.querySelector('[data-testid=sign-in]') && doc.querySelector('step-up-dialog')?.shadowRoot, 'the app did not render', WAIT);
  return doc;
}

const byTestId = (doc: Document, id: string) => doc.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
const text = (doc: Document, id: string) => byTestId(doc, id).textContent?.trim();

/** Signs in as bob, presses "Link a new email" and waits for the emailed code's field the refusal brings up. */
async function startStepUp(doc: Document): Promise<{ dialog: HTMLElement; input: HTMLInputElement }> {
  byTestId(doc, 'sign-in').click();
  await waitUntil(() => text(doc, 'session') === 'Signed in as bob.', 'did not sign in', WAIT);
  const link = byTestId(doc, 'link') as HTMLButtonElement;
  await waitUntil(() => !link.disabled, 'the action stayed disabled', WAIT);
  link.click();

  const dialog = doc.querySelector<HTMLElement>('step-up-dialog')!;
  await waitUntil(() => dialog.shadowRoot?.querySelector('step-up-otp')?.shadowRoot?.querySelector('input'), 'no code field', WAIT);
  await waitUntil(async () => (await outbox('bob')).some((m) => m.channel === 'email'), 'no email was sent', WAIT);
  const otp = dialog.shadowRoot!.querySelector('step-up-otp')!;
  expect(otp.getAttribute('channel')).to.equal('email');
  return { dialog, input: otp.shadowRoot!.querySelector('input')! };
}

describe('framework examples', () => {
  beforeEach(resetBackend);
  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  for (const [name, page] of Object.entries(EXAMPLES)) {
    describe(name, () => {
      it('a refused call becomes an email-code step-up for its scope; the elevated handler runs and the call, sent again, is accepted', async () => {
        const doc = await open(page);
        const { input } = await startStepUp(doc);

        const { code } = (await outbox('bob')).find((m) => m.channel === 'email')!;
        input.value = code;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));

        await waitUntil(() => text(doc, 'outcome') === 'elevated via email (credential:link)', 'the elevated handler did not run', WAIT);
        await waitUntil(() => text(doc, 'status') === 'POST credentials/link → 200', 'the call sent again was not accepted', WAIT);

        // Again: refused once more (no scope named, so no token went first), the dialog answers
        // at once from the held token, and the handler hears about it.
        byTestId(doc, 'link').click();
        await waitUntil(() => text(doc, 'outcome') === 'already elevated (credential:link)', 'no elevated event for a held token', WAIT);
      });

      it('closing the dialog runs its stepupcancel handler, and the call answers with the refusal', async () => {
        const doc = await open(page);
        const { dialog } = await startStepUp(doc);
        dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close-button]')!.click();
        await waitUntil(() => text(doc, 'outcome') === 'cancelled (credential:link)', 'the cancel handler did not run', WAIT);
        await waitUntil(() => text(doc, 'status') === 'POST credentials/link → 401', 'the refusal was not returned', WAIT);
      });
    });
  }
});
