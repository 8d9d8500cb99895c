// The drift guard itself: it must see an extra field, a missing required one, an unclassified
// endpoint, a log that lost endpoints, and a read field Dynamic's model lacks, and say which
// endpoint, model and field — a guard that cannot fail would pass on any drift.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { senderOf, wireRecorder } from '../support/wire-recorder.mjs';
import { bodyProblems, checkLog, readingProblems, sourceSendersProblems } from './guard.mjs';
import { repoType, sdkModel, sdkOperations } from './models.mjs';

const messages = (problems) => problems.map((p) => `${p.field} ${p.message}`);

const CONTRACT = {
  endpoints: [
    { endpoint: 'POST emailVerifications/verify', request: 'EmailVerificationVerifyRequest', response: 'UpdateSelfResponse' },
    { endpoint: 'POST users/mfa/auth/passkey', request: 'PasskeyAuthRequest', response: 'VerifyResponse' },
    { endpoint: 'GET nonce', request: null, response: 'NonceResponse' },
  ],
  extensions: [{ endpoint: 'DELETE users/passkeys/{id}', why: 'ours' }],
};

const request = (method, path, body, extra = {}) => ({
  method,
  path: `/sdk/{environmentId}/${path}`,
  body,
  status: 200,
  sender: 'core',
  testFile: 'test/otp.test.ts',
  ...extra,
});

const ASSERTION = {
  id: 'cred',
  rawId: 'cred',
  type: 'public-key',
  response: { clientDataJSON: 'a', authenticatorData: 'b', signature: 'c' },
  clientExtensionResults: {},
  requestedScopes: ['wallet:export'],
};

/** A log in which every endpoint of CONTRACT was called once, correctly. */
const completeLog = () => [
  request('POST', 'emailVerifications/verify', { verificationUUID: 'u', verificationToken: '123456', requestedScopes: ['wallet:export'] }),
  request('POST', 'users/mfa/auth/passkey', ASSERTION),
  request('GET', 'nonce', null),
];

