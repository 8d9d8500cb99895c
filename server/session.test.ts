// Every route behind a session answers 401 not_signed_in to a request without one, or with one
// this server did not issue (or no longer honours: expired, revoked, of a removed user) — and a
// genuine session gets past that gate.
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { ReferenceServer } from './create-reference-server.js';
import { SESSION_LIFETIME_SECONDS } from './session.js';
import { assertError, call, claimsOf, createTestServer, elevatedTokenFor, sdk, signIn } from './test-helpers.js';

const ORIGIN = 'http://localhost:5173';

/** Every route that needs a session, with a body that would otherwise get past validation. */
function sessionRoutes(server: ReferenceServer): [method: string, path: string, body?: unknown][] {
  const verify = { verificationUUID: '00000000-0000-4000-8000-000000000000', verificationToken: '123456', requestedScopes: ['wallet:export'] };
  const state = randomBytes(32).toString('base64url');
  return [
    ['POST', sdk(server, 'stepUp/check'), { scope: 'wallet:export' }],
    ['POST', sdk(server, 'emailVerifications/create'), { email: 'bob@example.com' }],
    ['POST', sdk(server, 'emailVerifications/verify'), verify],
    ['POST', sdk(server, 'smsVerifications/create'), { isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '2025550123' }],
    ['POST', sdk(server, 'smsVerifications/verify'), verify],
    ['POST', sdk(server, 'users/mfa/auth/totp'), { code: '123456', requestedScopes: ['wallet:export'] }],
    ['POST', sdk(server, 'users/mfa/auth/recovery'), { code: 'AAAAA-AAAAA', requestedScopes: ['wallet:export'] }],
    ['POST', sdk(server, 'externalAuth/verify'), { jwt: 'a.b.c' }],
    ['GET', sdk(server, 'users/mfa/register/passkey')],
    ['POST', sdk(server, 'users/mfa/register/passkey'), { id: 'x', rawId: 'x', type: 'public-key', response: {}, clientExtensionResults: {} }],
    ['GET', sdk(server, 'users/mfa/auth/passkey')],
    ['POST', sdk(server, 'users/mfa/auth/passkey'), { id: 'x', rawId: 'x', type: 'public-key', response: {}, clientExtensionResults: {}, requestedScopes: ['wallet:export'] }],
    ['GET', sdk(server, 'nonce')],
    ['POST', sdk(server, 'wallets/verify'), { messageToSign: 'x', signedMessage: '0x', publicWalletAddress: '0x', chain: 'EVM', walletName: 'w', walletProvider: 'browserExtension', requestedScopes: ['wallet:export'] }],
    ['POST', sdk(server, 'providers/google/initAuth'), { state, redirectUrl: `${ORIGIN}/oauth-callback` }],
    ['POST', sdk(server, 'providers/google/verify'), { code: 'x', codeVerifier: 'x', state, requestedScopes: ['wallet:export'] }],
    ['POST', 'protected/wallet/export'],
    ['POST', 'protected/wallet/sign'],
    ['POST', 'protected/credentials/link'],
    ['POST', 'protected/credentials/unlink'],
    ['DELETE', 'protected/user'],
    ['GET', sdk(server, 'users')],
    ['GET', sdk(server, 'users/passkeys/authenticate')],
    // Last: with the genuine session it signs that session out.
    ['POST', sdk(server, 'revoke')],
  ];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sessions', () => {
  it('every SDK and protected route refuses a missing, forged, foreign, expired, revoked or orphaned session with 401', async () => {
    const t = createTestServer();
    const { server } = t;
    const expired = await signIn(server, 'bob');
    t.clock.advance(SESSION_LIFETIME_SECONDS);
    const { id: createdId } = (await call(server, 'POST', 'dev/users', { body: {} })).body;
    const orphaned = await signIn(server, createdId);
    await call(server, 'POST', 'dev/reset', { body: {} }); // removes the created user: a live session of nobody
    const revoked = await signIn(server, 'alice');
    assert.equal((await call(server, 'POST', sdk(server, 'revoke'), { jwt: revoked })).status, 200);
    const genuine = await signIn(server, 'bob');
    const [head, , signature] = genuine.split('.');
    const { payload } = claimsOf(genuine);

    const otherSecret = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(createSecretKey(randomBytes(32)));
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    const algNoneSigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.${signature}`;
    const tampered = `${head}.${b64({ ...payload, sub: 'alice' })}.${signature}`;
    const otherServer = await signIn(createTestServer().server, 'bob');
    const elevated = await elevatedTokenFor(server, 'bob', 'wallet:sign'); // ES256, signed by this very server
    // The revoked session's signature spelled otherwise: its last character differs only in bits
    // base64url decoding drops, or it ends in padding jose accepts. The revocation is remembered
    // by a hash of the token, so only a check that takes one spelling of a signature keeps it revoked.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const revokedRespelled = revoked.slice(0, -1) + alphabet[alphabet.indexOf(revoked.at(-1)!) ^ 1];
    assert.notEqual(revokedRespelled, revoked);
    const revokedPadded = `${revoked}=`;
    const forged = { otherSecret, algNone, algNoneSigned, tampered, otherServer, expired, orphaned, revoked, revokedRespelled, revokedPadded, elevated, garbage: 'a.b.c' };

    for (const [method, path, body] of sessionRoutes(server)) {
      const headers = { origin: ORIGIN, 'x-dyn-elevated-access-token': elevated };
      const ask = (extra: { jwt?: string; headers?: Record<string, string> }) =>
        call(server, method, path, { body, ...extra, headers: { ...headers, ...extra.headers } });
      assertError(await ask({}), 401, 'not_signed_in');
      assertError(await ask({ headers: { authorization: 'Bearer' } }), 401, 'not_signed_in');
      assertError(await ask({ headers: { authorization: `Basic ${Buffer.from('bob:bob').toString('base64')}` } }), 401, 'not_signed_in');
      for (const [name, jwt] of Object.entries(forged)) {
        const res = await ask({ jwt });
        assert.equal(res.status, 401, `${method} ${path} with the ${name} session: ${JSON.stringify(res.body)}`);
        assertError(res, 401, 'not_signed_in');
      }
      const passed = await ask({ jwt: genuine });
      assert.notEqual(passed.body.code, 'not_signed_in', `${method} ${path}: a genuine session gets past the gate`);
    }
  });

  it('a session it has just honoured still ends: at its expiry, on a dev reset, when revoked', async () => {
    const t = createTestServer();
    const { server } = t;
    const check = (jwt: string) => call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' }, headers: { origin: ORIGIN } });
    const expiring = await signIn(server, 'bob');
    assert.equal((await check(expiring)).status, 200);
    assert.equal((await check(expiring)).status, 200, 'again: the server has seen it');
    t.clock.advance(SESSION_LIFETIME_SECONDS - 1);
    assert.equal((await check(expiring)).status, 200, 'a second before it expires');
    t.clock.advance(1);
    assertError(await check(expiring), 401, 'not_signed_in');

    const beforeReset = await signIn(server, 'bob');
    assert.equal((await check(beforeReset)).status, 200);
    await call(server, 'POST', 'dev/reset', { body: {} });
    assertError(await check(beforeReset), 401, 'not_signed_in');

    const revoked = await signIn(server, 'bob');
    assert.equal((await check(revoked)).status, 200);
    assert.equal((await call(server, 'POST', sdk(server, 'revoke'), { jwt: revoked, headers: { origin: ORIGIN } })).status, 200);
    assertError(await check(revoked), 401, 'not_signed_in');
  });
});
