// A mistake in the app's own getAuthToken (it throws) is the app's configuration error: its own
// code and sentence, and one console message for the developer — not "something went wrong on
// our side", and nothing sent.
import { expect, fixture, html } from '@open-wc/testing';
import {
  checkStepUpAuthWithReason,
  createStepUpClient,
  elevatedFetch,
  stepUpFetch,
  type StepUpClient,
} from '../src/index.js';
import '../components/define/step-up-dialog.js';
import type { StepUpDialog } from '../components/step-up-dialog/step-up-dialog.js';
import { API_BASE, signIn } from './support/backend.js';
import { inShadow, requestLog, textOf } from './support/elements.js';
import { rejection } from './support/rejection.js';
import { waitUntil } from './support/wait.js';

const MESSAGE = 'This page cannot verify you right now. Reload it and try again.';

describe('a getAuthToken that throws', () => {
  let logged: unknown[][];
  const realError = console.error;
  beforeEach(() => {
    logged = [];
    console.error = (...args: unknown[]) => void logged.push(args);
  });
  afterEach(() => {
    console.error = realError;
  });

  async function brokenClient(fetch = requestLog().fetch): Promise<StepUpClient> {
    const { environmentId } = await signIn('alice');
    return createStepUpClient({
      apiBaseUrl: API_BASE,
      environmentId,
      fetch,
      getAuthToken: () => {
        throw new TypeError('session is undefined');
      },
    });
  }

  it('is configuration_error, said once in the console, and nothing is sent', async () => {
    const log = requestLog();
    const client = await brokenClient(log.fetch);
    const { failure } = await checkStepUpAuthWithReason({ scope: 'wallet:sign' }, client);
    expect(failure).to.include({ code: 'configuration_error', message: MESSAGE });
    expect((failure!.cause as Error).message).to.equal('session is undefined');
    expect(logged).to.have.length(1);
    expect(String(logged[0]![0])).to.include('getAuthToken threw');
    expect(log.requests).to.deep.equal([]);
  });

  it('elevatedFetch and stepUpFetch reject the same way', async () => {
    const client = await brokenClient();
    expect((await rejection(elevatedFetch(`${API_BASE}/protected/wallet/sign`, { method: 'POST', scope: 'wallet:sign' }, client))).code).to.equal(
      'configuration_error',
    );
    expect((await rejection(stepUpFetch(`${API_BASE}/protected/wallet/sign`, { method: 'POST', client }))).code).to.equal('configuration_error');
    expect(logged).to.have.length(2);
  });

  it('the dialog says so, with "Try again" to hand', async () => {
    const client = await brokenClient();
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" .client=${client}></step-up-dialog>`);
    void dialog.requestStepUp('wallet:sign').catch(() => undefined);
    await waitUntil(() => dialog.open && dialog.shadowRoot!.querySelector('[part=check-error]'), 'the check failed');
    expect(textOf(inShadow(dialog, '[part=check-error] [role=alert]'))).to.equal(MESSAGE);
    await expect(dialog).to.be.accessible();
    dialog.close();
  });
});
