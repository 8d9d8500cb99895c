// checkStepUpAuthWithReason: checkStepUpAuth's answers, plus why an answer is the fail-closed
// one — what lets a UI offer "try again" instead of "no method available".
import { expect } from '@open-wc/testing';
import {
  authenticateTotpMfaDevice,
  checkStepUpAuth,
  checkStepUpAuthWithReason,
  createStepUpClient,
  TokenScope,
  type StepUpCheckFailedEvent,
} from '../src/index.js';
import { generate } from 'otplib';
import { recordingFetch, resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { scriptedApi, scriptedJson } from './support/scripted.js';

const REQUIRED = { isRequired: true, credentials: [] };

describe('checkStepUpAuthWithReason', () => {
  beforeEach(resetBackend);

  it('gives the server’s answer with no failure', async () => {
    const { client } = await signedInClient('bob');
    const outcome = await checkStepUpAuthWithReason({ scope: TokenScope.Credentiallink }, client);
    expect(outcome).to.have.keys(['result']);
    expect(outcome.result.isRequired).to.equal(true);
    expect(outcome.result.credentials.map((c) => c.format)).to.have.members(['email', 'phoneNumber', 'oauth', 'blockchain']);
    expect(outcome.result).to.deep.equal(await checkStepUpAuth({ scope: TokenScope.Credentiallink }, client));
  });

  it('answers "not required" with no request and no failure while a valid token is held', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('alice', { fetch: recorder.fetch });
    const { totpSecret } = await secretsOf('alice');
    await authenticateTotpMfaDevice({ code: await generate({ secret: totpSecret! }), requestedScopes: [TokenScope.Walletexport] }, client);
    const before = recorder.urls.length;
    expect(await checkStepUpAuthWithReason({ scope: TokenScope.Walletexport }, client)).to.deep.equal({
      result: { isRequired: false, credentials: [] },
    });
    expect(recorder.urls.length).to.equal(before);
  });

  it('says why a check failed closed: signed out, a refused session, an unknown scope, no server, a bad answer', async () => {
    const { client: bob } = await signedInClient('bob');
    const cases: Array<[string, ReturnType<typeof createStepUpClient>, string, string]> = [
      ['no one signed in', createStepUpClient({ ...bob.config, getAuthToken: () => null }), 'wallet:export', 'not_signed_in'],
      ['a forged session', createStepUpClient({ ...bob.config, getAuthToken: () => 'forged.session.jwt' }), 'wallet:export', 'not_signed_in'],
      ['an unknown scope', bob, 'no:such:scope', 'invalid_scope'],
      [
        'an unreachable server',
        createStepUpClient({ apiBaseUrl: 'http://127.0.0.1:9/api/v0', environmentId: 'env', getAuthToken: () => 'jwt' }),
        'wallet:export',
        'network_error',
      ],
      [
        'a 503',
        createStepUpClient({ apiBaseUrl: scriptedJson({ error: 'Down.', code: 'server_error' }, 503), environmentId: 'env', getAuthToken: () => 'jwt' }),
        'wallet:export',
        'server_error',
      ],
      [
        'an HTML page',
        createStepUpClient({ apiBaseUrl: scriptedApi({ body: '<!doctype html><p>login</p>' }), environmentId: 'env', getAuthToken: () => 'jwt' }),
        'wallet:export',
        'server_error',
      ],
    ];
    for (const [label, client, scope, code] of cases) {
      const { result, failure } = await checkStepUpAuthWithReason({ scope }, client);
      expect(result, label).to.deep.equal(REQUIRED);
      expect(failure?.code, label).to.equal(code);
      expect(await checkStepUpAuth({ scope }, client), label).to.deep.equal(REQUIRED);
    }
  });

  it('shares one request, and its failure, among identical checks in flight; checkfailed fires once', async () => {
    const recorder = recordingFetch();
    const { client: bob } = await signedInClient('bob');
    const client = createStepUpClient({ ...bob.config, getAuthToken: () => 'forged.session.jwt', fetch: recorder.fetch });
    const failed: StepUpCheckFailedEvent[] = [];
    client.addEventListener('checkfailed', (event) => failed.push(event));
    const [first, second, plain] = await Promise.all([
      checkStepUpAuthWithReason({ scope: 'wallet:export' }, client),
      checkStepUpAuthWithReason({ scope: 'wallet:export' }, client),
      checkStepUpAuth({ scope: 'wallet:export' }, client),
    ]);
    expect(recorder.urls).to.have.length(1);
    expect([first.failure?.code, second.failure?.code]).to.deep.equal(['not_signed_in', 'not_signed_in']);
    expect(plain).to.deep.equal(REQUIRED);
    expect(failed.map((e) => e.error.code)).to.deep.equal(['not_signed_in']);
    first.result.credentials.push({ id: 'x', format: 'email' }); // each caller gets its own copy
    expect(second.result.credentials).to.deep.equal([]);
  });

  it('a fired signal answers "required" at once, cancelled, and the shared request still serves the others', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { fetch: recorder.fetch });
    const controller = new AbortController();
    const aborted = checkStepUpAuthWithReason({ scope: TokenScope.Credentiallink, signal: controller.signal }, client);
    const other = checkStepUpAuthWithReason({ scope: TokenScope.Credentiallink }, client);
    controller.abort();
    const { result, failure } = await aborted;
    expect(result).to.deep.equal(REQUIRED);
    expect(failure?.code).to.equal('cancelled');
    const served = await other;
    expect(served.failure).to.equal(undefined);
    expect(served.result.credentials).to.have.length(4);
    expect(recorder.urls.filter((u) => u.endsWith('/stepUp/check'))).to.have.length(1);
  });
});
