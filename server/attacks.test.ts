// Attacks that once got through, each named after what the attacker did. Every test here
// failed against the backend before the fix it guards, and would fail again without it.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { generate } from 'otplib';
import { createApp, createReferenceServer } from './create-reference-server.js';
import { DEFAULT_DAILY_LIMITS } from './daily-budget.js';
import { DEV_OUTBOX_PER_USER, listDevOutbox } from './dev-outbox.js';
import { createMemoryUserDirectory } from './user-directory.js';
import type { User } from './users.js';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { createServerContext, type CodeMessage } from './server-context.js';
import { createMemoryStore, type StepUpStore } from './stores/step-up-store.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import {
  assertError,
  assertStepUpRequired,
  call,
  createTestServer,
  devSecrets,
  elevatedTokenFor,
  sdk,
  signIn,
  TEST_SIGNING_KEY,
  TestClock,
  type TestServer,
} from './test-helpers.js';

const ORIGIN = 'http://localhost:5173';

const outboxOf = async (t: TestServer, userId: string) => (await call(t.server, 'GET', `dev/outbox?userId=${userId}`)).body;

/** An email step-up from send to token, for a user the check offers email. */
async function emailStepUp(t: TestServer, jwt: string, email: string, userId: string, scopes: string[]) {
  const sent = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt, body: { email } });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  const [{ code }] = await outboxOf(t, userId);
  const verified = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), {
    jwt,
    body: { verificationUUID: sent.body.verificationUUID, verificationToken: code, requestedScopes: scopes },
  });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  return verified.body.elevatedAccessToken as string;
}

/** Registers a passkey for the session's user with a software authenticator; answers the POST. */
async function registerPasskey(t: TestServer, jwt: string, token?: string) {
  const headers: Record<string, string> = { origin: ORIGIN, ...(token && { [ELEVATED_TOKEN_HEADER]: token }) };
  const options = (await call(t.server, 'GET', sdk(t.server, 'users/mfa/register/passkey'), { jwt, headers })).body;
  return call(t.server, 'POST', sdk(t.server, 'users/mfa/register/passkey'), { jwt, headers, body: new SoftAuthenticator(ORIGIN).register(options) });
}

const checkedIds = async (t: TestServer, jwt: string) =>
  (await call(t.server, 'POST', sdk(t.server, 'stepUp/check'), { jwt, body: { scope: 'wallet:export' } })).body.credentials.map((c: { id: string }) => c.id);

describe('attack: MFA downgrade', () => {
  it('alice (TOTP) cannot earn a wallet:export token with an email code, and no code is sent', async () => {
    const t = createTestServer();
    const alice = await signIn(t.server, 'alice');
    const res = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: alice, body: { email: 'alice@example.com' } });
    assertError(res, 403, 'method_not_allowed');
    assert.deepEqual(await outboxOf(t, 'alice'), []);
    const verify = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), {
      jwt: alice,
      body: { verificationUUID: 'any', verificationToken: '000000', requestedScopes: ['wallet:export'] },
    });
    assertError(verify, 403, 'method_not_allowed');
  });

  it('alice cannot fall back to email while her TOTP is locked', async () => {
    const t = createTestServer();
    const alice = await signIn(t.server, 'alice');
    const totp = (code: string) => call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt: alice, body: { code, requestedScopes: ['wallet:export'] } });
    for (let i = 0; i < 5; i++) await totp('000000');
    assertError(await totp('000000'), 429, 'mfa_rate_limited');
    const res = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: alice, body: { email: 'alice@example.com' } });
    assertError(res, 403, 'method_not_allowed');
  });

  it('a code sent before bob enrolled a passkey no longer verifies after it', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const link = await emailStepUp(t, bob, 'bob@example.com', 'bob', ['credential:link']);
    t.clock.advance(31);
    const pending = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    const [{ code }] = await outboxOf(t, 'bob');
    assert.equal((await registerPasskey(t, bob, link)).status, 200);
    const late = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), {
      jwt: bob,
      body: { verificationUUID: pending.body.verificationUUID, verificationToken: code, requestedScopes: ['wallet:export'] },
    });
    assertError(late, 403, 'method_not_allowed');
  });
});

