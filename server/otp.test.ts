import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_LIFETIME_SECONDS } from './session.js';
import { assertError, call, claimsOf, createTestServer, sdk, signIn, START_MS, type TestServer } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

const SCOPES = ['wallet:export'];

async function sendEmail({ server }: TestServer, jwt: string, email = 'bob@example.com') {
  return call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt, body: { email } });
}

async function lastCode({ server }: TestServer, userId: string): Promise<string> {
  const res = await call(server, 'GET', `dev/outbox?userId=${userId}`);
  return res.body[0].code;
}

function verify({ server }: TestServer, jwt: string, channel: 'email' | 'sms', body: Record<string, unknown>) {
  const path = channel === 'email' ? 'emailVerifications/verify' : 'smsVerifications/verify';
  return call(server, 'POST', sdk(server, path), { jwt, body: { requestedScopes: SCOPES, ...body } });
}

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('email one-time codes', () => {
  it('sends a 6-digit code to the outbox and verifies it into a VerifyResponse', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const sent = await sendEmail(t, jwt, 'Bob@Example.COM');
    assert.equal(sent.status, 200);
    assert.match(sent.body.verificationUUID, /^[0-9a-f-]{36}$/);

    const outbox = await call(t.server, 'GET', 'dev/outbox?userId=bob');
    assert.equal(outbox.body.length, 1);
    const [message] = outbox.body;
    assert.equal(message.channel, 'email');
    assert.equal(message.to, 'bob@example.com');
    assert.match(message.code, /^\d{6}$/);
    assert.equal(message.sentAt, new Date(START_MS).toISOString());

    const res = await verify(t, jwt, 'email', { verificationUUID: sent.body.verificationUUID, verificationToken: message.code });
    assert.equal(res.status, 200);
    assertVerifyResponse(res.body, { userId: 'bob', email: 'bob@example.com', sessionJwt: jwt, elevated: true });
    assert.equal(res.body.expiresAt, Math.floor(START_MS / 1000) + SESSION_LIFETIME_SECONDS);
    const { payload } = claimsOf(res.body.elevatedAccessToken);
    assert.equal(payload.sub, 'bob');
    assert.equal(payload.scope, 'wallet:export');
    assert.deepEqual([payload.amr, payload.auth_time], [['otp'], payload.iat], 'proved just now, with a one-time code');
  });

  it('refuses an address that is not one of the user\'s credentials', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    assertError(await sendEmail(t, jwt, 'alice@example.com'), 404, 'credential_not_found');
    assertError(await sendEmail(t, jwt, 'nobody@example.com'), 404, 'credential_not_found');
  });

  it('says how many attempts remain after a wrong code, and locks the code after the fifth', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const { verificationUUID } = (await sendEmail(t, jwt)).body;
    const code = await lastCode(t, 'bob');
    const wrong = wrongCodeFor(code);
    for (let remaining = 4; remaining >= 1; remaining--) {
      const res = await verify(t, jwt, 'email', { verificationUUID, verificationToken: wrong });
      assertError(res, 422, 'wrong_email_verification_token');
      assert.match(res.body.error, new RegExp(`${remaining} attempts? left`));
      assert.equal(res.body.payload.attemptsRemaining, remaining, 'the number, not only the sentence');
    }
    const fifth = await verify(t, jwt, 'email', { verificationUUID, verificationToken: wrong });
    assertError(fifth, 429, 'too_many_email_verification_attempts');
    assert.equal(fifth.body.payload.attemptsRemaining, 0);
    assert.equal(fifth.headers.get('retry-after'), null, 'waiting does not help: no Retry-After');
    assert.equal(fifth.body.payload?.retryAfter, undefined);
    assertError(await verify(t, jwt, 'email', { verificationUUID, verificationToken: code }), 429, 'too_many_email_verification_attempts');
  });

  it('refuses an expired code, an unknown or foreign verification, and a second use', async () => {
    const t = createTestServer();
    const bob = await signIn(t.server, 'bob');
    const carol = await signIn(t.server, (await call(t.server, 'POST', 'dev/users', { body: {} })).body.id);

    const { verificationUUID } = (await sendEmail(t, bob)).body;
    const code = await lastCode(t, 'bob');
    assertError(await verify(t, bob, 'email', { verificationUUID: 'nope', verificationToken: code }), 422, 'invalid_email_verification');
    assertError(await verify(t, carol, 'email', { verificationUUID, verificationToken: code }), 422, 'invalid_email_verification');
    assertError(await verify(t, bob, 'sms', { verificationUUID, verificationToken: code }), 422, 'invalid_sms_verification');
    assert.equal((await verify(t, bob, 'email', { verificationUUID, verificationToken: code })).status, 200);
    assertError(await verify(t, bob, 'email', { verificationUUID, verificationToken: code }), 409, 'already_used');

    t.clock.advance(60);
    const second = (await sendEmail(t, bob)).body.verificationUUID;
    const secondCode = await lastCode(t, 'bob');
    t.clock.advance(5 * 60);
    assertError(await verify(t, bob, 'email', { verificationUUID: second, verificationToken: secondCode }), 422, 'code_expired');
  });

  it('accepts a code just before expiry', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const { verificationUUID } = (await sendEmail(t, jwt)).body;
    const code = await lastCode(t, 'bob');
    t.clock.advance(5 * 60 - 1);
    assert.equal((await verify(t, jwt, 'email', { verificationUUID, verificationToken: ` ${code.slice(0, 3)} ${code.slice(3)} ` })).status, 200);
  });

  it('keeps a 30-second cooldown between sends, with Retry-After', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    assert.equal((await sendEmail(t, jwt)).status, 200);
    const tooSoon = await sendEmail(t, jwt);
    assertError(tooSoon, 429, 'rate_limited');
    assert.equal(tooSoon.headers.get('retry-after'), '30');
    assert.equal(tooSoon.body.payload?.retryAfter, 30);
    t.clock.advance(29.5);
    const almost = await sendEmail(t, jwt);
    assertError(almost, 429, 'rate_limited');
    assert.equal(almost.headers.get('retry-after'), '1');
    t.clock.advance(0.5);
    assert.equal((await sendEmail(t, jwt)).status, 200);
  });

  it('holds the resend cooldown only while a usable code is pending: not after it was used, nor once it has no attempts left', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const first = (await sendEmail(t, jwt)).body.verificationUUID;
    assertError(await sendEmail(t, jwt), 429, 'rate_limited');
    assert.equal((await verify(t, jwt, 'email', { verificationUUID: first, verificationToken: await lastCode(t, 'bob') })).status, 200);
    // Used: the user has no code left, so a new one goes out at once.
    const second = await sendEmail(t, jwt);
    assert.equal(second.status, 200);
    const wrong = wrongCodeFor(await lastCode(t, 'bob'));
    for (let i = 0; i < 5; i++) await verify(t, jwt, 'email', { verificationUUID: second.body.verificationUUID, verificationToken: wrong });
    // No attempts left: the same.
    assert.equal((await sendEmail(t, jwt)).status, 200);
  });

  it('invalidates the previous code when a new one is sent', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const first = (await sendEmail(t, jwt)).body.verificationUUID;
    const firstCode = await lastCode(t, 'bob');
    t.clock.advance(30);
    const second = (await sendEmail(t, jwt)).body.verificationUUID;
    const secondCode = await lastCode(t, 'bob');
    assertError(await verify(t, jwt, 'email', { verificationUUID: first, verificationToken: firstCode }), 422, 'invalid_email_verification');
    assert.equal((await verify(t, jwt, 'email', { verificationUUID: second, verificationToken: secondCode })).status, 200);
  });

  it('checks requestedScopes before spending an attempt', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const { verificationUUID } = (await sendEmail(t, jwt)).body;
    const code = await lastCode(t, 'bob');
    for (const requestedScopes of [undefined, [], ['wallet:steal'], 'wallet:export', [1], ['wallet:export', null]]) {
      const res = await verify(t, jwt, 'email', { verificationUUID, verificationToken: code, requestedScopes });
      assertError(res, 422, 'invalid_scopes');
    }
    assertError(await verify(t, jwt, 'email', { verificationUUID, verificationToken: 123456 }), 400, 'invalid_request');
    assertError(await verify(t, jwt, 'email', { verificationToken: code }), 400, 'invalid_request');
    assert.equal((await verify(t, jwt, 'email', { verificationUUID, verificationToken: code })).status, 200);
  });
});

