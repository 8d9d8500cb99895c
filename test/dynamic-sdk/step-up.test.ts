// Dynamic's own SDK steps up against the reference backend with each method it has: the check,
// email and SMS codes, an authenticator app, a recovery code and an external-auth assertion.
// After each, the SDK holds the very token the backend issued, and the server kit accepts it
// on a protected route called with the SDK's session.
import { clearOffMachineAttempts } from '../support/network-guard.js';
import {
  authenticateMfaRecoveryCode,
  authenticateTotpMfaDevice,
  checkStepUpAuth,
  getElevatedAccessToken,
  requestExternalAuthElevatedToken,
  sendEmailOTP,
  sendSmsOTP,
  TokenScope,
  verifyOTP,
} from '@dynamic-labs-sdk/client';
import { expect } from '@open-wc/testing';
import { generate } from 'otplib';
import { externalJwt, latestCode, resetBackend, secretsOf } from '../support/backend.js';
import { expectNothingSentOffMachine, onlyCall, protectedCall, signedInSdk, type SdkUnderTest } from './sdk.js';

/** The elevated token in the backend's answer to the SDK's call of `path`. */
function issuedBy(sdk: SdkUnderTest, path: string): string {
  const call = onlyCall(sdk, 'POST', path);
  expect(call.status, JSON.stringify(call.responseBody)).to.equal(200);
  const token = (call.responseBody as { elevatedAccessToken?: unknown }).elevatedAccessToken;
  expect(token).to.be.a('string');
  return token as string;
}

/**
 * The SDK's own `getElevatedAccessToken({ scope })` returns `issued`, and the protected route of
 * that scope (the server kit's requireElevation) accepts it with the SDK's session.
 */
async function expectHeldAndAccepted(sdk: SdkUnderTest, scope: TokenScope, route: [method: string, path: string], issued: string): Promise<void> {
  const held = getElevatedAccessToken({ scope }, sdk.client);
  expect(held, 'the SDK holds the token the backend issued').to.equal(issued);
  const response = await protectedCall(sdk, route[0], route[1], held);
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(body)).to.equal(200);
  expect(body).to.include({ ok: true, action: scope, userId: sdk.client.user?.id });
}

/** The SDK still holds the session it signed in with: a step-up answer replaces it with itself. */
function expectSameSession(sdk: SdkUnderTest, session: string | null): void {
  expect(session).to.be.a('string');
  expect(sdk.client.token).to.equal(session);
}