describe('attack: enrolment without step-up', () => {
  it('a bare session cannot register a passkey, nor one with a token of another scope', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    assertStepUpRequired(await registerPasskey(t, bob), 'missing');
    const exportToken = await elevatedTokenFor(t.server, 'bob', 'wallet:export');
    assertStepUpRequired(await registerPasskey(t, bob, exportToken), 'wrong_scope');
    assertStepUpRequired(await registerPasskey(t, bob, await elevatedTokenFor(t.server, 'alice', 'credential:link')), 'wrong_user');
    assert.deepEqual(await checkedIds(t, bob), ['bob-email', 'bob-phone', 'bob-google', 'bob-wallet'], 'bob is still a re-auth user');
  });

  it('alice with a locked TOTP cannot earn credential:link any other way, so cannot add a passkey', async () => {
    const t = createTestServer();
    const alice = await signIn(t.server, 'alice');
    for (let i = 0; i < 5; i++) {
      await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt: alice, body: { code: '000000', requestedScopes: ['credential:link'] } });
    }
    assertError(await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: alice, body: { email: 'alice@example.com' } }), 403, 'method_not_allowed');
    assertStepUpRequired(await registerPasskey(t, alice), 'missing');
    assert.deepEqual(await checkedIds(t, alice), ['alice-totp', 'recovery-code']);
  });

  it('an MFA user adds a passkey with a credential:link token earned with MFA', async () => {
    const t = createTestServer();
    const alice = await signIn(t.server, 'alice');
    const { totpSecret } = await devSecrets(t.server, 'alice');
    const code = await generate({ secret: totpSecret, epoch: Math.floor(t.clock.ms / 1000) });
    const verified = await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt: alice, body: { code, requestedScopes: ['credential:link'] } });
    const registered = await registerPasskey(t, alice, verified.body.elevatedAccessToken);
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    assert.deepEqual(await checkedIds(t, alice), [registered.body.id, 'alice-totp', 'recovery-code']);
  });

  it('removing a passkey takes a credential:unlink token, spent by the removal', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const { id } = (await registerPasskey(t, bob, await elevatedTokenFor(t.server, 'bob', 'credential:link'))).body;
    const remove = (token?: string) =>
      call(t.server, 'DELETE', sdk(t.server, `users/passkeys/${id}`), { jwt: bob, headers: token ? { [ELEVATED_TOKEN_HEADER]: token } : {} });
    assertStepUpRequired(await remove(), 'missing');
    assertStepUpRequired(await remove(await elevatedTokenFor(t.server, 'bob', 'credential:link')), 'wrong_scope');
    const unlink = await elevatedTokenFor(t.server, 'bob', 'credential:unlink');
    assert.deepEqual((await remove(unlink)).body, { id, removed: true });
    assert.deepEqual(await checkedIds(t, bob), ['bob-email', 'bob-phone', 'bob-google', 'bob-wallet'], 'bob is a re-auth user again');
    assertError(await remove(unlink), 404, 'credential_not_found');
  });
});