describe('the drift guard', () => {
  it('reads a model with its fields, which are required, and their enums', () => {
    const model = sdkModel('StepUpCheckRequest');
    assert.deepEqual(Object.keys(model.fields), ['scope']);
    assert.equal(model.fields.scope.required, true);
    const otp = sdkModel('EmailVerificationVerifyRequest');
    assert.deepEqual(
      Object.entries(otp.fields).filter(([, f]) => f.required).map(([name]) => name),
      ['verificationUUID', 'verificationToken'],
    );
    assert.ok(sdkOperations().some((op) => op.name === 'stepUpCheck' && op.method === 'POST' && op.path === 'stepUp/check' && op.request === 'StepUpCheckRequest'));
    assert.throws(() => sdkModel('NoSuchModel'), /has no model NoSuchModel/);
  });

  it('finds an extra field and a missing required one in a body, and names both', () => {
    const problems = bodyProblems({ verificationToken: '123456', requestedScopes: ['wallet:export'], code: '123456' }, sdkModel('EmailVerificationVerifyRequest'));
    assert.deepEqual(messages(problems), [
      'code is sent, but EmailVerificationVerifyRequest has no such field',
      'verificationUUID is required by EmailVerificationVerifyRequest but not sent',
    ]);
  });

  it('looks into nested models: the passkey assertion inside PasskeyAuthRequest', () => {
    const body = { ...ASSERTION, response: { clientDataJSON: 'a', signature: 'c', clientDataJson: 'a' } };
    assert.deepEqual(messages(bodyProblems(body, sdkModel('PasskeyAuthRequest'))), [
      'response.clientDataJson is sent, but AuthenticatorAssertionResponse has no such field',
      'response.authenticatorData is required by AuthenticatorAssertionResponse but not sent',
    ]);
  });

  it('checks enum values and primitive types only when asked', () => {
    const body = { verificationUUID: 'u', verificationToken: 123456, requestedScopes: ['wallet:export', 'not:a-scope'] };
    assert.deepEqual(bodyProblems(body, sdkModel('EmailVerificationVerifyRequest')), []);
    assert.deepEqual(messages(bodyProblems(body, sdkModel('EmailVerificationVerifyRequest'), { checkValues: true })), [
      'verificationToken is number; the model declares string',
      'requestedScopes[1] is "not:a-scope", not one of TokenScope (business_account:governance:update, business_account:link_wallet, business_account:member:add, business_account:member:remove, business_account:member:role:update, business_account:proposal:approve, business_account:proposal:veto, business_account:role:define, …)',
    ]);
  });

  it('passes a complete, correct log, and skips extensions', () => {
    const log = [...completeLog(), request('DELETE', 'users/passkeys/abc', null)];
    const { problems, seen } = checkLog(log, CONTRACT, sdkModel);
    assert.deepEqual(problems, []);
    assert.equal(seen.get('DELETE users/passkeys/{id}'), 1);
  });

  it('fails a logged body with the endpoint, the model, the field and the test file', () => {
    const log = completeLog();
    log[0] = request('POST', 'emailVerifications/verify', { verificationToken: '123456', code: '1' });
    assert.deepEqual(checkLog(log, CONTRACT, sdkModel).problems, [
      'POST emailVerifications/verify → EmailVerificationVerifyRequest: field "code" is sent, but EmailVerificationVerifyRequest has no such field (1×, first from test/otp.test.ts)',
      'POST emailVerifications/verify → EmailVerificationVerifyRequest: field "verificationUUID" is required by EmailVerificationVerifyRequest but not sent (1×, first from test/otp.test.ts)',
    ]);
  });

  it('judges only the core: raw requests of tests and of Dynamic\'s SDK are left alone', () => {
    const log = [
      ...completeLog(),
      request('POST', 'emailVerifications/verify', { broken: true }, { sender: 'other' }),
      request('POST', 'externalAuth/signin', { jwt: 'x' }, { sender: 'dynamic-sdk' }),
    ];
    const { problems, senders } = checkLog(log, CONTRACT, sdkModel);
    assert.deepEqual(problems, []);
    assert.deepEqual(senders, { core: 3, other: 1, 'dynamic-sdk': 1 });
    // a test's raw request does not count as the core having called an endpoint
    const rawOnly = [...completeLog().slice(1), request('POST', 'emailVerifications/verify', {}, { sender: 'other' })];
    assert.match(checkLog(rawOnly, CONTRACT, sdkModel).problems.join('\n'), /POST emailVerifications\/verify: the browser suite exercises it, but the core sent it not once/);
    assert.equal(senderOf(new Headers({ accept: 'application/json' })), 'core');
    assert.equal(senderOf(new Headers({ accept: 'application/json', 'x-dyn-version': 'ClientSDK/1.27.1' })), 'dynamic-sdk');
    assert.equal(senderOf(new Headers({ accept: '*/*' })), 'other');
  });

  it("fails a module of the core that reaches the step-up API without the header that marks the core's requests", () => {
    const sources = {
      'src/http.ts': "client.fetch(client.sdkUrl(request.path), { headers: { accept: 'application/json' } })",
      'src/new-method.ts': 'fetch(client.sdkUrl(path), { method: "POST" })',
      'src/methods.ts': 'export function methodOf() {}',
    };
    assert.deepEqual(sourceSendersProblems(Object.keys(sources), (file) => sources[file]), [
      "src/new-method.ts sends to the step-up API without accept: 'application/json': the recorder would not count its requests as the core's",
    ]);
    assert.match(sourceSendersProblems(['src/methods.ts'], (file) => sources[file])[0], /looks in the wrong place/);
  });

  it('checks values only of requests the backend accepted: a refused one may carry a test\'s wrong value', () => {
    const log = completeLog();
    log[0] = request('POST', 'emailVerifications/verify', { verificationUUID: 'u', verificationToken: '1', requestedScopes: ['nope'] }, { status: 422 });
    assert.deepEqual(checkLog(log, CONTRACT, sdkModel).problems, []);
    log[0].status = 200;
    assert.match(checkLog(log, CONTRACT, sdkModel).problems.join('\n'), /field "requestedScopes\[0\]" is "nope", not one of TokenScope/);
  });

  it('fails an endpoint that is not classified, a body sent to a GET, and a mapped endpoint never seen', () => {
    const log = completeLog().slice(0, 2);
    log.push(request('POST', 'users/mfa/auth/email', { code: '1' }));
    log.push(request('GET', 'nonce', { surprise: true }));
    const { problems } = checkLog(log, CONTRACT, sdkModel);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^POST users\/mfa\/auth\/email: the core calls an endpoint the drift guard does not know\. Add it to test\/wire\/contract\.mjs/);
    assert.match(problems[1], /^GET nonce: a body is sent, but Dynamic's endpoint takes none/);

    const missing = checkLog(completeLog().slice(1), CONTRACT, sdkModel).problems;
    assert.deepEqual(missing, [
      'POST emailVerifications/verify: the browser suite exercises it, but the core sent it not once — the recorder or the suite lost it (a partial run, e.g. --files, cannot be judged)',
    ]);
  });

  it('fails an empty log, and a log with nothing from the core', () => {
    assert.match(checkLog([], CONTRACT, sdkModel).problems[0], /the request log is empty/);
    const others = completeLog().map((e) => ({ ...e, sender: 'other' }));
    assert.match(checkLog(others, CONTRACT, sdkModel).problems[0], /none from the core/);
  });

  it('accepts a listed known difference and fails one that no longer occurs', () => {
    const contract = {
      ...CONTRACT,
      endpoints: CONTRACT.endpoints.map((e) => (e.request === 'EmailVerificationVerifyRequest' ? { ...e, knownDifferences: [{ field: 'code', kind: 'extra', why: 'test' }] } : e)),
    };
    const log = completeLog();
    log[0].body.code = '1';
    assert.deepEqual(checkLog(log, contract, sdkModel).problems, []);
    assert.match(checkLog(completeLog(), contract, sdkModel).problems.join('\n'), /known difference on field "code" \(extra\) no longer occurs/);
  });

  it('fails a read field the model lacks, and an optional one without evidence that the core copes', () => {
    const source = () => 'const { nonce, secret } = body;';
    const reading = { label: 'GET nonce', reads: ['nonce', 'secret'], readIn: ['src/wallet.ts'] };
    assert.deepEqual(readingProblems(reading, sdkModel('NonceResponse'), source), [
      'GET nonce → NonceResponse: the core reads field "secret", but NonceResponse has no field "secret"',
      'GET nonce → NonceResponse: the core relies on field "nonce", which the model does not guarantee; show in "optional" how the core copes without it',
    ]);
    const handled = { ...reading, reads: ['nonce'], optional: { nonce: { how: 'x', evidence: [['src/wallet.ts', /typeof nonce !== 'string'/]] } } };
    assert.deepEqual(readingProblems(handled, sdkModel('NonceResponse'), source), [
      "GET nonce → NonceResponse: field \"nonce\": the evidence /typeof nonce !== 'string'/ that the core copes without it is no longer in src/wallet.ts",
    ]);
    assert.deepEqual(readingProblems(handled, sdkModel('NonceResponse'), () => "if (typeof nonce !== 'string') throw"), []);
  });

  it("fails a field of the core's own type that the model lacks or leaves optional", () => {
    const coreType = repoType('protocol/wire.ts', 'VerifyResponse');
    const reading = { label: 'POST x', coreType, reads: [], readIn: ['src/verify-response.ts'] };
    // NonceResponse stands in for a model that has none of VerifyResponse's fields
    const problems = readingProblems(reading, sdkModel('NonceResponse'), () => '');
    assert.ok(problems.includes('POST x → NonceResponse: the core\'s type VerifyResponse has field "expiresAt", but NonceResponse has no field "expiresAt"'), problems.join('\n'));
    // ExternalAuthAssertionResponse requires elevatedAccessToken; the core's type does not promise it: fine that way round
    const external = readingProblems({ ...reading, coreType: repoType('protocol/wire.ts', 'ExternalAuthResponse') }, sdkModel('VerifyResponse'), () => '');
    assert.deepEqual(external, ['POST x → VerifyResponse: the core\'s type ExternalAuthResponse promises field "elevatedAccessToken", which VerifyResponse leaves optional']);
  });
});

