// A full step-up through the dialog leaves the token nowhere it could leak from: not in the
// console, the address bar, the DOM (attributes or text, shadow roots included), resource
// URLs, localStorage or cookies.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { generate } from 'otplib';
import '../components/index.js';
import type { StepUpDialog } from '../components/index.js';
import { elevatedFetch, type StepUpClient } from '../src/index.js';
import { codeInput, currentMethod, type, waitForOpen } from '../components/testing/helpers.js';
import { API_BASE, resetBackend, secretsOf, signedInClient } from './support/backend.js';

/** Everything the page shows or holds outside script memory, as one string. */
function everythingVisible(): string {
  const parts: string[] = [location.href, document.cookie, JSON.stringify({ ...localStorage })];
  const walk = (root: Document | ShadowRoot) => {
    parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
    root.querySelectorAll('*').forEach((el) => {
      for (const attr of el.getAttributeNames()) parts.push(el.getAttribute(attr) ?? '');
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  };
  walk(document);
  parts.push(...performance.getEntriesByType('resource').map((e) => e.name));
  return parts.join('\n');
}

describe('token hygiene', () => {
  let client: StepUpClient;
  const logged: unknown[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();

  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('alice'));
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      originals.set(level, console[level]);
      console[level] = (...args: unknown[]) => {
        logged.push(args);
        originals.get(level)!(...args);
      };
    }
  });
  afterEach(() => {
    for (const [level, original] of originals) (console as unknown as Record<string, unknown>)[level] = original;
  });

  it('after a step-up and the protected call, the token is nowhere but in memory', async () => {
    let token: string | undefined;
    client.addEventListener('tokenstored', () => {
      token = client.tokens.take('wallet:export', false);
    });
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog scope="wallet:export" .client=${client}></step-up-dialog>`);
    const outcome = dialog.requestStepUp();
    await waitForOpen(dialog);
    codeInput(currentMethod(dialog)).focus();
    await type(await generate({ secret: (await secretsOf('alice')).totpSecret! }));
    await outcome;
    expect(token, 'a token was issued').to.be.a('string');
    const response = await elevatedFetch(`${API_BASE}/protected/wallet/export`, { method: 'POST', scope: 'wallet:export' }, client);
    expect(response.status).to.equal(200);

    await waitUntil(() => !dialog.open);
    const signature = token!.split('.')[2]!;
    expect(everythingVisible()).not.to.contain(signature);
    expect(JSON.stringify(logged)).not.to.contain(signature);
  });
});
