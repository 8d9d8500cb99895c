import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from 'otplib';
import { createApp } from './create-reference-server.js';
import { normalizeRecoveryCode } from './recovery-codes.js';
import { createServerContext } from './server-context.js';
import { assertError, call, createTestServer, devSecrets, sdk, signIn, START_MS, TestClock, type TestServer } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

const SCOPES = ['wallet:export'];

async function aliceSession(t: TestServer) {
  const jwt = await signIn(t.server, 'alice');
  const secrets = await devSecrets(t.server, 'alice');
  /** The code the authenticator app shows `stepsFromNow` time steps away from the server clock. */
  const codeAt = (stepsFromNow: number) => generate({ secret: secrets.totpSecret, epoch: Math.floor(t.clock.ms / 1000) + 30 * stepsFromNow });
  const totp = (code: string, extra: Record<string, unknown> = {}) =>
    call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt, body: { code, requestedScopes: SCOPES, ...extra } });
  const recovery = (code: string) =>
    call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/recovery'), { jwt, body: { code, requestedScopes: SCOPES } });
  return { jwt, secrets, codeAt, totp, recovery };
}

const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('TOTP', () => {
  it('accepts the current code and answers a VerifyResponse', async () => {
    const t = createTestServer();
    const { jwt, totp, codeAt } = await aliceSession(t);
    const res = await totp(await codeAt(0));
    assert.equal(res.status, 200);
    assertVerifyResponse(res.body, { userId: 'alice', email: 'alice@example.com', sessionJwt: jwt, elevated: true });
    assert.equal(typeof res.body.elevatedAccessToken, 'string');
  });

  it('accepts the codes one step before and after, refuses two steps away', async () => {
    for (const steps of [-1, 1]) {
      const t = createTestServer();
      const { totp, codeAt } = await aliceSession(t);
      assert.equal((await totp(await codeAt(steps))).status, 200, `step ${steps}`);
    }
    for (const steps of [-2, 2]) {
      const t = createTestServer();
      const { totp, codeAt } = await aliceSession(t);
      assertError(await totp(await codeAt(steps)), 422, 'mfa_invalid_code');
    }
  });

  it('accepts a code once: a replay is code_already_used, even within the window', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    const code = await codeAt(0);
    assert.equal((await totp(code)).status, 200);
    assertError(await totp(code), 422, 'code_already_used');
    t.clock.advance(30);
    assertError(await totp(code), 422, 'code_already_used');
    assert.equal((await totp(await codeAt(0))).status, 200);
  });

  it('refuses concurrent uses of the same code but one', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    const code = await codeAt(0);
    const results = await Promise.all([totp(code), totp(code), totp(code)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 422, 422]);
  });

  it('locks out for 5 minutes after 5 failures in a row, with Retry-After', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    const good = await codeAt(0);
    for (let remaining = 4; remaining >= 1; remaining--) {
      const res = await totp(wrong(good));
      assertError(res, 422, 'mfa_invalid_code');
      assert.match(res.body.error, new RegExp(`${remaining} attempts? left`));
      assert.equal(res.body.payload.attemptsRemaining, remaining);
    }
    const fifth = await totp('12ab56');
    assertError(fifth, 429, 'mfa_rate_limited');
    assert.equal(fifth.headers.get('retry-after'), '300');
    assert.equal(fifth.body.payload?.retryAfter, 300);
    assert.equal(fifth.body.payload.lockedUntil, new Date(t.clock.ms + 300_000).toISOString(), 'until when, as a time');
    const locked = await totp(good);
    assertError(locked, 429, 'mfa_rate_limited');
    t.clock.advance(299);
    assert.equal((await totp(await codeAt(0))).headers.get('retry-after'), '1');
    t.clock.advance(1);
    assert.equal((await totp(await codeAt(0))).status, 200);
  });

  it('resets the failure count after a success', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    for (let i = 0; i < 4; i++) await totp(wrong(await codeAt(0)));
    assert.equal((await totp(await codeAt(0))).status, 200);
    const res = await totp(wrong(await codeAt(1)));
    assert.match(res.body.error, /4 attempts left/);
  });

  it('selects the device by id and refuses an id or a user without TOTP', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    assertError(await totp(await codeAt(0), { id: 'bob-email' }), 404, 'mfa_device_not_found');
    assertError(await totp(await codeAt(0), { id: 'recovery-code' }), 404, 'mfa_device_not_found');
    assert.equal((await totp(await codeAt(0), { id: 'alice-totp' })).status, 200);

    const bob = await signIn(t.server, 'bob');
    const res = await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/totp'), { jwt: bob, body: { code: '123456', requestedScopes: SCOPES } });
    assertError(res, 403, 'method_not_allowed');
  });

  it('refuses bad requests without counting them as failures', async () => {
    const t = createTestServer();
    const { totp, codeAt } = await aliceSession(t);
    for (let i = 0; i < 6; i++) {
      assertError(await totp(await codeAt(0), { requestedScopes: ['nope'] }), 422, 'invalid_scopes');
      assertError(await totp(await codeAt(0), { id: 42 }), 400, 'invalid_request');
    }
    assert.equal((await totp(await codeAt(0))).status, 200);
  });
});