describe('attack: the dev surface from another site', () => {
  it('a cross-site text/plain POST dev/reset from a foreign Origin changes nothing', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    const attack = await call(t.server, 'POST', 'dev/reset', { rawBody: '{}', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' } });
    assertError(attack, 403, 'forbidden');
    // Even from this machine, a form-like content type is refused: only JSON changes state.
    assertError(await call(t.server, 'POST', 'dev/reset', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }), 400, 'invalid_request');
    assert.equal((await outboxOf(t, 'bob')).length, 1, 'nothing was reset');
    assert.equal((await call(t.server, 'POST', sdk(t.server, 'stepUp/check'), { jwt: bob, body: { scope: 'wallet:export' } })).status, 200);
  });

  it('a foreign Origin cannot read secrets, mint a session or see the outbox', async () => {
    const t = createTestServer();
    const origin = { origin: 'https://evil.example' };
    assertError(await call(t.server, 'GET', 'dev/users/bob/secrets', { headers: origin }), 403, 'forbidden');
    assertError(await call(t.server, 'POST', 'dev/session', { body: { userId: 'bob' }, headers: origin }), 403, 'forbidden');
    assertError(await call(t.server, 'GET', 'dev/outbox', { headers: { origin: 'null' } }), 403, 'forbidden');
    // A Host that only parses as loopback with its userinfo is not loopback.
    assertError(await call(t.server, 'GET', 'dev/users/bob/secrets', { headers: { host: 'evil.example@localhost' } }), 403, 'forbidden');
    // The consent page's own form is the one form-encoded post the dev surface takes, and only from itself.
    const consent = await t.server.fetch(new Request(`http://localhost${t.server.basePath}/dev/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'decision=allow',
    }));
    assert.equal(consent.status, 403);
  });

  it('a DNS-rebinding Host cannot read bob\'s wallet key or mint a session; loopback hosts can', async () => {
    const server = createReferenceServer({ devMode: true });
    const http = serve({ fetch: server.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => http.once('listening', resolve));
    const { port } = http.address() as AddressInfo;
    const send = (host: string, method: string, path: string, body?: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method, path: `${server.basePath}/${path}`, headers: { host, 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      for (const host of [`rebind.evil.example:${port}`, 'rebind.evil.example', `localhost.evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
        const secrets = await send(host, 'GET', 'dev/users/bob/secrets');
        assert.equal(secrets.status, 403, `${host}: ${secrets.text}`);
        assert.doesNotMatch(secrets.text, /walletPrivateKey/);
        assert.equal((await send(host, 'POST', 'dev/session', '{"userId":"bob"}')).status, 403, host);
        assert.equal((await send(host, 'GET', 'dev/oauth/authorize?state=x')).status, 403, host);
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.0.0.2:${port}`, `[::1]:${port}`]) {
        assert.equal((await send(host, 'GET', 'dev/users/bob/secrets')).status, 200, host);
      }
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe('attack: replays across a dev reset', () => {
  it('a spent single-use token does not work again after dev/reset, nor does a token from before it', async () => {
    const t = createTestServer();
    const token = await elevatedTokenFor(t.server, 'bob', 'wallet:export');
    const unspent = await elevatedTokenFor(t.server, 'bob', 'wallet:sign');
    const exportWith = (jwt: string, elevated: string) =>
      call(t.server, 'POST', 'protected/wallet/export', { jwt, headers: { [ELEVATED_TOKEN_HEADER]: elevated } });
    assert.equal((await exportWith(await signIn(t.server, 'bob'), token)).status, 200);
    await call(t.server, 'POST', 'dev/reset', { body: {} });
    const bob = await signIn(t.server, 'bob');
    assertStepUpRequired(await exportWith(bob, token), 'invalid');
    assertStepUpRequired(await call(t.server, 'POST', 'protected/wallet/sign', { jwt: bob, headers: { [ELEVATED_TOKEN_HEADER]: unspent } }), 'invalid');
  });

  it('an external assertion accepted before dev/reset is refused after it', async () => {
    const t = createTestServer();
    const assertion = (await call(t.server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:sign' } })).body.jwt;
    const trade = async () => call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt: await signIn(t.server, 'bob'), body: { jwt: assertion } });
    assert.equal((await trade()).status, 200);
    await call(t.server, 'POST', 'dev/reset', { body: {} });
    assertError(await trade(), 409, 'external_jwt_replayed');
  });
});

describe('attack: OAuth state reuse', () => {
  it('initAuth refuses a state whose attempt already finished, until it would have expired', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const redirectUrl = `${ORIGIN}/oauth-callback`;
    const state = randomBytes(32).toString('base64url');
    const initAuth = () => call(t.server, 'POST', sdk(t.server, 'providers/google/initAuth'), { jwt: bob, body: { state, redirectUrl } });
    assert.equal((await initAuth()).status, 200);
    // The attempt finishes (here: a code for it was presented and failed; success ends it the same way).
    const form = new URLSearchParams({
      response_type: 'code', client_id: 'step-up-kit-dev', redirect_uri: redirectUrl, scope: 'openid email', state,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', decision: 'allow',
    });
    const consent = await t.server.fetch(new Request(`http://localhost${t.server.basePath}/dev/oauth/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(),
    }));
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
    const verify = await call(t.server, 'POST', sdk(t.server, 'providers/google/verify'), {
      jwt: bob, body: { code, state, codeVerifier: 'x'.repeat(43), requestedScopes: ['wallet:sign'] },
    });
    assertError(verify, 400, 'invalid_grant');
    assertError(await initAuth(), 400, 'invalid_request');
    t.clock.advance(10 * 60 + 1);
    assert.equal((await initAuth()).status, 200, 'taken only until it would have expired');
  });
});

const DANA: User = {
  id: 'dana', label: 'Dana', credentials: [{ kind: 'email', id: 'dana-email', address: 'dana@example.com' }], signInCredentialId: 'dana-email', recoveryCodes: [],
};

