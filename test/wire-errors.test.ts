// The core reads error answers in Dynamic's shape (`{ error: "<message>", code?, payload? }`),
// whoever sends them: Dynamic's codes become the core's stable codes, the server's sentence is
// kept for a code it knows, and the wait comes from Retry-After or `payload.retryAfter`.
import { expect } from '@open-wc/testing';
import { authenticateTotpMfaDevice, createStepUpClient, ERROR_MESSAGES, requestExternalAuthElevatedToken, StepUpError, verifyOTP } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { scriptedApi, scriptedJson } from './support/scripted.js';

const clientFor = (apiBaseUrl: string) => createStepUpClient({ apiBaseUrl, environmentId: 'env', getAuthToken: () => 'session-jwt' });
const totp = (apiBaseUrl: string) => rejection(authenticateTotpMfaDevice({ code: '123456', requestedScopes: ['wallet:sign'] }, clientFor(apiBaseUrl)));

describe('error answers in Dynamic\'s shape', () => {
  it('a wrong code (mfa_invalid_code, as Dynamic answers it with 400) is invalid_code with the server\'s sentence', async () => {
    const error = await totp(scriptedJson({ error: 'That code is not correct. You have 4 attempts left.', code: 'mfa_invalid_code' }, 400));
    expect(error).to.include({ code: 'invalid_code', message: 'That code is not correct. You have 4 attempts left.' });
  });

  it('an email code answered with wrong_email_verification_token is invalid_code', async () => {
    const client = clientFor(scriptedJson({ error: 'That code is not correct.', code: 'wrong_email_verification_token' }, 422));
    client.pendingOtp.set('email', { value: 'v', to: 'bob@example.com', sentAt: Date.now() }); // as sendEmailOTP leaves it
    const error = await rejection(verifyOTP({ type: 'email', token: '123456', requestedScopes: ['wallet:sign'] }, client));
    expect(error.code).to.equal('invalid_code');
  });

  it('carries the attempts left and the end of a lock as numbers, from the payload', async () => {
    const wrong = await totp(scriptedJson({ error: 'That code is not correct. You have 3 attempts left.', code: 'mfa_invalid_code', payload: { attemptsRemaining: 3 } }, 422));
    expect(wrong).to.include({ code: 'invalid_code', attemptsRemaining: 3, lockedUntil: undefined });
    const locked = await totp(scriptedJson({ error: 'Too many wrong codes.', code: 'mfa_rate_limited', payload: { retryAfter: 300, lockedUntil: '2030-01-01T00:05:10.000Z' } }, 429));
    expect(locked).to.include({ code: 'rate_limited', retryAfter: 300, lockedUntil: Date.UTC(2030, 0, 1, 0, 5, 10) });
    // Nonsense is left out, not trusted.
    const odd = await totp(scriptedJson({ error: 'x', code: 'mfa_invalid_code', payload: { attemptsRemaining: -2, lockedUntil: 'soon' } }, 422));
    expect(odd).to.include({ attemptsRemaining: undefined, lockedUntil: undefined });
  });

  it('a lockout (mfa_rate_limited) is rate_limited with the wait from the payload, or from Retry-After', async () => {
    const fromPayload = await totp(scriptedJson({ error: 'Too many wrong codes. Wait a few minutes.', code: 'mfa_rate_limited', payload: { retryAfter: 120 } }, 429));
    expect(fromPayload).to.include({ code: 'rate_limited', retryAfter: 120 });
    const fromHeader = await totp(scriptedApi({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '45' },
      body: JSON.stringify({ error: 'Too many wrong codes.', code: 'lock_too_many_attempts' }),
    }));
    expect(fromHeader).to.include({ code: 'rate_limited', retryAfter: 45 });
  });

  it('a method\'s own code on that method\'s request is kept, with the method\'s sentence when the server gives none', async () => {
    const external = (apiBaseUrl: string) => rejection(requestExternalAuthElevatedToken({ externalJwt: 'a.b.c' }, clientFor(apiBaseUrl)));
    const expired = await external(scriptedJson({ code: 'external_jwt_expired' }, 401));
    expect(expired).to.include({ code: 'external_jwt_expired', message: ERROR_MESSAGES.external_jwt_expired });
    const replayed = await external(scriptedJson({ error: 'That assertion was already used.', code: 'external_jwt_replayed' }, 401));
    expect(replayed).to.include({ code: 'external_jwt_replayed', message: 'That assertion was already used.' });
  });

  it('a method\'s own code on another method\'s request is not trusted: the status decides, the sentence is ours', async () => {
    const error = await totp(scriptedJson({ error: 'Connect your wallet.', code: 'wallet_address_mismatch' }, 403));
    expect(error).to.include({ code: 'request_failed', message: ERROR_MESSAGES.request_failed });
  });

  it('an error made with a method\'s code and no sentence still carries one a user can read', () => {
    expect(new StepUpError('no_passkey').message).to.equal(ERROR_MESSAGES.request_failed);
    expect(new StepUpError('network_error').message).to.equal(ERROR_MESSAGES.network_error);
  });

  it('an unknown code falls back to the status, and its sentence is not shown', async () => {
    const error = await totp(scriptedJson({ error: 'Internal detail nobody should read.', code: 'something_new' }, 403));
    expect(error.code).to.equal('request_failed');
    expect(error.message).to.not.contain('Internal detail');
  });
});
