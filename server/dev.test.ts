import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from 'otplib';
import { privateKeyToAccount } from 'viem/accounts';
import { MAX_CREATED_USERS } from './routes/dev.js';
import { createMemoryStore } from './stores/step-up-store.js';
import { assertError, call, createTestServer, devSecrets, elevatedTokenFor, sdk, signIn, START_MS, TestClock } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

describe('dev routes', () => {
  it('list the seeded demo users', async () => {
    const { server } = createTestServer();
    const res = await call(server, 'GET', 'dev/users');
    assert.deepEqual(res.body, [
      { id: 'alice', label: 'Alice (MFA: authenticator app + recovery codes)', mfa: true },
      { id: 'bob', label: 'Bob (email, SMS, Google, wallet)', mfa: false },
    ]);
  });

  it('create re-auth users with an email credential, who can step up like bob', async () => {
    const t = createTestServer();
    const named = await call(t.server, 'POST', 'dev/users', { body: { label: '  Load user  ' } });
    assert.equal(named.status, 200);
    assert.match(named.body.id, /^user-[0-9a-f]{16}$/);
    assert.deepEqual(named.body, { id: named.body.id, label: 'Load user', email: `${named.body.id}@example.com` });
    const unnamed = (await call(t.server, 'POST', 'dev/users', { body: {} })).body;
    assert.notEqual(unnamed.id, named.body.id);
    assert.equal(unnamed.label, 'Demo user 2');
    const listed = (await call(t.server, 'GET', 'dev/users')).body;
    assert.deepEqual(listed.slice(2), [
      { id: named.body.id, label: 'Load user', mfa: false },
      { id: unnamed.id, label: 'Demo user 2', mfa: false },
    ]);
    assert.deepEqual(await devSecrets(t.server, unnamed.id), {});

    const { id, email } = named.body;
    const jwt = await signIn(t.server, id);
    const check = await call(t.server, 'POST', sdk(t.server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } });
    assert.deepEqual(check.body, { isRequired: true, credentials: [{ id: `${id}-email`, format: 'email', alias: email }], defaultCredentialId: `${id}-email` });
    const sent = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt, body: { email } });
    const code = (await call(t.server, 'GET', `dev/outbox?userId=${id}`)).body[0].code;
    const verified = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), {
      jwt,
      body: { verificationUUID: sent.body.verificationUUID, verificationToken: code, requestedScopes: ['wallet:export'] },
    });
    assert.equal(verified.status, 200);
    assertVerifyResponse(verified.body, { userId: id, email, sessionJwt: jwt, elevated: true });
    const exported = await call(t.server, 'POST', 'protected/wallet/export', { jwt, headers: { 'x-dyn-elevated-access-token': verified.body.elevatedAccessToken } });
    assert.equal(exported.body.userId, id);
  });

  it('refuse a label that is empty, too long or not a string, and a body that is not JSON', async () => {
    const { server } = createTestServer();
    for (const label of ['', '   ', 'x'.repeat(101), 7, null]) {
      assertError(await call(server, 'POST', 'dev/users', { body: { label } }), 400, 'invalid_request');
    }
    assertError(await call(server, 'POST', 'dev/users', { rawBody: 'label=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'invalid_request');
    assert.equal((await call(server, 'GET', 'dev/users')).body.length, 2);
  });

  it(`create at most ${MAX_CREATED_USERS} users until the next reset`, async () => {
    const { server } = createTestServer();
    for (let i = 0; i < MAX_CREATED_USERS; i++) {
      assert.equal((await call(server, 'POST', 'dev/users', { body: {} })).status, 200);
    }
    assertError(await call(server, 'POST', 'dev/users', { body: {} }), 409, 'too_many_users');
    await call(server, 'POST', 'dev/reset', { body: {} });
    assert.equal((await call(server, 'POST', 'dev/users', { body: {} })).status, 200);
  });

  it('sign a demo user in with a 12-hour session', async () => {
    const { server } = createTestServer();
    const res = await call(server, 'POST', 'dev/session', { body: { userId: 'bob' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.environmentId, 'step-up-demo');
    const claims = JSON.parse(Buffer.from(res.body.jwt.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, 'bob');
    assert.equal(claims.environment_id, 'step-up-demo');
    assert.equal(claims.exp - claims.iat, 12 * 60 * 60);
    assertError(await call(server, 'POST', 'dev/session', { body: { userId: 'mallory' } }), 404, 'user_not_found');
    assertError(await call(server, 'POST', 'dev/session', { body: {} }), 400, 'invalid_request');
  });

  it('show the outbox newest first, for one user or all', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const carol = (await call(t.server, 'POST', 'dev/users', { body: { label: 'Carol' } })).body;
    await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    t.clock.advance(1);
    await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: await signIn(t.server, carol.id), body: { email: carol.email } });
    t.clock.advance(1);
    await call(t.server, 'POST', sdk(t.server, 'smsVerifications/create'), {
      jwt: bob,
      body: { isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '2025550123' },
    });
    const all = (await call(t.server, 'GET', 'dev/outbox')).body;
    assert.deepEqual(all.map((m: { to: string }) => m.to), ['+12025550123', carol.email, 'bob@example.com']);
    const bobs = (await call(t.server, 'GET', 'dev/outbox?userId=bob')).body;
    assert.deepEqual(bobs.map((m: { channel: string }) => m.channel), ['sms', 'email']);
    assert.deepEqual(Object.keys(bobs[0]).sort(), ['channel', 'code', 'sentAt', 'to', 'userId']);
  });

  it('reveal the secrets each user holds, and only those', async () => {
    const { server } = createTestServer();
    const alice = await devSecrets(server, 'alice');
    assert.deepEqual(Object.keys(alice).sort(), ['otpauthUri', 'recoveryCodes', 'totpSecret']);
    assert.match(alice.totpSecret, /^[A-Z2-7]{32}$/);
    assert.match(alice.otpauthUri, /^otpauth:\/\/totp\/step-up-kit%20demo:alice%40example\.com\?/);
    assert.ok(alice.otpauthUri.includes(`secret=${alice.totpSecret}`));

    const bob = await devSecrets(server, 'bob');
    assert.deepEqual(Object.keys(bob).sort(), ['walletAddress', 'walletPrivateKey']);
    assert.equal(privateKeyToAccount(bob.walletPrivateKey).address, bob.walletAddress);
    assertError(await call(server, 'GET', 'dev/users/mallory/secrets'), 404, 'user_not_found');
  });

  it('list only unused recovery codes', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'alice');
    const before = (await devSecrets(server, 'alice')).recoveryCodes;
    await call(server, 'POST', sdk(server, 'users/mfa/auth/recovery'), { jwt, body: { code: before[3], requestedScopes: ['wallet:sign'] } });
    const after = (await devSecrets(server, 'alice')).recoveryCodes;
    assert.deepEqual(after, before.filter((_: string, i: number) => i !== 3));
  });

  it('move the clock forward', async () => {
    const t = createTestServer();
    const res = await call(t.server, 'POST', 'dev/clock', { body: { advanceSeconds: 90 } });
    assert.deepEqual(res.body, { now: START_MS + 90_000 });
    assertError(await call(t.server, 'POST', 'dev/clock', { body: { advanceSeconds: -1 } }), 400, 'invalid_request');
    assertError(await call(t.server, 'POST', 'dev/clock', { body: { advanceSeconds: 1e12 } }), 400, 'invalid_request');
  });

  it('reset to the seeded state: same users and secrets, empty outbox, no lockouts, used codes or clock offset', async () => {
    const t = createTestServer();
    const secretsBefore = await devSecrets(t.server, 'alice');
    const bobSecretsBefore = await devSecrets(t.server, 'bob');
    const alice = await signIn(t.server, 'alice');
    const bob = await signIn(t.server, 'bob');
    const totpPath = sdk(t.server, 'users/mfa/auth/totp');
    const recoveryPath = sdk(t.server, 'users/mfa/auth/recovery');
    await call(t.server, 'POST', recoveryPath, { jwt: alice, body: { code: secretsBefore.recoveryCodes[0], requestedScopes: ['wallet:sign'] } });
    for (let i = 0; i < 5; i++) await call(t.server, 'POST', totpPath, { jwt: alice, body: { code: '000000', requestedScopes: ['wallet:sign'] } });
    await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    await call(t.server, 'POST', 'dev/clock', { body: { advanceSeconds: 30 } });

    assert.deepEqual((await call(t.server, 'POST', 'dev/reset', { body: {} })).body, { ok: true });
    assert.deepEqual(await devSecrets(t.server, 'alice'), secretsBefore);
    assert.deepEqual(await devSecrets(t.server, 'bob'), bobSecretsBefore);
    assert.deepEqual((await call(t.server, 'GET', 'dev/outbox')).body, []);
    assert.equal((await call(t.server, 'POST', 'dev/clock', { body: { advanceSeconds: 0 } })).body.now, START_MS);
    // The session key is rotated: a session from before the reset is signed out.
    assertError(await call(t.server, 'POST', totpPath, { jwt: alice, body: { code: '000000', requestedScopes: ['wallet:sign'] } }), 401, 'not_signed_in');
    const aliceAgain = await signIn(t.server, 'alice');
    const code = await generate({ secret: secretsBefore.totpSecret, epoch: Math.floor(START_MS / 1000) });
    assert.equal((await call(t.server, 'POST', totpPath, { jwt: aliceAgain, body: { code, requestedScopes: ['wallet:sign'] } })).status, 200);
    const reused = await call(t.server, 'POST', recoveryPath, { jwt: aliceAgain, body: { code: secretsBefore.recoveryCodes[0], requestedScopes: ['wallet:sign'] } });
    assert.equal(reused.status, 200);
  });

  it('reset frees at once what the old generation kept in an in-process store; spent ids stay', async () => {
    const clock = new TestClock();
    const store = createMemoryStore(clock.now);
    const { server } = createTestServer({ store, now: clock.now });
    const bob = await signIn(server, 'bob');
    const token = await elevatedTokenFor(server, 'bob', 'wallet:export'); // spends the assertion's id
    assert.equal((await call(server, 'POST', 'protected/wallet/export', { jwt: bob, headers: { 'x-dyn-elevated-access-token': token } })).status, 200);
    assert.equal((await call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } })).status, 200);
    const spentIds = store.keys().filter((key) => !key.startsWith('g0:'));
    assert.ok(store.keys().filter((key) => key.startsWith('g0:')).length >= 4, store.keys().join(' '));
    assert.ok(spentIds.length >= 2, 'the token and the assertion are spent');

    server.reset();
    assert.deepEqual(store.keys(), spentIds);
  });

  it('reset removes created users: their sessions and secrets are gone', async () => {
    const t = createTestServer();
    const { id } = (await call(t.server, 'POST', 'dev/users', { body: {} })).body;
    const jwt = await signIn(t.server, id);
    await call(t.server, 'POST', 'dev/reset', { body: {} });
    assert.deepEqual((await call(t.server, 'GET', 'dev/users')).body.map((u: { id: string }) => u.id), ['alice', 'bob']);
    assertError(await call(t.server, 'POST', sdk(t.server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } }), 401, 'not_signed_in');
    assertError(await call(t.server, 'GET', `dev/users/${id}/secrets`), 404, 'user_not_found');
    assertError(await call(t.server, 'POST', 'dev/session', { body: { userId: id } }), 404, 'user_not_found');
    assert.equal((await call(t.server, 'POST', 'dev/users', { body: {} })).body.label, 'Demo user 1');
  });

  it('server.reset() does the same as POST dev/reset', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    t.server.reset();
    assert.deepEqual((await call(t.server, 'GET', 'dev/outbox')).body, []);
    assertError(await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } }), 401, 'not_signed_in');
    const bobAgain = await signIn(t.server, 'bob');
    assert.equal((await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bobAgain, body: { email: 'bob@example.com' } })).status, 200);
  });

  it('sign external assertions with the dev issuer', async () => {
    const { server } = createTestServer();
    const res = await call(server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export', expiresInSeconds: 60, jti: 'j1' } });
    const claims = JSON.parse(Buffer.from(res.body.jwt.split('.')[1], 'base64url').toString());
    assert.deepEqual(claims, { scope: 'wallet:export', iss: 'step-up-kit-dev-issuer', sub: 'bob', jti: 'j1', iat: START_MS / 1000, exp: START_MS / 1000 + 60 });
  });

  it('do not exist unless dev mode is on, and there are no demo users then', async () => {
    const { server } = createTestServer({ devMode: false });
    for (const [method, path] of [
      ['GET', 'dev/users'],
      ['POST', 'dev/users'],
      ['POST', 'dev/session'],
      ['GET', 'dev/outbox'],
      ['GET', 'dev/users/alice/secrets'],
      ['POST', 'dev/reset'],
      ['POST', 'dev/clock'],
      ['POST', 'dev/external-jwt'],
    ] as const) {
      const body = method === 'POST' ? { userId: 'alice', advanceSeconds: 1, scope: 'wallet:export' } : undefined;
      assertError(await call(server, method, path, { body }), 404, 'not_found');
    }
    const withDev = createTestServer();
    const stolen = await signIn(withDev.server, 'alice');
    assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt: stolen, body: { scope: 'wallet:export' } }), 401, 'not_signed_in');
  });
});