describe('attack: memory that only grows', () => {
  it('outside dev mode no code is kept for anyone to read: it goes to deliverCode only', async () => {
    const delivered: CodeMessage[] = [];
    const ctx = createServerContext({ devMode: false, signingKey: TEST_SIGNING_KEY, deliverCode: (message) => void delivered.push(message), users: createMemoryUserDirectory([DANA]) });
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const jwt = await ctx.sessions.issue('dana');
    const path = (p: string) => `sdk/${ctx.environmentId}/${p}`;
    const sent = await call(server, 'POST', path('emailVerifications/create'), { jwt, body: { email: 'dana@example.com' } });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual(delivered.map(({ channel, to, userId }) => ({ channel, to, userId })), [{ channel: 'email', to: 'dana@example.com', userId: 'dana' }]);
    assert.deepEqual(await listDevOutbox(ctx), []);
    assert.deepEqual(await listDevOutbox(ctx, 'dana'), []);
    const verified = await call(server, 'POST', path('emailVerifications/verify'), {
      jwt, body: { verificationUUID: sent.body.verificationUUID, verificationToken: delivered[0]?.code, requestedScopes: ['wallet:sign'] },
    });
    assert.equal(verified.status, 200);
  });

  it('outside dev mode without deliverCode, email and SMS codes are not offered at all', async () => {
    const ctx = createServerContext({ devMode: false, signingKey: TEST_SIGNING_KEY, users: createMemoryUserDirectory([DANA]) });
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const jwt = await ctx.sessions.issue('dana');
    const check = await call(server, 'POST', `sdk/${ctx.environmentId}/stepUp/check`, { jwt, body: { scope: 'wallet:sign' } });
    assert.deepEqual(check.body, { isRequired: true, credentials: [] });
    assertError(await call(server, 'POST', `sdk/${ctx.environmentId}/emailVerifications/create`, { jwt, body: { email: 'dana@example.com' } }), 403, 'method_not_allowed');
  });

  it('the dev outbox keeps the newest codes per user only', async () => {
    const t = createTestServer({ dailyLimits: { codesSentPerDay: 100 } });
    const bob = await signIn(t.server, 'bob');
    for (let i = 0; i < DEV_OUTBOX_PER_USER + 5; i++) {
      assert.equal((await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } })).status, 200);
      t.clock.advance(31);
    }
    assert.equal((await outboxOf(t, 'bob')).length, DEV_OUTBOX_PER_USER);
  });
});

