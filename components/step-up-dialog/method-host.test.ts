// StepUpMethodHost on a bare host element (no dialog, no run controller): method code loaded
// on demand, what the first request needs fetched ahead from the reference backend, and one
// fresh element per credential.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createStepUpBackend, WALLET_NONCE_MAX_AGE_MS, type StepUpClient, type StepUpCredential } from '../../src/index.js';
import { announceDemoWallet, createDemoWallet } from '../../src/dev/index.js';
import { resetBackend, secretsOf, signedInClient } from '../../test/support/backend.js';
import { requestLog } from '../../test/support/elements.js';
import { registerElementLoader } from '../internal/element-loaders.js';
import type { StepUpSession } from '../internal/session-context.js';
import { StepUpMethodHost, type StepUpMethodRun } from './method-host.js';

/** The smallest host: it counts its renders. */
class MethodsHost extends LitElement {
  readonly methodHost = new StepUpMethodHost(this);
  renders = 0;

  override render() {
    this.renders++;
    return html``;
  }
}
customElements.define('method-host-host', MethodsHost);

const host = () => fixture<MethodsHost>(html`<method-host-host></method-host-host>`);

/** A run as the dialog makes one: the core's backend on `client` and a signal that fires when the run ends. */
function run(client: StepUpClient): StepUpMethodRun & { end(): void } {
  const abort = new AbortController();
  return { backend: createStepUpBackend(client), signal: abort.signal, end: () => abort.abort() };
}

const totp: StepUpCredential = { id: 'alice-totp', format: 'totp', type: 'totp' };
const recovery: StepUpCredential = { id: 'recovery-code', format: 'totp', type: 'recoveryCode' };
const email: StepUpCredential = { id: 'e1', format: 'email', alias: 'bob@example.com' };
const sms: StepUpCredential = { id: 's1', format: 'phoneNumber', alias: '+12025550123' };
const google: StepUpCredential = { id: 'g1', format: 'oauth', type: 'google' };
const wallet: StepUpCredential = { id: 'w1', format: 'blockchain', type: 'evm' };

const session = (label: string) => ({ label }) as unknown as StepUpSession;

