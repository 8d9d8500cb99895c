// One prompt at a time across the site: a second dialog — in this page or in another tab —
// waits (and says so) until the first one's step-up ends, then checks again. Nothing is sent
// while it waits: a second email code would void the first tab's.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { generate } from 'otplib';
import { isStepUpError, TokenScope, type StepUpClient } from '../../src/index.js';
import { resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import { codeInput, currentMethod, deepActive, requestLog, textOf, type, waitForOpen } from '../../test/support/elements.js';
import { waitUntil } from '../../test/support/wait.js';
import '../define/step-up-dialog.js';
import type { StepUpDialog } from './step-up-dialog.js';

const SCOPE = TokenScope.Walletsign;
const WAITING = 'Finish confirming in your other tab or window first. This continues by itself afterwards.';

/** What the dialog's body says ('' before it renders one). */
const bodyOf = (dialog: StepUpDialog) => {
  const body = dialog.shadowRoot?.querySelector('[part="body"]');
  return body ? textOf(body) : '';
};

async function dialogs(...clients: StepUpClient[]): Promise<StepUpDialog[]> {
  const root = await fixture<HTMLDivElement>(html`<div>
    ${clients.map((client) => html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`)}
  </div>`);
  return [...root.querySelectorAll('step-up-dialog')];
}

async function typeTotpCode(dialog: StepUpDialog): Promise<void> {
  await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
  const { totpSecret } = await secretsOf('alice');
  await type(await generate({ secret: totpSecret! }));
}

interface SecondTabState {
  open: boolean;
  body: string;
  method: string | null;
  requests: string[];
  outcome: string;
}

const secondTab = {
  open: (user: string) => executeServerCommand('tabs:open', { path: `/test/support/second-tab.html?user=${user}` }),
  evaluate: async <T>(expression: string) =>
    (await executeServerCommand<{ value: T }, { expression: string }>('tabs:evaluate', { expression })).value,
  state: () => secondTab.evaluate<SecondTabState>('window.secondTab.state()'),
  close: () => executeServerCommand('tabs:close'),
};

/** Polls the second tab until `condition` holds for what it shows. */
async function secondTabShows(condition: (state: SecondTabState) => boolean, what: string): Promise<SecondTabState> {
  let last: SecondTabState | undefined;
  await waitUntil(async () => condition((last = await secondTab.state())), what);
  return last!;
}

describe('one step-up prompt at a time across the site', () => {
  beforeEach(resetBackend);

  it('a second dialog on the page waits behind the first, unseen and sending nothing, then checks once the first is done', async () => {
    const first = await signedInClient('alice');
    const log = requestLog();
    const second = await signedInClient('alice', { fetch: log.fetch });
    const [a, b] = await dialogs(first.client, second.client);

    const elevatedA = a!.requestStepUp(SCOPE);
    await waitForOpen(a!);
    const outcomeB = b!.requestStepUp(SCOPE);
    await waitUntil(() => bodyOf(b!) === WAITING, 'the second dialog waits');
    // Not shown over the first (a modal on top would leave the first unusable).
    expect(b!.open).to.equal(false);
    expect(log.requests, 'nothing is sent while waiting').to.deep.equal([]);

    await typeTotpCode(a!);
    await elevatedA;
    // Its turn: it checks again (tokens are per client: this one must verify too).
    await waitForOpen(b!);
    expect(currentMethod(b!).localName).to.equal('step-up-totp');
    expect(log.requests).to.deep.equal(['POST stepUp/check']);
    b!.close();
    expect(isStepUpError(await outcomeB.catch((e: unknown) => e), 'cancelled')).to.equal(true);
  });

  it('closing a waiting dialog ends its wait: the first carries on, and a later one is not blocked', async () => {
    const first = await signedInClient('alice');
    const second = await signedInClient('alice');
    const [a, b] = await dialogs(first.client, second.client);
    const elevatedA = a!.requestStepUp(SCOPE);
    await waitForOpen(a!);
    const outcomeB = b!.requestStepUp(SCOPE);
    await waitUntil(() => bodyOf(b!) === WAITING, 'the second dialog waits');
    b!.close();
    expect(isStepUpError(await outcomeB.catch((e: unknown) => e), 'cancelled')).to.equal(true);

    expect(a!.open).to.equal(true);
    await typeTotpCode(a!);
    expect(await elevatedA).to.include({ alreadyElevated: false });
    // The ended wait left no claim behind: the next request asks at once.
    const again = b!.requestStepUp(SCOPE);
    await waitForOpen(b!);
    expect(currentMethod(b!).localName).to.equal('step-up-totp');
    b!.close();
    await again.catch(() => undefined);
  });

  describe('in two tabs of one browser', () => {
    afterEach(() => secondTab.close());

    it('the second tab waits for the first tab’s dialog to close, then asks for itself', async () => {
      const { client } = await signedInClient('alice');
      const [dialog] = await dialogs(client);
      const elevated = dialog!.requestStepUp(SCOPE);
      await waitForOpen(dialog!);
      await waitUntil(() => currentMethod(dialog!) !== null, 'this tab shows its method');

      await secondTab.open('alice');
      await waitUntil(async () => secondTab.evaluate<boolean>("document.body.dataset.ready === 'true'"), 'the second tab is ready');
      await secondTab.evaluate(`window.secondTab.ask('${SCOPE}')`);
      const waiting = await secondTabShows((s) => s.open && s.body === WAITING, 'the second tab says it waits');
      expect(waiting.requests, 'the second tab sends nothing while it waits').to.deep.equal([]);

      await typeTotpCode(dialog!);
      expect(await elevated).to.include({ alreadyElevated: false });
      const asking = await secondTabShows((s) => s.method === 'step-up-totp', 'the second tab shows its method');
      expect(asking.requests).to.deep.equal(['POST stepUp/check']);
      expect(asking.outcome, 'no token crossed over: the second tab verifies on its own').to.equal('running');
    });

    it('Escape in the waiting tab ends its wait; this tab carries on', async () => {
      const { client } = await signedInClient('alice');
      const [dialog] = await dialogs(client);
      const elevated = dialog!.requestStepUp(SCOPE);
      await waitForOpen(dialog!);
      await secondTab.open('alice');
      await waitUntil(async () => secondTab.evaluate<boolean>("document.body.dataset.ready === 'true'"), 'the second tab is ready');
      await secondTab.evaluate(`window.secondTab.ask('${SCOPE}')`);
      await secondTabShows((s) => s.open && s.body === WAITING, 'the second tab says it waits');
      await executeServerCommand('tabs:press', { key: 'Escape' });
      const ended = await secondTabShows((s) => s.outcome !== 'running', 'the second tab stops waiting');
      expect(ended).to.include({ outcome: 'cancelled', open: false });
      expect(ended.requests).to.deep.equal([]);

      await typeTotpCode(dialog!);
      expect(await elevated).to.include({ alreadyElevated: false });
    });
  });
});
