import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertError, call, createTestServer, devSecrets, sdk, signIn } from './test-helpers.js';
import { SESSION_LIFETIME_SECONDS } from './session.js';

describe('stepUp/check', () => {
  it('offers an MFA user only MFA credentials, the authenticator app first by default', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'alice');
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      isRequired: true,
      credentials: [
        { id: 'alice-totp', format: 'totp', type: 'totp', alias: 'Authenticator app' },
        { id: 'recovery-code', format: 'totp', type: 'recoveryCode', alias: 'Recovery code' },
      ],
      defaultCredentialId: 'alice-totp',
    });
  });

  it('offers a user without MFA their re-auth credentials, the sign-in email by default', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const { walletAddress } = await devSecrets(server, 'bob');
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'credential:link' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      isRequired: true,
      credentials: [
        { id: 'bob-email', format: 'email', alias: 'bob@example.com' },
        { id: 'bob-phone', format: 'phoneNumber', alias: '+12025550123' },
        { id: 'bob-google', format: 'oauth', type: 'google', alias: 'bob.demo@gmail.com' },
        { id: 'bob-wallet', format: 'blockchain', type: 'evm', alias: walletAddress },
      ],
      defaultCredentialId: 'bob-email',
    });
  });

  it('stops offering recovery codes once every one is used', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'alice');
    const { recoveryCodes } = await devSecrets(server, 'alice');
    for (const code of recoveryCodes) {
      const res = await call(server, 'POST', sdk(server, 'users/mfa/auth/recovery'), { jwt, body: { code, requestedScopes: ['wallet:sign'] } });
      assert.equal(res.status, 200);
    }
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'wallet:sign' } });
    assert.deepEqual(res.body.credentials.map((c: { id: string }) => c.id), ['alice-totp']);
  });

  it('refuses an unknown scope with invalid_scope and a missing one with invalid_request', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'wallet:steal' } }), 422, 'invalid_scopes');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'toString' } }), 422, 'invalid_scopes');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: {} }), 400, 'invalid_request');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 7 } }), 400, 'invalid_request');
  });

  it('answers not_signed_in without a valid, live session of this server', async () => {
    const { server, clock } = createTestServer();
    const path = sdk(server, 'stepUp/check');
    const body = { scope: 'wallet:export' };
    assertError(await call(server, 'POST', path, { body }), 401, 'not_signed_in');
    assertError(await call(server, 'POST', path, { body, jwt: 'not-a-jwt' }), 401, 'not_signed_in');
    assertError(await call(server, 'POST', path, { body, headers: { authorization: 'Basic abc' } }), 401, 'not_signed_in');
    const other = createTestServer().server;
    assertError(await call(server, 'POST', path, { body, jwt: await signIn(other, 'bob') }), 401, 'not_signed_in');

    const jwt = await signIn(server, 'bob');
    assert.equal((await call(server, 'POST', path, { body, jwt: jwt })).status, 200);
    assert.equal((await call(server, 'POST', path, { body, headers: { authorization: `bearer  ${jwt}` } })).status, 200);
    clock.advance(SESSION_LIFETIME_SECONDS);
    assertError(await call(server, 'POST', path, { body, jwt }), 401, 'not_signed_in');
  });

  it('answers 404 for an unknown environment and for unknown routes', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    assertError(await call(server, 'POST', 'sdk/other-env/stepUp/check', { jwt, body: { scope: 'wallet:export' } }), 404, 'environment_not_found');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/nothing'), { jwt, body: {} }), 404, 'not_found');
    assertError(await call(server, 'GET', 'nothing/here'), 404, 'not_found');
    assertError(await call(server, 'GET', sdk(server, 'stepUp/check'), { jwt }), 404, 'not_found');
  });

  it('serves under a custom base path and environment id', async () => {
    const { server } = createTestServer({ basePath: 'custom/api/', environmentId: 'env-42' });
    assert.equal(server.basePath, '/custom/api');
    assert.equal(server.environmentId, 'env-42');
    const jwt = await signIn(server, 'bob');
    const res = await call(server, 'POST', 'sdk/env-42/stepUp/check', { jwt, body: { scope: 'wallet:sign' } });
    assert.equal(res.status, 200);
    assertError(await call(server, 'POST', 'sdk/step-up-demo/stepUp/check', { jwt, body: { scope: 'wallet:sign' } }), 404, 'environment_not_found');
    const atDefault = await server.fetch(new Request('http://localhost/api/v0/dev/users'));
    assert.equal(atDefault.status, 404);
  });
});
