import assert from 'node:assert/strict';
import { createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { createReferenceServer } from './create-reference-server.js';
import { createElevatedTokens, type ElevatedTokens } from './elevated-tokens.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, verifyElevation, type ElevationResult } from './kit/verify-elevation.js';
import { createServerContext, type ReferenceServerOptions } from './server-context.js';
import { createScopePolicy } from './scope-policy.js';
import { loadSigningKeys } from './signing-keys.js';
import { assertError, assertStepUpRequired, call, claimsOf, createTestServer, devSecrets, elevatedTokenFor, sdk, signIn, START_MS, type TestServer } from './test-helpers.js';

const HEADER = 'x-dyn-elevated-access-token';

const ENDPOINTS = [
  ['POST', 'wallet/export', 'wallet:export'],
  ['POST', 'wallet/sign', 'wallet:sign'],
  ['POST', 'credentials/link', 'credential:link'],
  ['POST', 'credentials/unlink', 'credential:unlink'],
  ['DELETE', 'user', 'user:delete'],
] as const;

function protectedCall(t: TestServer, method: string, path: string, jwt: string | undefined, token?: string) {
  return call(t.server, method, `protected/${path}`, { jwt, headers: token ? { [HEADER]: token } : {} });
}

describe('elevated tokens', () => {
  it('carry sorted, deduplicated scopes, singleUse, a jti and a 5-minute life when any scope is single-use', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'alice');
    const { recoveryCodes } = await devSecrets(t.server, 'alice');
    const res = await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/recovery'), {
      jwt,
      body: { code: recoveryCodes[0], requestedScopes: ['wallet:sign', 'wallet:export', 'wallet:sign'] },
    });
    assert.equal(res.status, 200);
    const { header, payload } = claimsOf(res.body.elevatedAccessToken);
    const { keys } = (await call(t.server, 'GET', '.well-known/jwks.json')).body;
    assert.deepEqual(header, { alg: 'ES256', typ: 'JWT', kid: keys[0].kid }, 'signed with the published key');
    const iat = Math.floor(START_MS / 1000);
    assert.deepEqual({ ...payload, jti: undefined }, {
      iss: 'step-up-kit',
      aud: 'step-up-demo',
      sub: 'alice',
      scope: 'wallet:export wallet:sign',
      singleUse: true,
      environment_id: 'step-up-demo',
      auth_time: iat,
      amr: ['otp'],
      iat,
      exp: iat + 300,
      jti: undefined,
    });
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
  });

  it('live 10 minutes and may be reused when every scope is multi-use', async () => {
    const t = createTestServer();
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:sign credential:link');
    const { payload } = claimsOf(token);
    assert.equal(payload.singleUse, false);
    assert.equal(Number(payload.exp) - Number(payload.iat), 600);
    const jwt = await signIn(t.server, 'bob');
    for (let i = 0; i < 3; i++) assert.equal((await protectedCall(t, 'POST', 'wallet/sign', jwt, token)).status, 200);
    assert.equal((await protectedCall(t, 'POST', 'credentials/link', jwt, token)).status, 200);
  });

  it('follow the scopePolicy option', async () => {
    const t = createTestServer({ scopePolicy: { 'wallet:sign': { singleUse: true }, 'wallet:export': { singleUse: false } } });
    const sign = claimsOf(await elevatedTokenFor(t.server, 'bob', 'wallet:sign')).payload;
    assert.equal(sign.singleUse, true);
    assert.equal(Number(sign.exp) - Number(sign.iat), 300);
    const exportClaims = claimsOf(await elevatedTokenFor(t.server, 'bob', 'wallet:export')).payload;
    assert.equal(exportClaims.singleUse, false);
    assert.throws(() => createReferenceServer({ scopePolicy: { 'wallet:steal': { singleUse: true } } }), /unknown scope/);
  });
});