describe("Dynamic's SDK: step-up against the reference backend", () => {
  beforeEach(async () => {
    await resetBackend();
    clearOffMachineAttempts();
  });
  afterEach(expectNothingSentOffMachine);

  describe('checkStepUpAuth', () => {
    it('lists what the method policy offers bob, under the ids of his verified credentials', async () => {
      const sdk = await signedInSdk('bob');
      const check = await checkStepUpAuth({ scope: TokenScope.Walletexport }, sdk.client);
      // The SDK answers "required, nothing offered" on any failure: the call itself must have succeeded.
      const call = onlyCall(sdk, 'POST', 'stepUp/check');
      expect(call.requestBody).to.deep.equal({ scope: 'wallet:export' });
      expect(call.status).to.equal(200);
      expect(check.isRequired).to.equal(true);
      expect(check.defaultCredentialId).to.equal('bob-email');
      expect(check.credentials.map((c) => [c.id, c.format])).to.deep.equal([
        ['bob-email', 'email'],
        ['bob-phone', 'phoneNumber'],
        ['bob-google', 'oauth'],
        ['bob-wallet', 'blockchain'],
      ]);
      expect(sdk.client.user?.verifiedCredentials.map((c) => c.id)).to.deep.equal(check.credentials.map((c) => c.id));
    });

    it('lists only MFA for alice: her authenticator app first, then a recovery code', async () => {
      const sdk = await signedInSdk('alice');
      const check = await checkStepUpAuth({ scope: TokenScope.Userdelete }, sdk.client);
      expect(onlyCall(sdk, 'POST', 'stepUp/check').status).to.equal(200);
      expect(check).to.deep.include({ isRequired: true, defaultCredentialId: 'alice-totp' });
      expect(check.credentials.map((c) => [c.id, c.format, c.type])).to.deep.equal([
        ['alice-totp', 'totp', 'totp'],
        ['recovery-code', 'totp', 'recoveryCode'],
      ]);
    });
  });

  it('sendEmailOTP + verifyOTP: the code from the outbox elevates for wallet:export, once', async () => {
    const sdk = await signedInSdk('bob');
    const session = sdk.client.token;
    const otpVerification = await sendEmailOTP({ email: 'bob@example.com' }, sdk.client);
    expect(onlyCall(sdk, 'POST', 'emailVerifications/create').requestBody).to.deep.equal({ email: 'bob@example.com' });
    const { code } = await latestCode('bob', 'email');

    const response = await verifyOTP({ otpVerification, verificationToken: code, requestedScopes: [TokenScope.Walletexport] }, sdk.client);
    expect(onlyCall(sdk, 'POST', 'emailVerifications/verify').requestBody).to.deep.equal({
      verificationUUID: otpVerification.verificationUUID,
      verificationToken: code,
      requestedScopes: ['wallet:export'],
    });
    const issued = issuedBy(sdk, 'emailVerifications/verify');
    expect(response.elevatedAccessToken).to.equal(issued);
    expectSameSession(sdk, session);

    // Held: the SDK's own check now answers from it, without asking the backend.
    expect(await checkStepUpAuth({ scope: TokenScope.Walletexport }, sdk.client)).to.deep.equal({ credentials: [], isRequired: false });
    expect(sdk.calls('POST', 'stepUp/check')).to.have.length(0);

    await expectHeldAndAccepted(sdk, TokenScope.Walletexport, ['POST', 'wallet/export'], issued);
    // Single-use on both sides: the SDK let go of it when read, the server kit spent it.
    expect(getElevatedAccessToken({ scope: 'wallet:export' }, sdk.client)).to.equal(undefined);
    const replay = await protectedCall(sdk, 'POST', 'wallet/export', issued);
    expect(replay.status).to.equal(401);
    expect(((await replay.json()) as { code: string }).code).to.equal('step_up_required');
  });

  it('sendSmsOTP + verifyOTP: the code sent to bob\'s phone elevates for wallet:sign', async () => {
    const sdk = await signedInSdk('bob');
    const session = sdk.client.token;
    const otpVerification = await sendSmsOTP({ isoCountryCode: 'US', phoneNumber: '2025550123' }, sdk.client);
    expect(onlyCall(sdk, 'POST', 'smsVerifications/create').requestBody).to.deep.equal({
      isoCountryCode: 'US',
      phoneCountryCode: '1',
      phoneNumber: '2025550123',
    });
    const { code, to } = await latestCode('bob', 'sms');
    expect(to).to.equal('+12025550123');

    await verifyOTP({ otpVerification, verificationToken: code, requestedScopes: [TokenScope.Walletsign] }, sdk.client);
    const issued = issuedBy(sdk, 'smsVerifications/verify');
    expectSameSession(sdk, session);
    await expectHeldAndAccepted(sdk, TokenScope.Walletsign, ['POST', 'wallet/sign'], issued);
    // Multi-use: still held, and accepted again.
    await expectHeldAndAccepted(sdk, TokenScope.Walletsign, ['POST', 'wallet/sign'], issued);
  });

  it('authenticateTotpMfaDevice: a wrong code is the SDK\'s MfaInvalidOtpError; the right one elevates for user:delete', async () => {
    const sdk = await signedInSdk('alice');
    const session = sdk.client.token;
    const { totpSecret } = await secretsOf('alice');
    const code = await generate({ secret: totpSecret!, epoch: Math.floor(Date.now() / 1000) });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    const refused = await authenticateTotpMfaDevice({ code: wrong, requestedScopes: [TokenScope.Userdelete] }, sdk.client).then(
      () => expect.fail('a wrong code must be refused'),
      (error: Error) => error,
    );
    expect(refused.name).to.equal('MfaInvalidOtpError');
    expect(getElevatedAccessToken({ scope: 'user:delete' }, sdk.client)).to.equal(undefined);
    expectSameSession(sdk, session);

    await authenticateTotpMfaDevice({ code, requestedScopes: [TokenScope.Userdelete] }, sdk.client);
    const accepted = sdk.calls('POST', 'users/mfa/auth/totp');
    expect(accepted.map((c) => c.status)).to.deep.equal([422, 200]);
    expect(accepted[1]!.requestBody).to.deep.equal({ code, requestedScopes: ['user:delete'] });
    const issued = (accepted[1]!.responseBody as { elevatedAccessToken: string }).elevatedAccessToken;
    expectSameSession(sdk, session);
    await expectHeldAndAccepted(sdk, TokenScope.Userdelete, ['DELETE', 'user'], issued);
  });

  it('authenticateMfaRecoveryCode: one of alice\'s recovery codes elevates for credential:unlink', async () => {
    const sdk = await signedInSdk('alice');
    const session = sdk.client.token;
    const [recoveryCode] = (await secretsOf('alice')).recoveryCodes!;
    await authenticateMfaRecoveryCode({ code: recoveryCode!, requestedScopes: [TokenScope.Credentialunlink] }, sdk.client);
    expect(onlyCall(sdk, 'POST', 'users/mfa/auth/recovery').requestBody).to.deep.equal({ code: recoveryCode, requestedScopes: ['credential:unlink'] });
    const issued = issuedBy(sdk, 'users/mfa/auth/recovery');
    expectSameSession(sdk, session);
    await expectHeldAndAccepted(sdk, TokenScope.Credentialunlink, ['POST', 'credentials/unlink'], issued);
    expect((await secretsOf('alice')).recoveryCodes).not.to.include(recoveryCode, 'the code is spent');
  });

  it('requestExternalAuthElevatedToken: an assertion of the external issuer elevates for credential:link', async () => {
    const sdk = await signedInSdk('bob');
    const session = sdk.client.token;
    const { jwt } = await externalJwt({ userId: 'bob', scope: 'credential:link' });
    const response = await requestExternalAuthElevatedToken({ externalJwt: jwt }, sdk.client);
    expect(onlyCall(sdk, 'POST', 'externalAuth/verify').requestBody).to.deep.equal({ jwt });
    const issued = issuedBy(sdk, 'externalAuth/verify');
    expect(response.elevatedAccessToken).to.equal(issued);
    expectSameSession(sdk, session);
    await expectHeldAndAccepted(sdk, TokenScope.Credentiallink, ['POST', 'credentials/link'], issued);
  });
});