describe('recovery codes', () => {
  it('accepts each code once, in any case and with or without the dash', async () => {
    const t = createTestServer();
    const { recovery, secrets } = await aliceSession(t);
    const [first, second, third] = secrets.recoveryCodes as string[];
    assert.ok(first && second && third);
    assert.equal((await recovery(first)).status, 200);
    assertError(await recovery(first), 422, 'code_already_used');
    assert.equal((await recovery(second.toLowerCase().replace('-', ''))).status, 200);
    assert.equal((await recovery(` ${third.slice(0, 5)} - ${third.slice(6)} `)).status, 200);
  });

  it('refuses an unknown code and locks out with the same counter as TOTP', async () => {
    const t = createTestServer();
    const { recovery, totp, codeAt, secrets } = await aliceSession(t);
    for (let i = 0; i < 2; i++) assertError(await recovery('AAAAA-AAAAA'), 422, 'mfa_invalid_code');
    for (let i = 0; i < 2; i++) assertError(await totp(wrong(await codeAt(0))), 422, 'mfa_invalid_code');
    assertError(await recovery('BBBBB-BBBBB'), 429, 'mfa_rate_limited');
    assertError(await recovery(secrets.recoveryCodes[0]), 429, 'mfa_rate_limited');
  });

  it('refuses a user without recovery codes: the check does not offer them', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const res = await call(t.server, 'POST', sdk(t.server, 'users/mfa/auth/recovery'), { jwt, body: { code: 'AAAAA-AAAAA', requestedScopes: SCOPES } });
    assertError(res, 403, 'method_not_allowed');
  });

  it('makes 10 codes per MFA user in the XXXXX-XXXXX format without look-alike characters', async () => {
    const t = createTestServer();
    const { secrets } = await aliceSession(t);
    assert.equal(secrets.recoveryCodes.length, 10);
    for (const code of secrets.recoveryCodes) assert.match(code, /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    assert.equal(new Set(secrets.recoveryCodes).size, 10);
  });

  it('stores recovery codes only as keyed hashes, never in plaintext', async () => {
    const clock = new TestClock();
    const ctx = createServerContext({ devMode: true, now: clock.now });
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const plaintext = ctx.devSeed?.secrets.get('alice')?.recoveryCodes ?? [];
    assert.equal(plaintext.length, 10);
    const jwt = await signIn(server, 'alice');
    const path = `sdk/${ctx.environmentId}/users/mfa/auth/recovery`;
    assert.equal((await call(server, 'POST', path, { jwt, body: { code: plaintext[0], requestedScopes: SCOPES } })).status, 200);

    const stored = collectStrings(ctx.demoUsers!.list());
    for (const code of plaintext) {
      assert.ok(!stored.some((s) => s.includes(code) || s.includes(normalizeRecoveryCode(code))), 'no plaintext code in the store');
    }
    const alice = await ctx.users.find('alice');
    assert.ok(alice);
    assert.equal(alice.recoveryCodes.filter((r) => r.usedAt === START_MS).length, 1);
    for (const record of alice.recoveryCodes) assert.match(record.hash, /^[0-9a-f]{64}$/);
  });
});

/** Every string reachable from `value`, through objects, arrays, Maps and Sets. */
function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Map) for (const [k, v] of value) collectStrings([k, v], out);
  else if (value instanceof Set) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}