describe('the wire recorder', () => {
  /** A stand-in for the reference backend that reads the body, as the real one does. */
  const echoBackend = {
    basePath: '/api/v0',
    fetch: async (request) => Response.json({ received: request.body ? await request.text() : null }, { status: 201 }),
  };
  const post = (path, body, headers = {}) =>
    new Request(`http://localhost/api/v0/${path}`, { method: 'POST', headers: { accept: 'application/json', ...headers }, body: JSON.stringify(body) });

  it('logs what went over the wire, leaves the body to the backend, and makes the log only when the run stops', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wire-log-'));
    try {
      const logFile = join(folder, 'log', 'requests.jsonl');
      mkdirSync(join(folder, 'log'));
      writeFileSync(logFile, 'the previous run\n');
      writeFileSync(join(folder, 'log', 'run-999999999.jsonl'), 'a run that was killed\n');
      const { server, plugin } = wireRecorder(echoBackend, { logFile });
      assert.equal(existsSync(logFile), false, 'a new run removes the last log');
      assert.equal(existsSync(join(folder, 'log', 'run-999999999.jsonl')), false, 'and what killed runs left behind');

      const answer = await server.fetch(post('sdk/env-1/stepUp/check', { scope: 'wallet:export' }));
      assert.deepEqual(await answer.json(), { received: '{"scope":"wallet:export"}' });
      await server.fetch(post('sdk/env-2/users/mfa/auth/totp', { code: '1' }, { 'x-dyn-version': 'ClientSDK/1.27.1' }));
      await server.fetch(new Request('http://localhost/api/v0/sdk/env-1/nonce'));
      await server.fetch(post('dev/reset', {}));
      assert.equal(existsSync(logFile), false, 'no log while the run goes on');

      plugin().serverStop();
      const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.deepEqual(lines, [
        { method: 'POST', path: '/sdk/{environmentId}/stepUp/check', body: { scope: 'wallet:export' }, status: 201, sender: 'core', testFile: null },
        { method: 'POST', path: '/sdk/{environmentId}/users/mfa/auth/totp', body: { code: '1' }, status: 201, sender: 'dynamic-sdk', testFile: null },
        { method: 'GET', path: '/sdk/{environmentId}/nonce', body: null, status: 201, sender: 'other', testFile: null },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps recording when the log folder is removed during the run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wire-log-'));
    try {
      const logFile = join(folder, 'log', 'requests.jsonl');
      const { server, plugin } = wireRecorder(echoBackend, { logFile });
      rmSync(join(folder, 'log'), { recursive: true });
      await server.fetch(post('sdk/env/stepUp/check', { scope: 'wallet:export' }));
      plugin().serverStop();
      assert.equal(readFileSync(logFile, 'utf8').trim().split('\n').length, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
