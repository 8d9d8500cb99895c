// Authenticator-app codes and recovery codes through the core against the real backend.
import { expect } from '@open-wc/testing';
import { generate } from 'otplib';
import { authenticateMfaRecoveryCode, authenticateTotpMfaDevice, hasElevatedAccessToken, type StepUpClient } from '../src/index.js';
import { resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

const SCOPES = ['user:delete'];
const PERIOD = 30;

describe('authenticator app (TOTP)', () => {
  let client: StepUpClient;
  let secret: string;
  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('alice'));
    secret = (await secretsOf('alice')).totpSecret!;
  });

  const codeAt = (offsetSteps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * PERIOD });

  it('accepts the current code and the one of the previous step', async () => {
    await authenticateTotpMfaDevice({ code: await codeAt(-1), requestedScopes: SCOPES }, client);
    expect(hasElevatedAccessToken('user:delete', client)).to.equal(true);
  });

  it('refuses a code two steps old', async () => {
    const error = await rejection(authenticateTotpMfaDevice({ code: await codeAt(-3), requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('invalid_code');
  });

  it('refuses a wrong code and stores nothing', async () => {
    const code = await codeAt(0);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await rejection(authenticateTotpMfaDevice({ code: wrong, requestedScopes: SCOPES }, client))).code).to.equal('invalid_code');
    expect(hasElevatedAccessToken('user:delete', client)).to.equal(false);
  });

  it('accepts each code once: a replayed code is refused', async () => {
    const code = await codeAt(0);
    await authenticateTotpMfaDevice({ code, requestedScopes: SCOPES }, client);
    const error = await rejection(authenticateTotpMfaDevice({ code, requestedScopes: ['wallet:export'] }, client));
    expect(error.code).to.equal('code_already_used');
    expect(hasElevatedAccessToken('wallet:export', client)).to.equal(false);
  });

  it('locks out guessing after five wrong codes, with the seconds to wait', async () => {
    const code = await codeAt(0);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) await rejection(authenticateTotpMfaDevice({ code: wrong, requestedScopes: SCOPES }, client));
    const error = await rejection(authenticateTotpMfaDevice({ code, requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.be.greaterThan(0);
  });

  it('a user without an authenticator app is told the method is not available to them', async () => {
    const { client: bob } = await signedInClient('bob');
    const error = await rejection(authenticateTotpMfaDevice({ code: await codeAt(0), requestedScopes: SCOPES }, bob));
    expect(error.code).to.equal('method_not_allowed');
    expect(error.message).to.match(/^This way of confirming your identity is not available for your account now\./);
  });
});

describe('recovery codes', () => {
  let client: StepUpClient;
  let codes: string[];
  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('alice'));
    codes = (await secretsOf('alice')).recoveryCodes!;
  });

  it('accepts a recovery code as typed, in lower case and without the dash', async () => {
    expect(codes).to.have.length(10);
    await authenticateMfaRecoveryCode({ code: codes[1]!.toLowerCase().replace('-', ' '), requestedScopes: SCOPES }, client);
    expect(hasElevatedAccessToken('user:delete', client)).to.equal(true);
  });

  it('each recovery code works once', async () => {
    await authenticateMfaRecoveryCode({ code: codes[0]!, requestedScopes: SCOPES }, client);
    const error = await rejection(authenticateMfaRecoveryCode({ code: codes[0]!, requestedScopes: ['wallet:export'] }, client));
    expect(error.code).to.equal('code_already_used');
    expect((await secretsOf('alice')).recoveryCodes).to.have.length(9);
  });

  it('refuses a code that was never issued', async () => {
    const error = await rejection(authenticateMfaRecoveryCode({ code: 'AAAAA-AAAAA', requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('invalid_code');
  });
});
