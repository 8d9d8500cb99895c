// checkStepUpAuth: the local fast path, the server's answer, shared in-flight requests and
// the fail-closed answer for everything that can go wrong on the way.
import { expect } from '@open-wc/testing';
import {
  checkStepUpAuth,
  createStepUpClient,
  hasElevatedAccessToken,
  sendEmailOTP,
  StepUpCheckFailedEvent,
  TokenScope,
  verifyOTP,
} from '../src/index.js';
import { API_BASE, latestCode, recordingFetch, resetBackend, signedInClient } from './support/backend.js';
import { scriptedApi, scriptedJson } from './support/scripted.js';

const REQUIRED = { isRequired: true, credentials: [] };

/** A client against a scripted API, signed in, recording its requests. */
function scriptedClient(apiBaseUrl: string, extra: { requestTimeoutMs?: number } = {}) {
  const recorder = recordingFetch();
  const client = createStepUpClient({
    apiBaseUrl,
    environmentId: 'env',
    getAuthToken: () => 'session-jwt',
    fetch: recorder.fetch,
    ...extra,
  });
  return { client, urls: recorder.urls };
}

describe('checkStepUpAuth', () => {
  beforeEach(resetBackend);

  it('asks the server and offers an MFA user only MFA credentials, the TOTP device first', async () => {
    const { client } = await signedInClient('alice');
    const answer = await checkStepUpAuth({ scope: TokenScope.Userdelete }, client);
    expect(answer.isRequired).to.equal(true);
    expect(answer.credentials.map((c) => c.format)).to.have.members(['totp', 'totp']);
    expect(answer.credentials.map((c) => c.type)).to.have.members(['totp', 'recoveryCode']);
    expect(answer.defaultCredentialId).to.equal(answer.credentials.find((c) => c.type === 'totp')?.id);
  });

  it('offers a user without MFA their re-auth credentials, the sign-in email by default', async () => {
    const { client } = await signedInClient('bob');
    const answer = await checkStepUpAuth({ scope: TokenScope.Credentiallink }, client);
    expect(answer.credentials.map((c) => c.format)).to.have.members(['email', 'phoneNumber', 'oauth', 'blockchain']);
    expect(answer.credentials.find((c) => c.id === answer.defaultCredentialId)?.format).to.equal('email');
  });

  it('answers "not required" with no request at all while a valid token is held, and consumes nothing', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { fetch: recorder.fetch });
    await checkStepUpAuth({ scope: TokenScope.Walletexport }, client);
    await sendEmailOTP({}, client);
    await verifyOTP({ type: 'email', token: (await latestCode('bob', 'email')).code, requestedScopes: ['wallet:export'] }, client);
    const before = recorder.urls.length;

    for (let i = 0; i < 20; i++) {
      expect(await checkStepUpAuth({ scope: TokenScope.Walletexport }, client)).to.deep.equal({ isRequired: false, credentials: [] });
    }
    expect(recorder.urls.length).to.equal(before);
    expect(hasElevatedAccessToken(TokenScope.Walletexport, client)).to.equal(true);
    // a token for another scope does not count
    expect((await checkStepUpAuth({ scope: TokenScope.Userdelete }, client)).isRequired).to.equal(true);
    expect(recorder.urls.length).to.equal(before + 1);
  });

  it('shares one request among identical checks in flight, and only among identical ones', async () => {
    const { client, urls } = scriptedClient(scriptedJson({ isRequired: true, credentials: [] }, 200, 150));
    const answers = await Promise.all([
      checkStepUpAuth({ scope: 'wallet:export' }, client),
      checkStepUpAuth({ scope: 'wallet:export' }, client),
      checkStepUpAuth({ scope: 'wallet:export' }, client),
      checkStepUpAuth({ scope: 'user:delete' }, client),
    ]);
    expect(urls).to.have.length(2);
    expect(answers.every((a) => a.isRequired)).to.equal(true);
    answers[0]!.credentials.push({ id: 'x', format: 'email' }); // each caller gets its own copy
    expect(answers[1]!.credentials).to.deep.equal([]);
    // once settled, a new check asks again
    await checkStepUpAuth({ scope: 'wallet:export' }, client);
    expect(urls).to.have.length(3);
  });

  it('fails closed when the server cannot be reached', async () => {
    const client = createStepUpClient({
      apiBaseUrl: 'http://127.0.0.1:9/api/v0', // nothing listens on the discard port
      environmentId: 'env',
      getAuthToken: () => 'session-jwt',
    });
    expect(await checkStepUpAuth({ scope: 'wallet:export' }, client)).to.deep.equal(REQUIRED);
  });

  it('fails closed when the server is too slow (requestTimeoutMs)', async () => {
    const { client } = scriptedClient(scriptedJson({ isRequired: false, credentials: [] }, 200, 2000), { requestTimeoutMs: 200 });
    expect(await checkStepUpAuth({ scope: 'wallet:export' }, client)).to.deep.equal(REQUIRED);
  });

  it('fails closed on non-2xx answers from the real backend (no session, unknown scope)', async () => {
    const { client } = await signedInClient('bob');
    const forged = createStepUpClient({ ...client.config, getAuthToken: () => 'forged.session.jwt' });
    expect(await checkStepUpAuth({ scope: 'wallet:export' }, forged)).to.deep.equal(REQUIRED);
    expect(await checkStepUpAuth({ scope: 'no:such:scope' }, client)).to.deep.equal(REQUIRED);
  });

  it('fails closed, without a request, when no one is signed in', async () => {
    const recorder = recordingFetch();
    const client = createStepUpClient({ apiBaseUrl: API_BASE, environmentId: 'env', getAuthToken: () => null, fetch: recorder.fetch });
    expect(await checkStepUpAuth({ scope: 'wallet:export' }, client)).to.deep.equal(REQUIRED);
    expect(recorder.urls).to.deep.equal([]);
  });

  const hostileAnswers: Array<[string, string]> = [
    ['a 500 with an HTML page', scriptedApi({ status: 500, body: '<html><body>Oops</body></html>', headers: { 'content-type': 'text/html' } })],
    ['a 200 with an HTML page', scriptedApi({ status: 200, body: '<!doctype html><p>login</p>', headers: { 'content-type': 'text/html' } })],
    ['a 503 JSON error', scriptedJson({ error: 'The service is down.', code: 'server_error' }, 503)],
    ['a 404', scriptedJson({ error: 'There is nothing at this address.', code: 'not_found' }, 404)],
    ['truncated JSON', scriptedApi({ body: '{"isRequired": false, "credentials": [' })],
    ['an empty body', scriptedApi({ body: '' })],
    ['isRequired as a string', scriptedJson({ isRequired: 'false', credentials: [] })],
    ['isRequired as a number', scriptedJson({ isRequired: 0, credentials: [] })],
    ['isRequired missing', scriptedJson({ credentials: [] })],
    ['credentials missing', scriptedJson({ isRequired: false })],
    ['credentials not an array', scriptedJson({ isRequired: false, credentials: {} })],
    ['a JSON array', scriptedJson([false])],
    ['JSON null', scriptedJson(null)],
    ['a wrongly typed defaultCredentialId', scriptedJson({ isRequired: false, credentials: [], defaultCredentialId: 7 })],
  ];
  for (const [label, apiBaseUrl] of hostileAnswers) {
    it(`fails closed on ${label}`, async () => {
      const { client, urls } = scriptedClient(apiBaseUrl);
      expect(await checkStepUpAuth({ scope: 'wallet:export' }, client)).to.deep.equal(REQUIRED);
      expect(urls).to.have.length(1);
    });
  }

  it('tells observers why a check failed (checkfailed), and says nothing when the server answered', async () => {
    const failures: StepUpCheckFailedEvent[] = [];
    const { client } = scriptedClient(scriptedJson({ error: 'The service is down.', code: 'server_error' }, 503));
    client.addEventListener('checkfailed', (e) => failures.push(e));
    await checkStepUpAuth({ scope: 'wallet:export' }, client);
    expect(failures.map((f) => [f.scope, f.error.code])).to.deep.equal([['wallet:export', 'server_error']]);

    const { client: bob } = await signedInClient('bob');
    bob.addEventListener('checkfailed', (e) => failures.push(e));
    await checkStepUpAuth({ scope: 'wallet:export' }, bob);
    expect(failures).to.have.length(1);
  });

  it('an aborted check answers "required" at once, and the shared request still serves the others', async () => {
    const { client, urls } = scriptedClient(scriptedJson({ isRequired: false, credentials: [] }, 200, 300));
    const controller = new AbortController();
    const aborted = checkStepUpAuth({ scope: 'wallet:export', signal: controller.signal }, client);
    const other = checkStepUpAuth({ scope: 'wallet:export' }, client);
    controller.abort();
    expect(await aborted).to.deep.equal(REQUIRED);
    expect(await other).to.deep.equal({ isRequired: false, credentials: [] });
    expect(urls).to.have.length(1);
  });

  it('keeps well-formed credentials and drops ones of unknown format or shape', async () => {
    const { client } = scriptedClient(
      scriptedJson({
        isRequired: true,
        credentials: [
          { id: 'e1', format: 'email', alias: 'a@example.com' },
          { id: 'x1', format: 'carrier-pigeon' },
          { id: 7, format: 'email' },
          { id: 't1', format: 'totp', type: 'totp' },
        ],
        defaultCredentialId: 'x1',
      }),
    );
    expect(await checkStepUpAuth({ scope: 'wallet:export' }, client)).to.deep.equal({
      isRequired: true,
      credentials: [
        { id: 'e1', format: 'email', alias: 'a@example.com' },
        { id: 't1', format: 'totp', type: 'totp' },
      ],
    });
  });
});