describe('StepUpMethodHost', () => {
  beforeEach(resetBackend);

  it('loads a method’s element the first time it is needed, once, and the host re-renders when it arrives', async () => {
    let loads = 0;
    registerElementLoader('step-up-totp', () => {
      loads++;
      return import('../define/step-up-totp.js');
    });
    const element = await host();
    const { methodHost } = element;
    const { client } = await signedInClient('alice');
    const current = run(client);
    expect(methodHost.isReady(totp)).to.equal(false);
    const renders = element.renders;
    methodHost.prepare(current, totp);
    methodHost.prepare(current, totp); // nothing changed: nothing to do
    await methodHost.ready;
    await element.updateComplete;
    expect(loads).to.equal(1);
    expect(customElements.get('step-up-totp')).to.not.equal(undefined);
    expect(methodHost.isReady(totp)).to.equal(true);
    expect(methodHost.loadError).to.equal(undefined);
    expect(element.renders).to.be.greaterThan(renders);
  });

  it('a method whose code cannot be loaded says so, and "try again" loads it; a failure the user has left is not shown', async () => {
    let online = false;
    registerElementLoader('step-up-recovery-code', () =>
      online ? import('../define/step-up-recovery-code.js') : Promise.reject(new TypeError('Failed to fetch')),
    );
    registerElementLoader('step-up-totp', () => import('../define/step-up-totp.js'));
    const { methodHost } = await host();
    const { client } = await signedInClient('alice');
    const current = run(client);

    methodHost.prepare(current, recovery);
    const left = methodHost.ready;
    methodHost.prepare(current, totp); // the user chose another method before the load failed
    await left;
    await methodHost.ready;
    expect(methodHost.loadError).to.equal(undefined);

    methodHost.prepare(current, recovery);
    await methodHost.ready;
    expect(methodHost.loadError?.code).to.equal('network_error');
    expect(methodHost.isReady(recovery)).to.equal(false);

    online = true;
    methodHost.retry();
    expect(methodHost.loadError).to.equal(undefined);
    await methodHost.ready;
    expect(methodHost.loadError).to.equal(undefined);
    expect(methodHost.isReady(recovery)).to.equal(true);
  });

  it('fetches the wallet nonce while the method opens, keeps it while fresh, fetches again when stale or for a new run, never for an ended run', async () => {
    registerElementLoader('step-up-wallet', () => import('../define/step-up-wallet.js'));
    const { walletPrivateKey } = await secretsOf('bob');
    const stop = announceDemoWallet(createDemoWallet({ privateKey: walletPrivateKey as `0x${string}` }));
    try {
      const log = requestLog();
      let offset = 0;
      const { client } = await signedInClient('bob', { fetch: log.fetch, now: () => Date.now() + offset });
      const { methodHost } = await host();
      const nonces = () => log.requests.filter((r) => r === 'GET nonce').length;
      const current = run(client);

      methodHost.prepare(current, wallet);
      const first = await methodHost.prefetched.wallet;
      expect(first?.staleAt).to.be.a('number');
      expect(nonces()).to.equal(1);

      methodHost.prepare(current, email); // the user looks at another method and comes back
      methodHost.prepare(current, wallet);
      expect(await methodHost.prefetched.wallet).to.equal(first);
      expect(nonces()).to.equal(1);

      offset = WALLET_NONCE_MAX_AGE_MS + 1000; // the user read for a while
      methodHost.prepare(current, email);
      methodHost.prepare(current, wallet);
      const second = await methodHost.prefetched.wallet;
      expect(second).to.not.equal(first);
      expect(nonces()).to.equal(2);

      const next = run(client);
      methodHost.prepare(next, wallet);
      const third = await methodHost.prefetched.wallet;
      expect(third).to.not.equal(second);
      expect(nonces()).to.equal(3);

      const ended = run(client);
      ended.end();
      methodHost.prepare(ended, wallet);
      expect(await methodHost.prefetched.wallet).to.equal(undefined);
      expect(nonces()).to.equal(3);
      expect(log.requests.every((r) => r === 'GET nonce')).to.equal(true);
    } finally {
      stop();
    }
  });

  it('makes one fresh element per credential, with the dialog’s parts, channel, provider and redirect URL, and the session', async () => {
    const { methodHost } = await host();
    const { client } = await signedInClient('bob');
    const current = run(client);

    methodHost.prepare(current, email);
    const byEmail = methodHost.element(email, session('one'));
    expect(byEmail.localName).to.equal('step-up-otp');
    expect(byEmail.getAttribute('channel')).to.equal('email');
    expect(byEmail.getAttribute('exportparts')).to.include('input: method-input');
    expect(byEmail.getAttribute('exportparts')).to.include('submit-button: method-submit-button');
    expect(methodHost.element(email, session('two'))).to.equal(byEmail); // rendered again: the same element
    expect((byEmail as HTMLElement & { session?: unknown }).session).to.deep.equal(session('two'));

    methodHost.prepare(current, sms);
    const bySms = methodHost.element(sms, session('sms'));
    expect(bySms).to.not.equal(byEmail);
    expect(bySms.localName).to.equal('step-up-otp');
    expect(bySms.getAttribute('channel')).to.equal('sms');

    methodHost.prepare(current, email);
    expect(methodHost.element(email, session('again'))).to.not.equal(byEmail); // back to email: a fresh element

    methodHost.prepare(current, google);
    const social = methodHost.element(google, session('social'), '/social-done');
    expect(social.localName).to.equal('step-up-social');
    expect(social.getAttribute('provider')).to.equal('google');
    expect(social.getAttribute('redirect-url')).to.equal('/social-done');
    expect(methodHost.element(google, session('social'))).to.equal(social);
    expect(social.hasAttribute('redirect-url')).to.equal(false);

    methodHost.prepare(run(client), google); // a new run: a new element
    expect(methodHost.element(google, session('next run'))).to.not.equal(social);
  });

  it('a host taken off the page keeps nothing of its run', async () => {
    const element = await host();
    const { methodHost } = element;
    const { client } = await signedInClient('bob');
    const current = run(client);
    methodHost.prepare(current, totp);
    const made = methodHost.element(totp, session('one'));
    element.remove();
    expect(methodHost.prefetched).to.deep.equal({});
    document.body.append(element);
    methodHost.prepare(current, totp);
    expect(methodHost.element(totp, session('one'))).to.not.equal(made);
    element.remove();
  });
});