describe('SMS one-time codes', () => {
  const bobPhone = { isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '202-555 0123' };

  it('sends to the matching phone credential in E.164 and verifies', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const sent = await call(t.server, 'POST', sdk(t.server, 'smsVerifications/create'), { jwt, body: bobPhone });
    assert.equal(sent.status, 200);
    const [message] = (await call(t.server, 'GET', 'dev/outbox?userId=bob')).body;
    assert.equal(message.channel, 'sms');
    assert.equal(message.to, '+12025550123');
    const res = await verify(t, jwt, 'sms', { verificationUUID: sent.body.verificationUUID, verificationToken: message.code });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, 'bob');
  });

  it('refuses a number that is not the user\'s and one with letters', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const path = sdk(t.server, 'smsVerifications/create');
    assertError(await call(t.server, 'POST', path, { jwt, body: { ...bobPhone, phoneNumber: '2025550199' } }), 404, 'credential_not_found');
    assertError(await call(t.server, 'POST', path, { jwt, body: { ...bobPhone, phoneCountryCode: '44' } }), 404, 'credential_not_found');
    // alice has MFA: SMS is not a method the check offers her at all.
    assertError(await call(t.server, 'POST', path, { jwt: await signIn(t.server, 'alice'), body: bobPhone }), 403, 'method_not_allowed');
    assertError(await call(t.server, 'POST', path, { jwt, body: { ...bobPhone, phoneNumber: 'call me' } }), 400, 'invalid_request');
    assertError(await call(t.server, 'POST', path, { jwt, body: { phoneNumber: '2025550123' } }), 400, 'invalid_request');
  });

  it('has its own cooldown and attempt limit, separate from email', async () => {
    const t = createTestServer();
    const jwt = await signIn(t.server, 'bob');
    const path = sdk(t.server, 'smsVerifications/create');
    assert.equal((await sendEmail(t, jwt)).status, 200);
    const { verificationUUID } = (await call(t.server, 'POST', path, { jwt, body: bobPhone })).body;
    assertError(await call(t.server, 'POST', path, { jwt, body: bobPhone }), 429, 'rate_limited');
    const code = await lastCode(t, 'bob');
    for (let i = 0; i < 4; i++) {
      assertError(await verify(t, jwt, 'sms', { verificationUUID, verificationToken: wrongCodeFor(code) }), 422, 'wrong_sms_verification_token');
    }
    assertError(await verify(t, jwt, 'sms', { verificationUUID, verificationToken: wrongCodeFor(code) }), 429, 'too_many_sms_verification_attempts');
  });
});
