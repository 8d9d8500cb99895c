// StepUpRunController on a bare host element (no dialog, no method elements): one run per
// request, its check against the reference backend, and an outcome reported once — never
// after the run has ended.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../test/support/wait.js';
import { LitElement } from 'lit';
import { generate } from 'otplib';
import {
  authenticateTotpMfaDevice,
  createStepUpBackend,
  createStepUpClient,
  getDefaultClient,
  isStepUpError,
  StepUpError,
  TokenScope,
  type StepUpClient,
} from '../../src/index.js';
import { recordingFetch, resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import { collect } from '../../test/support/elements.js';
import type { StepUpCancelEvent } from '../events/cancel-event.js';
import type { StepUpElevatedEvent } from '../events/elevated-event.js';
import type { StepUpErrorEvent } from '../events/error-event.js';
import { StepUpRunController, type StepUpRun } from './run-controller.js';

const SCOPE = TokenScope.Walletexport;

/** The smallest host: it records what the controller asks of it. */
class RunHost extends LitElement {
  client?: StepUpClient;
  /** Every call, in order: 'started', 'show' (slow check), 'show checked', 'ended'. */
  calls: Array<[string, StepUpRun]> = [];

  readonly runController = new StepUpRunController(this, {
    backend: () => createStepUpBackend(this.client ?? getDefaultClient()),
    started: (run) => this.calls.push(['started', run]),
    show: (run, checked) => this.calls.push([checked ? 'show checked' : 'show', run]),
    ended: (run) => this.calls.push(['ended', run]),
  });

  shown(checked: boolean, run = this.runController.run): boolean {
    return this.calls.some(([call, r]) => call === (checked ? 'show checked' : 'show') && r === run);
  }
}
customElements.define('run-controller-host', RunHost);

async function host(client?: StepUpClient): Promise<RunHost> {
  const element = await fixture<RunHost>(html`<run-controller-host></run-controller-host>`);
  element.client = client;
  return element;
}

async function totpCode(): Promise<string> {
  const { totpSecret } = await secretsOf('alice');
  return generate({ secret: totpSecret! });
}

/** A server slower than CHECK_SHOW_DELAY_MS. */
const slow: typeof fetch = async (input, init) => {
  await aTimeout(800);
  return fetch(input, init);
};

/** The outcome of a promise, a rejection as its error. */
const settled = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

/** A host whose client is signed out until the test signs it in: its first check fails. */
async function signedOutAtFirst() {
  let signedIn = false;
  const { client: alice, jwt } = await signedInClient('alice');
  const client = createStepUpClient({ ...alice.config, getAuthToken: () => (signedIn ? jwt : null) });
  const element = await host(client);
  return { client, element, runController: element.runController, signIn: () => void (signedIn = true) };
}

describe('StepUpRunController', () => {
  beforeEach(resetBackend);

  it('shows a needed step-up once the check answers, the account’s default method first; a verification resolves it and fires elevated after ending', async () => {
    const { client } = await signedInClient('alice');
    const element = await host(client);
    const elevated = collect<StepUpElevatedEvent>(element, 'elevated');
    const { runController } = element;
    const outcome = runController.request(SCOPE);
    const run = runController.run!;
    expect(run.scope).to.equal(SCOPE);
    await waitUntil(() => element.shown(true), 'shown once checked', { timeout: 5000 });
    expect(runController.checking).to.equal(false);
    expect(runController.checkError).to.equal(undefined);
    expect(runController.current?.id).to.equal('alice-totp');
    expect(runController.credentials.map((c) => c.id)).to.have.members(['alice-totp', 'recovery-code']);

    await authenticateTotpMfaDevice({ code: await totpCode(), requestedScopes: [SCOPE] }, client);
    element.addEventListener('elevated', () => element.calls.push(['elevated event', run]));
    runController.session(undefined, {})!.elevated('totp', 'alice-totp');
    const detail = await outcome;
    expect(detail).to.include({ scope: SCOPE, method: 'totp', credentialId: 'alice-totp', alreadyElevated: false });
    expect(detail.expiresAt).to.be.greaterThan(Date.now() / 1000);
    expect(elevated.map((e) => e.detail)).to.deep.equal([detail]);
    expect(element.calls.map(([call]) => call)).to.deep.equal(['started', 'show checked', 'ended', 'elevated event']);
    expect(run.signal.aborted).to.equal(true);
    expect(runController.run).to.equal(undefined);
  });

  it('runs one step-up per scope: the same scope gets the same promise, another scope cancels the first', async () => {
    const { client } = await signedInClient('alice');
    const element = await host(client);
    const cancels = collect<StepUpCancelEvent>(element, 'stepupcancel');
    const { runController } = element;
    const first = runController.request(SCOPE);
    expect(runController.request(SCOPE)).to.equal(first);
    const firstRun = runController.run!;
    const second = runController.request(TokenScope.Userdelete);
    expect(isStepUpError(await settled(first), 'cancelled')).to.equal(true);
    expect(cancels.map((e) => e.detail)).to.deep.equal([{ scope: SCOPE }]);
    expect(firstRun.signal.aborted).to.equal(true);
    expect(runController.run?.scope).to.equal(TokenScope.Userdelete);
    await waitUntil(() => element.shown(true), 'the second run is shown', { timeout: 5000 });
    expect(element.shown(true, firstRun)).to.equal(false);
    runController.cancel();
    expect(isStepUpError(await settled(second), 'cancelled')).to.equal(true);
  });

  it('with a valid token already held it resolves at once, already elevated, never shown and with no request', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('alice', { fetch: recorder.fetch });
    await authenticateTotpMfaDevice({ code: await totpCode(), requestedScopes: [SCOPE] }, client);
    const requests = recorder.urls.length;
    const element = await host(client);
    const detail = await element.runController.request(SCOPE);
    expect(detail).to.include({ scope: SCOPE, method: undefined, credentialId: undefined, alreadyElevated: true });
    expect(element.calls.map(([call]) => call)).to.deep.equal(['started', 'ended']);
    expect(recorder.urls.length).to.equal(requests);
  });

  it('shows a slow check before it answers, "checking" meanwhile', async () => {
    const { client } = await signedInClient('alice', { fetch: slow });
    const element = await host(client);
    const { runController } = element;
    void settled(runController.request(SCOPE));
    await waitUntil(() => element.shown(false), 'shown while checking');
    expect(runController.checking).to.equal(true);
    expect(runController.current).to.equal(undefined);
    await waitUntil(() => element.shown(true), 'shown again once checked', { timeout: 5000 });
    expect(runController.checking).to.equal(false);
    expect(runController.current?.id).to.equal('alice-totp');
    runController.cancel();
  });

  it('a run cancelled while its check is out ends at once and is never shown', async () => {
    const { client } = await signedInClient('alice', { fetch: slow });
    const element = await host(client);
    const { runController } = element;
    const first = runController.request(SCOPE);
    const firstRun = runController.run!;
    runController.cancel();
    expect(isStepUpError(await settled(first), 'cancelled')).to.equal(true);
    expect(runController.checking).to.equal(false);
    // a second run's slow check outlasts the first run's show delay: had it been left, it would have fired
    void settled(runController.request(TokenScope.Userdelete));
    await waitUntil(() => element.shown(true), 'the second run is shown', { timeout: 5000 });
    expect(element.calls.filter(([, run]) => run === firstRun).map(([call]) => call)).to.deep.equal(['started', 'ended']);
    runController.cancel();
  });

  it('says why a check failed, and "try again" checks again and shows the default method', async () => {
    const { element, runController, signIn } = await signedOutAtFirst();
    void settled(runController.request(SCOPE));
    await waitUntil(() => element.shown(true), 'shown once checked', { timeout: 5000 });
    expect(runController.checkError?.code).to.equal('not_signed_in');
    expect(runController.current).to.equal(undefined);
    signIn();
    runController.retry();
    await waitUntil(() => runController.current?.id === 'alice-totp', 'the default method after a retry', { timeout: 5000 });
    expect(runController.checkError).to.equal(undefined);
    expect(element.calls.filter(([call]) => call === 'show checked')).to.have.length(2);
    runController.cancel();
  });

  it('"try again" that finds the user elevated meanwhile resolves the run, already elevated', async () => {
    const { client, element, runController, signIn } = await signedOutAtFirst();
    const outcome = settled(runController.request(SCOPE));
    await waitUntil(() => element.shown(true), 'shown once checked', { timeout: 5000 });
    expect(runController.checkError?.code).to.equal('not_signed_in');
    signIn();
    await authenticateTotpMfaDevice({ code: await totpCode(), requestedScopes: [SCOPE] }, client); // e.g. in another tab of the app
    runController.retry();
    expect(await outcome).to.include({ scope: SCOPE, alreadyElevated: true });
    expect(runController.run).to.equal(undefined);
  });

  it('hands the current method one session per credential; choosing another method changes it', async () => {
    const { client } = await signedInClient('alice');
    const element = await host(client);
    const errors = collect<StepUpErrorEvent>(element, 'stepuperror');
    const { runController } = element;
    void settled(runController.request(SCOPE));
    await waitUntil(() => element.shown(true), 'shown once checked', { timeout: 5000 });
    const prefetched = {};
    const session = runController.session(undefined, prefetched)!;
    expect(session.backend.client, "the core's backend on the host's client").to.equal(client);
    expect(session.scope).to.equal(SCOPE);
    expect(session.signal).to.equal(runController.run!.signal);
    expect(session.prefetched).to.equal(prefetched);
    expect(session.credential.id).to.equal('alice-totp');
    expect(runController.session(undefined, prefetched)).to.equal(session); // unchanged: the element does not re-render
    expect(runController.session({ verify: 'Go' }, prefetched)).not.to.equal(session);

    runController.choose(runController.credentials.find((c) => c.id === 'recovery-code')!);
    expect(runController.current?.id).to.equal('recovery-code');
    const chosen = runController.session(undefined, prefetched)!;
    expect(chosen.credential.id).to.equal('recovery-code');
    chosen.failed('recovery-code', new StepUpError('invalid_code'));
    expect(errors.map((e) => [e.detail.method, e.detail.scope, e.detail.error.code])).to.deep.equal([['recovery-code', SCOPE, 'invalid_code']]);
    runController.cancel();
  });

  it('reports nothing once a run has ended: a late verification or failure is dropped', async () => {
    const { client } = await signedInClient('alice');
    const element = await host(client);
    const elevated = collect(element, 'elevated');
    const errors = collect(element, 'stepuperror');
    const cancels = collect(element, 'stepupcancel');
    const { runController } = element;
    const outcome = settled(runController.request(SCOPE));
    await waitUntil(() => element.shown(true), 'shown once checked', { timeout: 5000 });
    const session = runController.session(undefined, {})!;
    runController.cancel();
    expect(session.signal.aborted).to.equal(true);
    await authenticateTotpMfaDevice({ code: await totpCode(), requestedScopes: [SCOPE] }, client);
    session.elevated('totp', 'alice-totp');
    session.failed('totp', new StepUpError('invalid_code'));
    runController.cancel(); // nothing left to cancel
    expect(isStepUpError(await outcome, 'cancelled')).to.equal(true);
    expect([elevated.length, errors.length, cancels.length]).to.deep.equal([0, 0, 1]);
  });

  it('a host taken off the page cancels its run', async () => {
    const { client } = await signedInClient('alice');
    const element = await host(client);
    const outcome = element.runController.request(SCOPE);
    element.remove();
    expect(isStepUpError(await settled(outcome), 'cancelled')).to.equal(true);
    expect(element.runController.run).to.equal(undefined);
  });

  it('rejects a request when there is no client (none set, no default)', async () => {
    const element = await host();
    const error = await settled(element.runController.request(SCOPE));
    expect(error).to.be.instanceOf(Error);
    expect(String((error as Error).message)).to.include('initializeStepUp');
    expect(element.runController.run).to.equal(undefined);
    expect(element.calls).to.deep.equal([]);
  });
});