describe('attack: guessing codes all day', () => {
  it(`after ${DEFAULT_DAILY_LIMITS.failedAttemptsPerDay} wrong email codes in a day even the right code is refused until the day is over`, async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const send = () => call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } });
    const verify = (verificationUUID: string, verificationToken: string) =>
      call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), { jwt: bob, body: { verificationUUID, verificationToken, requestedScopes: ['wallet:sign'] } });
    let wrong = 0;
    let uuid = '';
    while (wrong < DEFAULT_DAILY_LIMITS.failedAttemptsPerDay) {
      if (wrong % 4 === 0) {
        t.clock.advance(31);
        uuid = (await send()).body.verificationUUID;
      }
      const [{ code }] = await outboxOf(t, 'bob');
      await verify(uuid, code === '000000' ? '111111' : '000000');
      wrong++;
    }
    const [{ code }] = await outboxOf(t, 'bob');
    const refused = await verify(uuid, code);
    assertError(refused, 429, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 23 * 3600, 'until the day is over');
    t.clock.advance(24 * 3600);
    const bobTomorrow = await signIn(t.server, 'bob');
    const fresh = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bobTomorrow, body: { email: 'bob@example.com' } });
    const tomorrow = await call(t.server, 'POST', sdk(t.server, 'emailVerifications/verify'), {
      jwt: bobTomorrow,
      body: { verificationUUID: fresh.body.verificationUUID, verificationToken: (await outboxOf(t, 'bob'))[0].code, requestedScopes: ['wallet:sign'] },
    });
    assert.equal(tomorrow.status, 200);
  });

  it(`sends at most ${DEFAULT_DAILY_LIMITS.codesSentPerDay} codes a day per channel`, async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    for (let i = 0; i < DEFAULT_DAILY_LIMITS.codesSentPerDay; i++) {
      assert.equal((await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } })).status, 200);
      t.clock.advance(31);
    }
    assertError(await call(t.server, 'POST', sdk(t.server, 'emailVerifications/create'), { jwt: bob, body: { email: 'bob@example.com' } }), 429, 'rate_limited');
    const sms = await call(t.server, 'POST', sdk(t.server, 'smsVerifications/create'), {
      jwt: bob, body: { isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '2025550123' },
    });
    assert.equal(sms.status, 200, 'SMS has its own budget');
  });

  it('a guess that read "not locked" just before the fifth failure locked is refused unchecked, not the first of a new run', async () => {
    // A store that holds one read of alice's lock until told: the guess in flight while another
    // locks, as a steady stream of guesses on several instances makes it happen.
    const clock = new TestClock();
    const base = createMemoryStore(clock.now);
    let held: { reached: () => void; release: Promise<void> } | undefined;
    const store: StepUpStore = {
      ...base,
      async get(key) {
        const value = await base.get(key);
        const hold = key.endsWith('mfa-lock:alice') ? held : undefined;
        if (hold) {
          held = undefined;
          hold.reached();
          await hold.release;
        }
        return value;
      },
    };
    const server = createReferenceServer({ devMode: true, now: clock.now, store });
    const alice = await signIn(server, 'alice');
    const guess = () => call(server, 'POST', sdk(server, 'users/mfa/auth/totp'), { jwt: alice, body: { code: '000000', requestedScopes: ['wallet:sign'] } });
    for (let i = 0; i < 4; i++) assertError(await guess(), 422, 'mfa_invalid_code');

    let release!: () => void;
    const reached = new Promise<void>((resolve) => {
      held = { reached: resolve, release: new Promise((go) => (release = go)) };
    });
    const inFlight = guess();
    await reached; // it has read the lock: none yet
    assertError(await guess(), 429, 'mfa_rate_limited'); // the fifth failure locks
    release();
    assertError(await inFlight, 429, 'mfa_rate_limited');
    const checked = base.keys().find((key) => key.endsWith('daily:failed:mfa:alice'))!;
    assert.equal(await base.get(checked), '5', 'wrong codes checked: the five of the run, no more');
  });

  it('TOTP and recovery codes share one daily budget of wrong codes, which a success does not refill', async () => {
    const t = createTestServer({ dailyLimits: { failedAttemptsPerDay: 7 } });
    const alice = await signIn(t.server, 'alice');
    const { totpSecret, recoveryCodes } = await devSecrets(t.server, 'alice');
    const totp = (code: string) => call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt: alice, body: { code, requestedScopes: ['wallet:sign'] } });
    const recovery = (code: string) => call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/recovery'), { jwt: alice, body: { code, requestedScopes: ['wallet:sign'] } });
    const rightTotp = () => {
      t.clock.advance(30); // a new time step: each code is accepted once
      return generate({ secret: totpSecret, epoch: Math.floor(t.clock.ms / 1000) });
    };
    // 4 wrong, a success (which ends the run of failures: no lockout), 3 wrong: 7 in the day.
    for (let i = 0; i < 3; i++) await totp('000000');
    await recovery('AAAAA-AAAAA');
    assert.equal((await totp(await rightTotp())).status, 200);
    for (let i = 0; i < 2; i++) await totp('000000');
    await recovery('AAAAA-AAAAA');
    assertError(await totp(await rightTotp()), 429, 'rate_limited');
    assertError(await recovery(recoveryCodes[0]), 429, 'rate_limited');
  });
});

describe('attack: sign-in with what was meant for something else (Dynamic SDK routes)', () => {
  it('a step-up assertion caught in transit does not sign the thief in; its user still uses it', async () => {
    const t = createTestServer();
    const caught = (await call(t.server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export' } })).body.jwt;
    assertError(await call(t.server, 'POST', sdk(t.server, 'externalAuth/signin'), { body: { jwt: caught } }), 401, 'external_jwt_invalid');
    const bob = await signIn(t.server, 'bob');
    assert.equal((await call(t.server, 'POST', sdk(t.server, 'externalAuth/verify'), { jwt: bob, body: { jwt: caught } })).status, 200);
  });

  it('a session token kept after sign-out opens nothing, on any instance sharing the store', async () => {
    // Two instances of one deployment: one signing key (so one session secret), one store.
    const store = createMemoryStore();
    const [a, b] = [createTestServer({ store, signingKey: TEST_SIGNING_KEY }), createTestServer({ store, signingKey: TEST_SIGNING_KEY })];
    const kept = await signIn(a.server, 'bob');
    const token = await elevatedTokenFor(b.server, 'bob', 'wallet:sign');
    assert.equal((await call(b.server, 'POST', sdk(b.server, 'stepUp/check'), { jwt: kept, body: { scope: 'wallet:export' } })).status, 200);
    assert.equal((await call(a.server, 'POST', sdk(a.server, 'revoke'), { jwt: kept })).status, 200);
    for (const { server } of [a, b]) {
      assertError(await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt: kept, body: { scope: 'wallet:export' } }), 401, 'not_signed_in');
      assertError(await call(server, 'POST', 'protected/wallet/sign', { jwt: kept, headers: { [ELEVATED_TOKEN_HEADER]: token } }), 401, 'not_signed_in');
    }
  });
});
