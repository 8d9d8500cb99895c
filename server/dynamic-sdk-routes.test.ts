// The routes Dynamic's own SDK calls besides the step-up methods: its startup (settings, nonce
// pool), its sign-in with an external JWT, the user it re-reads, sign-out, and the passkey
// options where it asks for them. Answers are held against the models the SDK parses them with.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { SESSION_LIFETIME_SECONDS } from './session.js';
import { assertError, call, claimsOf, createTestServer, devSecrets, elevatedTokenFor, sdk, signIn, START_MS, type TestServer } from './test-helpers.js';
import { assertProjectSettings, assertSdkUser, assertVerifyResponse } from './test-support/dynamic-sdk-models.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import { createMemoryUserDirectory } from './user-directory.js';

/** An assertion of the dev issuer; without `scope`, as the app's backend signs a user in. */
async function devAssertion(t: TestServer, claims: { userId?: string; scope?: string; expiresInSeconds?: number; jti?: string } = {}): Promise<string> {
  const res = await call(t.server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', ...claims } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.jwt;
}

const signInWith = (t: TestServer, jwt: unknown, extra: Record<string, unknown> = {}) =>
  call(t.server, 'POST', sdk(t.server, 'externalAuth/signin'), { body: { jwt, ...extra } });

const check = (t: TestServer, jwt: string) => call(t.server, 'POST', sdk(t.server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } });

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('GET settings', () => {
  it('answers, without a session, a ProjectSettings the SDK initialises with', async () => {
    const t = createTestServer();
    const res = await call(t.server, 'GET', sdk(t.server, 'settings?sdkVersion=ClientSDK%2F1.27.1'));
    assert.equal(res.status, 200);
    assertProjectSettings(res.body);
    assert.deepEqual(res.body.chains, []);
    assert.deepEqual(res.body.kyc, []);
  });

  it('says what is true of this server: sandbox or live, the session lifetime, the trusted issuer', async () => {
    const dev = (await call(createTestServer().server, 'GET', sdk(createTestServer().server, 'settings'))).body;
    assert.equal(dev.environmentName, 'sandbox');
    assert.deepEqual(dev.security.jwtDuration, { amount: SESSION_LIFETIME_SECONDS / 3600, unit: 'hours' });
    assert.deepEqual(dev.security.externalAuth, { enabled: true, iss: 'step-up-kit-dev-issuer' });

    const live = createTestServer({ devMode: false });
    const settings = (await call(live.server, 'GET', sdk(live.server, 'settings'))).body;
    assertProjectSettings(settings);
    assert.equal(settings.environmentName, 'live');
    assert.deepEqual(settings.security.externalAuth, { enabled: false }, 'no trusted issuer configured');

    const { publicKey } = await generateKeyPair('ES256');
    const configured = createTestServer({
      devMode: false,
      externalAuth: { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }] }, issuer: 'https://app.example', audience: 'step-up', signIn: true },
    });
    const withIssuer = (await call(configured.server, 'GET', sdk(configured.server, 'settings'))).body;
    assert.deepEqual(withIssuer.security.externalAuth, { enabled: true, iss: 'https://app.example', aud: 'step-up' });
  });

  it('exists only for the environment this server hosts', async () => {
    const t = createTestServer();
    assertError(await call(t.server, 'GET', 'sdk/another-environment/settings'), 404, 'environment_not_found');
  });
});

describe('GET nonces', () => {
  it('answers up to five fresh nonces, without a session', async () => {
    const t = createTestServer();
    const first = await call(t.server, 'GET', sdk(t.server, 'nonces?count=5'));
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body), ['nonces']);
    assert.equal(first.body.nonces.length, 5);
    const second = (await call(t.server, 'GET', sdk(t.server, 'nonces?count=5'))).body.nonces;
    const all = new Set([...first.body.nonces, ...second]);
    assert.equal(all.size, 10, 'never the same nonce twice');
    for (const nonce of all) assert.match(nonce, /^[0-9a-f]{32}$/, 'alphanumeric: also usable in an EIP-4361 message');
    assert.equal((await call(t.server, 'GET', sdk(t.server, 'nonces'))).body.nonces.length, 1, 'one without a count');
  });

  it('refuses a count it does not serve', async () => {
    const t = createTestServer();
    for (const count of ['0', '6', '-1', '1.5', '1e1', 'five', '', '999999999999']) {
      assertError(await call(t.server, 'GET', sdk(t.server, `nonces?count=${encodeURIComponent(count)}`)), 400, 'invalid_request');
    }
  });
});