describe('protected endpoints', () => {
  it('perform each action with a token of its scope', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    for (const [method, path, scope] of ENDPOINTS) {
      const res = await protectedCall(t, method, path, jwt, await elevatedTokenFor(t.server, 'bob', scope));
      assert.equal(res.status, 200, `${method} ${path}`);
      assert.equal(res.body.ok, true);
      assert.equal(res.body.action, scope);
      assert.equal(res.body.userId, 'bob');
      assert.equal(res.body.at, new Date(START_MS).toISOString());
    }
  });

  it('export answers a placeholder key that is clearly fake, and delete deletes nothing', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const exported = await protectedCall(t, 'POST', 'wallet/export', jwt, await elevatedTokenFor(t.server, 'bob', 'wallet:export'));
    assert.match(exported.body.privateKey, /DEMO.*NOT-REAL/);
    const deleted = await protectedCall(t, 'DELETE', 'user', jwt, await elevatedTokenFor(t.server, 'bob', 'user:delete'));
    assert.equal(deleted.body.simulated, true);
    assert.match(deleted.body.message, /Nothing was deleted/);
    assert.equal((await call(t.server, 'GET', 'dev/users')).body.length, 2);
  });

  it('need a session', async () => {
    const t = createTestServer();
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');
    assertError(await protectedCall(t, 'POST', 'wallet/sign', undefined, token), 401, 'not_signed_in');
  });

  it('refuse a missing token and a token of another scope', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/export', jwt), 'missing');
    const signToken = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/export', jwt, signToken), 'wrong_scope');
  });

  it('refuse an expired token', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const multi = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');
    const single = await elevatedTokenFor(t.server, 'bob', 'wallet:export');
    t.clock.advance(299);
    assert.equal((await protectedCall(t, 'POST', 'wallet/sign', jwt, multi)).status, 200);
    t.clock.advance(1 + DEFAULT_CLOCK_TOLERANCE_SECONDS); // past exp, and past the skew a verifier allows
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/export', jwt, single), 'expired');
    t.clock.advance(300);
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/sign', jwt, multi), 'expired');
  });

  it('refuse a single-use token presented again, even for another of its scopes', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:export credential:unlink');
    assert.equal((await protectedCall(t, 'POST', 'wallet/export', jwt, token)).status, 200);
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/export', jwt, token), 'used');
    assertStepUpRequired(await protectedCall(t, 'POST', 'credentials/unlink', jwt, token), 'used');
  });

  it('spend a single-use token once even under concurrent calls', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:export');
    const results = await Promise.all(Array.from({ length: 4 }, () => protectedCall(t, 'POST', 'wallet/export', jwt, token)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 401, 401, 401]);
    assert.deepEqual(results.filter((r) => r.status === 401).map((r) => r.body.payload.reason), ['used', 'used', 'used']);
  });

  it('refuse forged tokens: another key, alg none, tampered, malformed, another user or environment', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const genuine = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');
    const { payload } = claimsOf(genuine);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const [head, , sig] = genuine.split('.');

    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const otherKey = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(privateKey);
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    const tampered = `${head}.${b64({ ...payload, scope: 'wallet:sign wallet:export' })}.${sig}`;
    const otherServer = createTestServer({ environmentId: 'other-env' });
    const otherEnvironment = await elevatedTokenFor(otherServer.server, 'bob', 'wallet:sign');
    const alices = await elevatedTokenFor(t.server, 'alice', 'wallet:sign');

    for (const forged of [otherKey, algNone, tampered, otherEnvironment, 'garbage', 'a.b.c', `Bearer ${genuine}`]) {
      assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/sign', jwt, forged), 'invalid');
    }
    assertStepUpRequired(await protectedCall(t, 'POST', 'wallet/sign', jwt, alices), 'wrong_user');
    assert.equal((await protectedCall(t, 'POST', 'wallet/sign', jwt, genuine)).status, 200);
  });

  it('every protected endpoint refuses a token of its scope signed with another key, unsigned (alg none) or HS256', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const [method, path, scope] of ENDPOINTS) {
      const genuine = await elevatedTokenFor(t.server, 'bob', scope);
      const { payload } = claimsOf(genuine);
      const signature = genuine.split('.')[2];
      const forged = {
        otherKey: await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(privateKey),
        algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`,
        algNoneKeptSignature: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.${signature}`,
        hs256: await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(createSecretKey(randomBytes(32))),
      };
      for (const [name, token] of Object.entries(forged)) {
        const res = await protectedCall(t, method, path, jwt, token);
        assert.equal(res.status, 401, `${method} ${path} with the ${name} token: ${JSON.stringify(res.body)}`);
        assertStepUpRequired(res, 'invalid');
      }
      assert.equal((await protectedCall(t, method, path, jwt, genuine)).status, 200, `${method} ${path} with the genuine token`);
    }
  });
});

/** The server kit's verdict on `token` for `scope`, as an app's API would ask for it. */
function verdict(token: string, tokens: ElevatedTokens, environmentId: string, { issuer = 'step-up-kit', userId = 'bob', scope = 'wallet:sign' } = {}) {
  const request = new Request('https://api.example/x', { headers: { [HEADER]: token } });
  return verifyElevation(request, {
    scope,
    keys: tokens.keySet,
    issuer,
    audience: environmentId,
    getUserId: () => userId,
    spendOnce: () => true,
    now: () => START_MS,
  });
}

