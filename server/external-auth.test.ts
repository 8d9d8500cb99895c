import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createApp } from './create-reference-server.js';
import { createServerContext } from './server-context.js';
import { assertError, call, claimsOf, createTestServer, sdk, signIn, TestClock, type TestServer } from './test-helpers.js';

async function devAssertion(t: TestServer, body: Record<string, unknown>): Promise<string> {
  const res = await call(t.server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export', ...body } });
  assert.equal(res.status, 200);
  return res.body.jwt;
}

const exchange = (t: TestServer, jwt: string, assertion: unknown) =>
  call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt, body: { jwt: assertion } });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('externalAuth/verify with the dev issuer', () => {
  it('trades a valid assertion for an elevated token of its scopes', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const res = await exchange(t, jwt, await devAssertion(t, { scope: 'wallet:sign credential:link wallet:sign' }));
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['elevatedAccessToken']);
    const { payload } = claimsOf(res.body.elevatedAccessToken);
    assert.equal(payload.sub, 'bob');
    assert.equal(payload.scope, 'credential:link wallet:sign');
  });

  it('refuses a replayed assertion', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const assertion = await devAssertion(t, {});
    assert.equal((await exchange(t, jwt, assertion)).status, 200);
    assertError(await exchange(t, jwt, assertion), 409, 'external_jwt_replayed');
    const sameJti = await devAssertion(t, { jti: 'fixed-id' });
    assert.equal((await exchange(t, jwt, sameJti)).status, 200);
    assertError(await exchange(t, jwt, await devAssertion(t, { jti: 'fixed-id' })), 409, 'external_jwt_replayed');
  });

  it('refuses an expired assertion, and one that lives longer than 10 minutes', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const assertion = await devAssertion(t, { expiresInSeconds: 60 });
    t.clock.advance(60);
    assertError(await exchange(t, jwt, assertion), 401, 'external_jwt_expired');
    assertError(await exchange(t, jwt, await devAssertion(t, { expiresInSeconds: -5 })), 401, 'external_jwt_expired');
    assertError(await exchange(t, jwt, await devAssertion(t, { expiresInSeconds: 601 })), 401, 'external_jwt_invalid');
    assert.equal((await exchange(t, jwt, await devAssertion(t, { expiresInSeconds: 600 }))).status, 200);
  });

  it('refuses an assertion for another user', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    assertError(await exchange(t, jwt, await devAssertion(t, { userId: 'alice' })), 403, 'forbidden');
  });

  it('refuses unknown or empty scopes', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    for (const scope of ['', ' ', 'wallet:steal', 'wallet:export wallet:steal']) {
      assertError(await exchange(t, jwt, await devAssertion(t, { scope })), 422, 'invalid_scopes');
    }
  });

  it('refuses a forged, tampered, unsigned or malformed assertion', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const genuine = await devAssertion(t, {});
    const [header, payload, signature] = genuine.split('.') as [string, string, string];

    const otherIssuer = createTestServer();
    const foreign = await devAssertion(otherIssuer, {});
    const tampered = `${header}.${b64url({ ...(claimsOf(genuine).payload as JWTPayload), scope: 'wallet:export user:delete' })}.${signature}`;
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const hmacKey = new TextEncoder().encode('a shared secret the server never agreed to');
    const hmac = await new SignJWT(claimsOf(genuine).payload).setProtectedHeader({ alg: 'HS256', kid: 'dev-external-issuer' }).sign(hmacKey);

    for (const forged of [foreign, tampered, unsigned, hmac, 'abc', 'a.b.c', '', `${genuine}x`]) {
      assertError(await exchange(t, jwt, forged), 401, 'external_jwt_invalid');
    }
    assertError(await exchange(t, jwt, 42), 400, 'invalid_request');
    assert.equal((await exchange(t, jwt, genuine)).status, 200, 'the genuine one still works');
  });
});

describe('externalAuth/verify with a configured issuer', () => {
  async function configured(alg: 'RS256' | 'EdDSA') {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg };
    const t = createTestServer({ externalAuth: { jwks: { keys: [jwk] }, issuer: 'https://issuer.example', audience: 'step-up' } });
    const sign = (claims: JWTPayload, lifetime = 300) => {
      const iat = Math.floor(t.clock.ms / 1000);
      return new SignJWT({ scope: 'user:delete', sub: 'bob', jti: crypto.randomUUID(), iss: 'https://issuer.example', aud: 'step-up', iat, exp: iat + lifetime, ...claims })
        .setProtectedHeader({ alg, kid: 'k1' })
        .sign(privateKey);
    };
    return { t, sign, jwt: await signIn(t.server, 'bob') };
  }

  for (const alg of ['RS256', 'EdDSA'] as const) {
    it(`accepts a ${alg} assertion from the trusted issuer for the right audience`, async () => {
      const { t, sign, jwt } = await configured(alg);
      const res = await exchange(t, jwt, await sign({}));
      assert.equal(res.status, 200);
      assert.equal(claimsOf(res.body.elevatedAccessToken).payload.scope, 'user:delete');
    });
  }

  it('checks issuer and audience, and requires jti and exp', async () => {
    const { t, sign, jwt } = await configured('RS256');
    assertError(await exchange(t, jwt, await sign({ iss: 'https://evil.example' })), 401, 'external_jwt_invalid');
    assertError(await exchange(t, jwt, await sign({ aud: 'someone-else' })), 401, 'external_jwt_invalid');
    assertError(await exchange(t, jwt, await sign({ jti: undefined })), 401, 'external_jwt_invalid');
    assertError(await exchange(t, jwt, await sign({ exp: undefined })), 401, 'external_jwt_invalid');
    assertError(await exchange(t, jwt, await sign({ sub: undefined })), 403, 'forbidden');
    assertError(await exchange(t, jwt, await sign({ scope: undefined })), 422, 'invalid_scopes');
    // A long-lived token cannot hide behind an iat set in the future.
    const iat = Math.floor(t.clock.ms / 1000) + 3600;
    assertError(await exchange(t, jwt, await sign({ iat, exp: iat + 300 })), 401, 'external_jwt_invalid');
  });

  it('does not offer the dev issuer when an issuer is configured', async () => {
    const { t } = await configured('RS256');
    assertError(await call(t.server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export' } }), 404, 'not_found');
  });

  it('answers not_found when no issuer is trusted', async () => {
    const clock = new TestClock();
    const ctx = createServerContext({ devMode: true, now: clock.now });
    ctx.externalAuth = undefined;
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const jwt = await signIn(server, 'bob');
    const res = await call(server, 'POST', `sdk/${ctx.environmentId}/externalAuth/verify`, { jwt, body: { jwt: 'x.y.z' } });
    assertError(res, 404, 'not_found');
  });
});