/** A server outside dev mode trusting an app's issuer (with `signIn` as given), a user carol, and assertions that issuer signs for her. */
async function appIssuerServer({ signIn }: { signIn: boolean }) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const t = createTestServer({
    devMode: false,
    users: createMemoryUserDirectory([
      { id: 'carol', label: 'Carol', credentials: [{ kind: 'email', id: 'carol-email', address: 'carol@example.com' }], signInCredentialId: 'carol-email', recoveryCodes: [] },
    ]),
    externalAuth: { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }] }, issuer: 'https://app.example', audience: 'step-up', signIn },
  });
  const now = Math.floor(t.clock.ms / 1000);
  const assertion = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuer('https://app.example').setSubject('carol').setIssuedAt(now).setExpirationTime(now + 60).sign(privateKey);
  return { t, assertion };
}

describe('POST externalAuth/signin', () => {
  it('signs the asserted user in: a VerifyResponse whose session works as the Bearer', async () => {
    const t = createTestServer();
    const res = await signInWith(t, await devAssertion(t));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertVerifyResponse(res.body, { userId: 'bob', email: 'bob@example.com', elevated: false });
    assert.equal(res.body.expiresAt, Math.floor(START_MS / 1000) + SESSION_LIFETIME_SECONDS);
    const { payload } = claimsOf(res.body.minifiedJwt);
    assert.equal(payload.sub, 'bob');
    assert.equal(payload.exp, res.body.expiresAt, 'the answer says when the session ends');

    const checked = await check(t, res.body.minifiedJwt);
    assert.equal(checked.status, 200);
    const offered = checked.body.credentials.map((c: { id: string }) => c.id);
    const listed = res.body.user.verifiedCredentials.map((c: { id: string }) => c.id);
    assert.deepEqual(offered, listed, "the check offers bob's credentials under the ids his user lists");
  });

  it('refuses an assertion made for a step-up (one with a scope): it never becomes a session', async () => {
    const t = createTestServer();
    const elevating = await devAssertion(t, { scope: 'wallet:export' });
    assertError(await signInWith(t, elevating), 401, 'external_jwt_invalid');
    assertError(await signInWith(t, await devAssertion(t, { scope: '' })), 401, 'external_jwt_invalid');
    // Not spent by the refusal: it still elevates the session it was made for.
    const jwt = await signIn(t.server, 'bob');
    assert.equal((await call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt, body: { jwt: elevating } })).status, 200);
    // And a sign-in assertion elevates nothing.
    assertError(await call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt, body: { jwt: await devAssertion(t) } }), 422, 'invalid_scopes');
  });

  it('lists an MFA user\'s devices, never their secrets', async () => {
    const t = createTestServer();
    const res = await signInWith(t, await devAssertion(t, { userId: 'alice' }));
    assertVerifyResponse(res.body, { userId: 'alice', email: 'alice@example.com', elevated: false });
    const totp = res.body.user.verifiedCredentials.find((c: { format: string }) => c.format === 'totp');
    assert.deepEqual(totp, { id: 'alice-totp', format: 'totp', signInEnabled: false });
    const { totpSecret } = await devSecrets(t.server, 'alice');
    assert.ok(!JSON.stringify(res.body).includes(totpSecret), 'the TOTP secret never leaves');
  });

  it('refuses an expired assertion, and one that lives longer than 10 minutes', async () => {
    const t = createTestServer();
    assertError(await signInWith(t, await devAssertion(t, { expiresInSeconds: -5 })), 401, 'external_jwt_expired');
    const soon = await devAssertion(t, { expiresInSeconds: 60 });
    t.clock.advance(60);
    assertError(await signInWith(t, soon), 401, 'external_jwt_expired');
    assertError(await signInWith(t, await devAssertion(t, { expiresInSeconds: 601 })), 401, 'external_jwt_invalid');
    assert.equal((await signInWith(t, await devAssertion(t, { expiresInSeconds: 600 }))).status, 200);
  });

  it('refuses a replayed assertion, also when its id was spent by externalAuth/verify', async () => {
    const t = createTestServer();
    const once = await devAssertion(t);
    const signedIn = await signInWith(t, once);
    assert.equal(signedIn.status, 200);
    assertError(await signInWith(t, once), 409, 'external_jwt_replayed');

    // One namespace of spent ids for both routes.
    const elevating = await devAssertion(t, { scope: 'wallet:export', jti: 'shared-id' });
    const exchanged = await call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt: signedIn.body.minifiedJwt, body: { jwt: elevating } });
    assert.equal(exchanged.status, 200);
    assertError(await signInWith(t, await devAssertion(t, { jti: 'shared-id' })), 409, 'external_jwt_replayed');
  });

  it('refuses a foreign, tampered, unsigned, symmetric or malformed assertion', async () => {
    const t = createTestServer();
    const genuine = await devAssertion(t);
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const foreign = await devAssertion(createTestServer()); // another server's dev issuer: other keys
    const tampered = `${header}.${b64url({ ...(claimsOf(genuine).payload as JWTPayload), sub: 'alice' })}.${signature}`;
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const hmac = await new SignJWT(claimsOf(genuine).payload)
      .setProtectedHeader({ alg: 'HS256', kid: 'dev-external-issuer' })
      .sign(new TextEncoder().encode('a shared secret the server never agreed to'));
    for (const forged of [foreign, tampered, unsigned, hmac, 'abc', 'a.b.c', '', `${genuine}x`]) {
      assertError(await signInWith(t, forged), 401, 'external_jwt_invalid');
    }
    assert.equal((await signInWith(t, genuine)).status, 200, 'the genuine one was not spent by the forgeries');
  });

  it('refuses an assertion of the trusted issuer for another audience, or without a jti', async () => {
    const { t, assertion } = await appIssuerServer({ signIn: true });
    assertError(await signInWith(t, await assertion({ aud: 'another-service', jti: 'a' })), 401, 'external_jwt_invalid');
    assertError(await signInWith(t, await assertion({ aud: 'step-up' })), 401, 'external_jwt_invalid');
    const res = await signInWith(t, await assertion({ aud: 'step-up', jti: 'b' }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertSdkUser(res.body.user, { id: 'carol', email: 'carol@example.com' });
  });

  it('is opt-in outside dev mode: a configured issuer signs nobody in unless signIn is set', async () => {
    const made = await appIssuerServer({ signIn: false });
    const { t } = made;
    const assertion = await made.assertion({ aud: 'step-up', jti: 'c' });
    assertError(await signInWith(t, assertion), 404, 'not_found');
    assert.deepEqual((await call(t.server, 'GET', sdk(t.server, 'settings'))).body.security.externalAuth, { enabled: false, iss: 'https://app.example', aud: 'step-up' });
  });

  it('signs up nobody: an unknown user is refused, and the assertion stays unspent for when they exist', async () => {
    const t = createTestServer();
    const id = 'user-0123456789abcdef';
    const assertion = await devAssertion(t, { userId: id });
    assertError(await signInWith(t, assertion), 404, 'user_not_found');
    assert.equal((await call(t.server, 'POST', 'dev/users', { body: { id } })).status, 200);
    assert.equal((await signInWith(t, assertion)).status, 200);
  });

  it('refuses a body without an assertion (no cookie sessions here), and bodies that are not one', async () => {
    const t = createTestServer();
    for (const body of [{}, { sessionPublicKey: '02ab' }, { jwt: 42 }, { jwt: null }, { jwt: 'x'.repeat(20_000) }, { jwt: 'a.b.c', sessionPublicKey: 'x'.repeat(300) }]) {
      assertError(await call(t.server, 'POST', sdk(t.server, 'externalAuth/signin'), { body }), 400, 'invalid_request');
    }
  });

  it('does not exist without a trusted issuer', async () => {
    const t = createTestServer({ devMode: false });
    assertError(await signInWith(t, 'a.b.c'), 404, 'not_found');
  });
});