const refusedAs = async (result: Promise<ElevationResult>) => {
  const settled = await result;
  return settled.ok ? 'accepted' : settled.refusal.reason;
};

describe('elevated token verification beyond the signature', () => {
  it('refuses alg none and HS256 keyed with the public key (algorithm confusion)', async () => {
    const keyPair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = loadSigningKeys({ signingKey: keyPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }, false);
    const tokens = createElevatedTokens({ environmentId: 'here', issuer: 'step-up-kit', now: () => START_MS, policy: createScopePolicy(), keys });
    const { payload } = claimsOf(await tokens.mint('bob', ['wallet:sign'], 'totp'));
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const publicForms = [
      keyPair.publicKey.export({ type: 'spki', format: 'pem' }),
      keyPair.publicKey.export({ type: 'spki', format: 'der' }),
      Buffer.from(JSON.stringify(keyPair.publicKey.export({ format: 'jwk' }))),
    ];
    const forged = [`${b64({ alg: 'none' })}.${b64(payload)}.`];
    for (const form of publicForms) {
      forged.push(await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(createSecretKey(Buffer.from(form))));
    }
    for (const token of forged) assert.equal(await refusedAs(verdict(token, tokens, 'here')), 'invalid');
  });


  it('refuses a token signed with the right key for another environment', async () => {
    const keys = loadSigningKeys({}, true);
    const deps = { issuer: 'step-up-kit', now: () => START_MS, policy: createScopePolicy(), keys };
    const here = createElevatedTokens({ ...deps, environmentId: 'here' });
    const elsewhere = createElevatedTokens({ ...deps, environmentId: 'elsewhere' });
    const token = await elsewhere.mint('bob', ['wallet:sign'], 'totp');
    assert.equal(await refusedAs(verdict(token, here, 'here')), 'invalid');
    assert.equal(await refusedAs(verdict(token, elsewhere, 'elsewhere')), 'accepted');
  });
});

describe('signing keys', () => {
  const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;

  it('publish the public keys at .well-known/jwks.json, cacheable, and never a private part', async () => {
    const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const previous = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const t = createTestServer({ signingKey: { ...(signing.privateKey.export({ format: 'jwk' }) as object), kid: 'k-2030' }, verificationKeys: [pem(previous.privateKey)] });
    const res = await call(t.server, 'GET', '.well-known/jwks.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    assert.deepEqual(res.body.keys.map((k: { kid: string; alg: string; use: string }) => [k.alg, k.use]), [['ES256', 'sig'], ['ES256', 'sig']]);
    assert.equal(res.body.keys[0].kid, 'k-2030');
    for (const key of res.body.keys) assert.deepEqual(Object.keys(key).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('keep tokens of a rotated-out key valid while it is listed for verification, and across a restart with the same key', async () => {
    const [oldKey, newKey] = [generateKeyPairSync('ec', { namedCurve: 'P-256' }), generateKeyPairSync('ec', { namedCurve: 'P-256' })];
    const server = (options: ReferenceServerOptions) => createServerContext({ devMode: false, now: () => START_MS, ...options }).elevatedTokens;
    const token = await server({ signingKey: pem(oldKey.privateKey) }).mint('bob', ['wallet:sign'], 'totp');
    const env = 'step-up-demo';
    assert.equal(await refusedAs(verdict(token, server({ signingKey: pem(oldKey.privateKey) }), env)), 'accepted', 'a restart with the same key');
    const rotated = server({ signingKey: pem(newKey.privateKey), verificationKeys: [pem(oldKey.privateKey)] });
    assert.equal(await refusedAs(verdict(token, rotated, env)), 'accepted', 'rotated, the old key listed');
    assert.equal(await refusedAs(verdict(token, server({ signingKey: pem(newKey.privateKey) }), env)), 'invalid', 'the old key gone');
    assert.equal(await refusedAs(verdict(token, rotated, env, { issuer: 'someone-else' })), 'invalid', 'another issuer');
  });

  it('are required outside dev mode, must be P-256, and kids must differ', () => {
    assert.throws(() => createReferenceServer({ devMode: false }), /signingKey is required outside dev mode/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.throws(() => createReferenceServer({ devMode: false, signingKey: pem(rsa.privateKey) }), /P-256/);
    assert.throws(() => createReferenceServer({ devMode: false, signingKey: 'not a key' }), /PEM/);
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(() => createReferenceServer({ devMode: false, signingKey: pem(key.privateKey), verificationKeys: [pem(key.privateKey)] }), /kid/);
  });
});
