import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from './create-reference-server.js';
import { createServerContext, type ReferenceServerOptions } from './server-context.js';
import { createMemoryUserDirectory, type UserDirectory } from './user-directory.js';
import { credentialsOf, type User } from './users.js';
import { createMemoryStore } from './stores/step-up-store.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { assertError, call, claimsOf, createTestServer, devSecrets, elevatedTokenFor, sdk, signIn, TEST_SIGNING_KEY, type TestServer } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

const ORIGIN = 'http://localhost:5173';
const SCOPES = ['wallet:export'];
const REGISTER = 'users/mfa/register/passkey';
const AUTH = 'users/mfa/auth/passkey';

/** A signed-in user with a software authenticator on the demo page's origin. */
async function harness(userId: string, options: ReferenceServerOptions = {}, origin = ORIGIN) {
  const t: TestServer = createTestServer(options);
  const jwt = await signIn(t.server, userId);
  // Enrolment is a step-up action: every registration below carries a credential:link token.
  const headers = { origin, [ELEVATED_TOKEN_HEADER]: await elevatedTokenFor(t.server, userId, 'credential:link') };
  const authenticator = new SoftAuthenticator(origin);
  const get = (path: string) => call(t.server, 'GET', sdk(t.server, path), { jwt, headers });
  const post = (path: string, body: unknown) => call(t.server, 'POST', sdk(t.server, path), { jwt, headers, body });
  const register = async (name?: string) => {
    const options = await get(REGISTER);
    assert.equal(options.status, 200, JSON.stringify(options.body));
    const res = await post(REGISTER, { ...authenticator.register(options.body), ...(name === undefined ? {} : { name }) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: string; alias: string };
  };
  const authOptions = async () => {
    const res = await get(AUTH);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const verify = (response: object, requestedScopes: unknown = SCOPES) => post(AUTH, { ...response, requestedScopes });
  return { t, jwt, authenticator, get, post, register, authOptions, verify };
}

describe('passkey registration (extension)', () => {
  it('offers creation options for the calling loopback page, with a stable user handle', async () => {
    const h = await harness('alice');
    const first = (await h.get(REGISTER)).body;
    assert.deepEqual(first.rp, { name: 'step-up-kit', id: 'localhost' });
    assert.equal(first.user.name, 'alice@example.com');
    assert.equal(first.attestation, 'none');
    assert.equal(first.authenticatorSelection.residentKey, 'preferred');
    assert.equal(first.authenticatorSelection.userVerification, 'required');
    assert.deepEqual(first.excludeCredentials, []);
    assert.match(first.challenge, /^[A-Za-z0-9_-]{20,}$/);
    const second = (await h.get(REGISTER)).body;
    assert.equal(second.user.id, first.user.id, 'the same user handle every time');
    assert.notEqual(second.challenge, first.challenge);
  });

  it('registers a passkey (named, or "Passkey"), excludes it next time and lists it in the dev secrets', async () => {
    const h = await harness('alice');
    assert.equal((await h.register('  ')).alias, 'Passkey');
    const named = await h.register('This laptop');
    assert.equal(named.alias, 'This laptop');
    const options = (await h.get(REGISTER)).body;
    assert.deepEqual(options.excludeCredentials.map((c: { id: string }) => c.id).sort(), h.authenticator.credentials.map((c) => c.id.toString('base64url')).sort());
    const secrets = await devSecrets(h.t.server, 'alice');
    assert.deepEqual(secrets.passkeys.map((p: { name: string }) => p.name), ['Passkey', 'This laptop']);
  });

  it('makes the user an MFA user whose default credential is the first passkey', async () => {
    const h = await harness('bob');
    const { id } = await h.register('Phone');
    const check = await call(h.t.server, 'POST', sdk(h.t.server, 'stepUp/check'), { jwt: h.jwt, body: { scope: 'wallet:export' } });
    assert.deepEqual(check.body, { isRequired: true, credentials: [{ id, format: 'passkey', alias: 'Phone' }], defaultCredentialId: id });

    const alice = await harness('alice');
    const passkey = await alice.register('Key');
    const aliceCheck = await call(alice.t.server, 'POST', sdk(alice.t.server, 'stepUp/check'), { jwt: alice.jwt, body: { scope: 'wallet:export' } });
    assert.deepEqual(aliceCheck.body.credentials.map((c: { id: string }) => c.id), [passkey.id, 'alice-totp', 'recovery-code']);
    assert.equal(aliceCheck.body.defaultCredentialId, passkey.id);
  });

  it('refuses a reused, foreign or expired challenge, a response without user verification, and a long name', async () => {
    const h = await harness('alice');
    const options = (await h.get(REGISTER)).body;
    const response = h.authenticator.register(options);
    assert.equal((await h.post(REGISTER, response)).status, 200);
    assertError(await h.post(REGISTER, response), 422, 'challenge_expired');
    assertError(await h.post(REGISTER, h.authenticator.register(options, { challenge: 'bm90LWlzc3VlZA' })), 422, 'challenge_expired');

    const late = (await h.get(REGISTER)).body;
    h.t.clock.advance(5 * 60 + 1);
    assertError(await h.post(REGISTER, h.authenticator.register(late)), 422, 'challenge_expired');

    const noUv = h.authenticator.register((await h.get(REGISTER)).body, { userVerified: false });
    assertError(await h.post(REGISTER, noUv), 422, 'invalid_credential');
    const otherSite = h.authenticator.register((await h.get(REGISTER)).body, { origin: 'https://evil.example' });
    assertError(await h.post(REGISTER, otherSite), 422, 'invalid_credential');
    const longName = h.authenticator.register((await h.get(REGISTER)).body);
    assertError(await h.post(REGISTER, { ...longName, name: 'x'.repeat(65) }), 400, 'invalid_request');
  });

  it('a reset removes registered passkeys', async () => {
    const h = await harness('bob');
    await h.register();
    await call(h.t.server, 'POST', 'dev/reset', { body: {} });
    const bob = await signIn(h.t.server, 'bob');
    assertError(await call(h.t.server, 'GET', sdk(h.t.server, AUTH), { jwt: bob, headers: { origin: ORIGIN } }), 404, 'passkey_not_found');
    assert.equal((await devSecrets(h.t.server, 'bob')).passkeys, undefined);
  });
});

describe('passkey step-up', () => {
  it('answers no_passkey for a user without passkeys', async () => {
    for (const user of ['alice', 'bob']) assertError(await (await harness(user)).get(AUTH), 404, 'passkey_not_found');
  });

  it('offers request options that allow exactly the user\'s passkeys', async () => {
    const h = await harness('alice');
    const { id } = await h.register();
    const options = await h.authOptions();
    assert.equal(options.rpId, 'localhost');
    assert.equal(options.userVerification, 'required');
    assert.equal(options.timeout, 60_000);
    assert.deepEqual(options.allowCredentials, [{ id, type: 'public-key', transports: ['internal'] }]);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{20,}$/);
  });

  it('verifies a full ceremony, answers a VerifyResponse and raises the stored counter', async () => {
    const h = await harness('alice');
    const { id } = await h.register();
    const res = await h.verify(h.authenticator.authenticate(await h.authOptions()));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertVerifyResponse(res.body, { userId: 'alice', email: 'alice@example.com', sessionJwt: h.jwt, elevated: true });
    assert.equal(claimsOf(res.body.elevatedAccessToken).payload.scope, 'wallet:export');
    assert.deepEqual(claimsOf(res.body.elevatedAccessToken).payload.amr, ['hwk', 'user'], 'a hardware key with user presence');
    // Several challenges may be outstanding; each is answered once.
    const [a, b] = [await h.authOptions(), await h.authOptions()];
    assert.equal((await h.verify(h.authenticator.authenticate(b))).status, 200);
    assert.equal((await h.verify(h.authenticator.authenticate(a))).status, 200);
    assert.equal(h.authenticator.credentials.find((c) => c.id.toString('base64url') === id)?.counter, 3);
    assertError(await h.verify(h.authenticator.authenticate(await h.authOptions(), { counter: 3 })), 422, 'invalid_credential');
  });

  it('refuses an unknown, already used or expired challenge with challenge_expired', async () => {
    const h = await harness('alice');
    await h.register();
    const response = h.authenticator.authenticate(await h.authOptions());
    assert.equal((await h.verify(response)).status, 200);
    assertError(await h.verify(response), 422, 'challenge_expired');
    assertError(await h.verify(h.authenticator.authenticate(await h.authOptions(), { challenge: 'bm90LWlzc3VlZA' })), 422, 'challenge_expired');
    const options = await h.authOptions();
    h.t.clock.advance(121);
    assertError(await h.verify(h.authenticator.authenticate(options)), 422, 'challenge_expired');
  });

  it('spends the challenge even when verification fails', async () => {
    const h = await harness('alice');
    await h.register();
    const options = await h.authOptions();
    assertError(await h.verify(h.authenticator.authenticate(options, { userVerified: false })), 422, 'invalid_credential');
    assertError(await h.verify(h.authenticator.authenticate(options)), 422, 'challenge_expired');
  });

  it('refuses a credential that is not one of the user\'s passkeys', async () => {
    const h = await harness('alice');
    await h.register();
    const response = h.authenticator.authenticate(await h.authOptions(), { credentialId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    assertError(await h.verify(response), 422, 'invalid_credential');
    // Another user's passkey is not this user's either.
    const bob = await harness('bob');
    await bob.register();
    const bobsId = bob.authenticator.credentials[0]?.id.toString('base64url');
    assertError(await h.verify({ ...h.authenticator.authenticate(await h.authOptions()), id: bobsId, rawId: bobsId }), 422, 'invalid_credential');
    const signed = h.authenticator.authenticate(await h.authOptions());
    const otherUser = { ...signed, response: { ...signed.response, userHandle: Buffer.from('someone else').toString('base64url') } };
    assertError(await h.verify(otherUser), 422, 'invalid_credential');
    assert.equal((await h.verify(signed)).status, 200);
  });

  it('refuses a bad signature, a counter that does not rise, a missing user verification and another origin', async () => {
    const h = await harness('alice');
    await h.register();
    assert.equal((await h.verify(h.authenticator.authenticate(await h.authOptions()))).status, 200);
    const signed = h.authenticator.authenticate(await h.authOptions());
    const tampered = { ...signed, response: { ...signed.response, signature: Buffer.from('not a signature').toString('base64url') } };
    assertError(await h.verify(tampered), 422, 'invalid_credential');
    assertError(await h.verify(h.authenticator.authenticate(await h.authOptions(), { counter: 1 })), 422, 'invalid_credential');
    assertError(await h.verify(h.authenticator.authenticate(await h.authOptions(), { userVerified: false })), 422, 'invalid_credential');
    assertError(await h.verify(h.authenticator.authenticate(await h.authOptions(), { origin: 'https://evil.example' })), 422, 'invalid_credential');
  });

  it('refuses unknown scopes before spending the challenge', async () => {
    const h = await harness('alice');
    await h.register();
    const response = h.authenticator.authenticate(await h.authOptions());
    assertError(await h.verify(response, ['wallet:steal']), 422, 'invalid_scopes');
    assert.equal((await h.verify(response)).status, 200);
  });
});

describe('passkey relying party', () => {
  it('in dev mode, refuses a missing or non-loopback Origin', async () => {
    const h = await harness('alice');
    await h.register();
    const response = h.authenticator.authenticate(await h.authOptions());
    const { t, jwt } = h;
    const path = sdk(t.server, AUTH);
    assertError(await call(t.server, 'POST', path, { jwt, body: { ...response, requestedScopes: SCOPES } }), 400, 'invalid_request');
    assertError(await call(t.server, 'POST', sdk(t.server, REGISTER), { jwt, body: {} }), 400, 'invalid_request');
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://']) {
      assertError(await call(t.server, 'GET', path, { jwt, headers: { origin } }), 400, 'invalid_request');
      assertError(await call(t.server, 'GET', sdk(t.server, REGISTER), { jwt, headers: { origin } }), 400, 'invalid_request');
      assertError(await call(t.server, 'POST', path, { jwt, headers: { origin }, body: { ...response, requestedScopes: SCOPES } }), 400, 'invalid_request');
    }
    // A same-origin GET carries no Origin header: the request's own (loopback) URL stands in.
    assert.equal((await call(t.server, 'GET', path, { jwt })).status, 200);
    assert.equal((await h.verify(response)).status, 200, 'the refused attempts did not spend the challenge');
  });

  it('answers 127.0.0.1 pages with that relying party id', async () => {
    const h = await harness('alice', {}, 'http://127.0.0.1:8000');
    await h.register();
    assert.equal((await h.authOptions()).rpId, '127.0.0.1');
    assert.equal((await h.verify(h.authenticator.authenticate(await h.authOptions()))).status, 200);
  });

  it('uses the webauthn option when given, whatever the Origin header says', async () => {
    const webauthn = { rpId: 'app.example', rpName: 'Example', origins: ['https://app.example'] };
    const h = await harness('alice', { webauthn }, 'https://app.example');
    assert.deepEqual((await h.get(REGISTER)).body.rp, { name: 'Example', id: 'app.example' });
    await h.register();
    assert.equal((await h.verify(h.authenticator.authenticate(await h.authOptions()))).status, 200);
    const local = await harness('alice', { webauthn });
    assertError(await local.post(REGISTER, local.authenticator.register((await local.get(REGISTER)).body)), 422, 'invalid_credential');
    assert.throws(() => createTestServer({ webauthn: { rpId: 'app.example', origins: ['app.example'] } }), TypeError);
  });

  it('does not exist outside dev mode without the webauthn option', async () => {
    const build = (options: ReferenceServerOptions) => {
      const user: User = { id: 'u1', label: 'U', credentials: [{ kind: 'email', id: 'e', address: 'u1@example.com' }], signInCredentialId: 'e', recoveryCodes: [] };
      const ctx = createServerContext({ devMode: false, signingKey: TEST_SIGNING_KEY, users: createMemoryUserDirectory([user]), ...options });
      return { server: { app: createApp(ctx), basePath: ctx.basePath }, ctx };
    };
    const { server, ctx } = build({});
    const jwt = await ctx.sessions.issue('u1');
    const headers = { origin: ORIGIN };
    for (const [method, path] of [['GET', AUTH], ['POST', AUTH], ['GET', REGISTER], ['POST', REGISTER]] as const) {
      const body = method === 'POST' ? {} : undefined;
      assertError(await call(server, method, `sdk/${ctx.environmentId}/${path}`, { jwt, headers, body }), 404, 'not_found');
    }
    const configured = build({ webauthn: { rpId: 'app.example', origins: ['https://app.example'] } });
    const res = await call(configured.server, 'GET', `sdk/${configured.ctx.environmentId}/${REGISTER}`, { jwt: await configured.ctx.sessions.issue('u1') });
    assert.equal(res.status, 200);
    assert.equal(res.body.rp.id, 'app.example');
  });

  /**
   * Instances of one deployment outside dev mode (the key from configuration, the users'
   * directory and the store shared), and u1, signed in, registering a passkey through the first.
   */
  async function deployment(users: UserDirectory = createMemoryUserDirectory([u1()])) {
    const origin = 'https://app.example';
    const options = { devMode: false, signingKey: TEST_SIGNING_KEY, users, store: createMemoryStore(), webauthn: { rpId: 'app.example', origins: [origin] } };
    const instance = () => {
      const ctx = createServerContext(options);
      return { server: { app: createApp(ctx), basePath: ctx.basePath }, ctx };
    };
    const first = instance();
    const jwt = await first.ctx.sessions.issue('u1');
    const authenticator = new SoftAuthenticator(origin);
    const send = (i: ReturnType<typeof instance>, method: 'GET' | 'POST', route: string, body?: unknown, extra = {}) =>
      call(i.server, method, `sdk/${i.ctx.environmentId}/${route}`, { jwt, headers: { origin, ...extra }, body });
    const link = { [ELEVATED_TOKEN_HEADER]: await first.ctx.elevatedTokens.mint('u1', ['credential:link'], 'external') };
    const registered = await send(first, 'POST', REGISTER, authenticator.register((await send(first, 'GET', REGISTER, undefined, link)).body), link);
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    const assertion = async (i = first, overrides = {}) => authenticator.authenticate((await send(i, 'GET', AUTH)).body, overrides);
    const verify = (response: object, i = first) => send(i, 'POST', AUTH, { ...response, requestedScopes: SCOPES });
    return { instance, first, assertion, verify, passkeyId: registered.body.id as string };
  }
  const u1 = (): User => ({ id: 'u1', label: 'U', credentials: [{ kind: 'email', id: 'e', address: 'u1@example.com' }], signInCredentialId: 'e', recoveryCodes: [] });

  it('a passkey registered through one instance steps up on another sharing the signing key, and after a restart', async () => {
    const d = await deployment();
    for (const other of [d.instance(), d.instance()]) {
      const assertion = await d.assertion(other);
      assert.ok(assertion.response.userHandle, 'a resident credential returns its user handle');
      const verified = await d.verify(assertion, other);
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
    }
  });

  it('of two assertions verified against one counter, the one that would move it back is refused', async () => {
    const directory = createMemoryUserDirectory([u1()]);
    // Both assertions verified against the counter read before either raised it; the directory
    // then takes the higher one first, as a race may.
    const raising: Array<{ counter: number; answer: (raised: boolean) => void }> = [];
    const users: UserDirectory = {
      ...directory,
      setPasskeyCounter: (userId, credentialId, counter) =>
        new Promise((answer) => {
          raising.push({ counter, answer });
          if (raising.length < 2) return;
          void (async () => {
            for (const { counter: next, answer: reply } of raising.sort((a, b) => b.counter - a.counter)) {
              reply(await directory.setPasskeyCounter(userId, credentialId, next));
            }
          })();
        }),
    };
    const d = await deployment(users);
    const [higher, lower] = [await d.assertion(undefined, { counter: 10 }), await d.assertion(undefined, { counter: 7 })];
    const answers = await Promise.all([d.verify(higher), d.verify(lower)]);
    assert.equal(answers[0]!.status, 200, JSON.stringify(answers[0]!.body));
    assertError(answers[1]!, 422, 'invalid_credential');
    const stored = credentialsOf((await directory.find('u1'))!, 'passkey').find((p) => p.id === d.passkeyId)!.counter;
    assert.equal(stored, 10, 'the counter never goes back');
  });

  it('needs a session', async () => {
    const { server } = createTestServer();
    assertError(await call(server, 'GET', sdk(server, AUTH), { headers: { origin: ORIGIN } }), 401, 'not_signed_in');
    assertError(await call(server, 'GET', sdk(server, REGISTER), { headers: { origin: ORIGIN } }), 401, 'not_signed_in');
  });
});