describe('GET users', () => {
  it("answers the session's user as an SdkUser; nobody without a session", async () => {
    const t = createTestServer();
    const res = await call(t.server, 'GET', sdk(t.server, 'users'), { jwt: await signIn(t.server, 'alice') });
    assert.equal(res.status, 200);
    assertSdkUser(res.body, { id: 'alice', email: 'alice@example.com' });
    assertError(await call(t.server, 'GET', sdk(t.server, 'users')), 401, 'not_signed_in');
  });
});

describe('POST revoke', () => {
  it('signs the session out at once, on every route; the user\'s other sessions go on', async () => {
    const t = createTestServer();
    const earlier = await signIn(t.server, 'bob');
    const third = await signIn(t.server, 'bob'); // in the same second: still a session of its own
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');

    const res = await call(t.server, 'POST', sdk(t.server, 'revoke'), { jwt: third, headers: { 'x-dyn-logout-reason': 'user-intent' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { revoked: true });
    assertError(await check(t, third), 401, 'not_signed_in');
    assertError(await call(t.server, 'GET', sdk(t.server, 'users'), { jwt: third }), 401, 'not_signed_in');
    const protectedCall = await call(t.server, 'POST', 'protected/wallet/sign', { jwt: third, headers: { [ELEVATED_TOKEN_HEADER]: token } });
    assertError(protectedCall, 401, 'not_signed_in');
    assertError(await call(t.server, 'POST', sdk(t.server, 'revoke'), { jwt: third }), 401, 'not_signed_in');

    assert.equal((await check(t, earlier)).status, 200, 'the user\'s other session goes on');
    const again = await signIn(t.server, 'bob'); // in the same second as the sign-out
    assert.notEqual(again, third);
    assert.equal((await check(t, again)).status, 200, 'signed in again: a live session');
  });

  it('needs a session', async () => {
    const t = createTestServer();
    assertError(await call(t.server, 'POST', sdk(t.server, 'revoke')), 401, 'not_signed_in');
  });
});

describe('GET users/passkeys/authenticate', () => {
  const origin = 'http://localhost:5173';

  it('answers the passkey options where the SDK asks, and the assertion verifies', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'alice');
    const headers = { origin, [ELEVATED_TOKEN_HEADER]: await elevatedTokenFor(t.server, 'alice', 'credential:link') };
    const authenticator = new SoftAuthenticator(origin);
    const creation = await call(t.server, 'GET', sdk(t.server, 'users/mfa/register/passkey'), { jwt, headers });
    const registered = await call(t.server, 'POST', sdk(t.server, 'users/mfa/register/passkey'), { jwt, headers, body: authenticator.register(creation.body) });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));

    const options = await call(t.server, 'GET', sdk(t.server, 'users/passkeys/authenticate'), { jwt, headers: { origin } });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.equal(options.body.rpId, 'localhost');
    assert.deepEqual(options.body.allowCredentials.map((c: { id: string }) => c.id), [registered.body.id]);
    const res = await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/passkey'), {
      jwt,
      headers: { origin },
      body: { ...authenticator.authenticate(options.body), requestedScopes: ['wallet:export'] },
    });
    assertVerifyResponse(res.body, { userId: 'alice', email: 'alice@example.com', sessionJwt: jwt, elevated: true });
    const listed = res.body.user.verifiedCredentials.find((c: { id: string }) => c.id === registered.body.id);
    assert.deepEqual(listed, { id: registered.body.id, format: 'passkey', signInEnabled: false, public_identifier: 'Passkey' });
  });

  it('refuses a related origin it does not serve, a user without passkeys, and no session', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'alice');
    const path = sdk(t.server, 'users/passkeys/authenticate');
    assertError(await call(t.server, 'GET', `${path}?relatedOriginRpId=evil.example`, { jwt, headers: { origin } }), 400, 'invalid_request');
    assertError(await call(t.server, 'GET', path, { jwt, headers: { origin } }), 404, 'passkey_not_found');
    assertError(await call(t.server, 'GET', path, { headers: { origin } }), 401, 'not_signed_in');
  });
});

describe('CORS for a page on another origin using Dynamic\'s SDK', () => {
  it('allows the headers the SDK sends at the preflight', async () => {
    const origin = 'http://localhost:5173';
    const { server } = createTestServer({ corsOrigins: [origin] });
    const sdkHeaders = 'authorization, content-type, x-dyn-api-version, x-dyn-request-id, x-dyn-session-id, x-dyn-session-public-key, x-dyn-version, x-dynamic-platform, x-dyn-logout-reason';
    for (const [method, path] of [['GET', 'settings'], ['POST', 'externalAuth/signin'], ['POST', 'revoke']] as const) {
      const response = await server.fetch(new Request(`http://localhost${server.basePath}/${sdk(server, path)}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': sdkHeaders },
      }));
      assert.ok(response.status < 300, `${path}: ${response.status}`);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
      for (const header of sdkHeaders.split(', ')) assert.ok(allowed.includes(header), `${path}: ${header}`);
    }
  });
});
