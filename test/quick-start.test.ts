// The quick start end to end, once per method that needs no browser ceremony:
// check → verify → proceed, against the real reference backend.
import { expect } from '@open-wc/testing';
import { generate } from 'otplib';
import {
  authenticateMfaRecoveryCode,
  authenticateTotpMfaDevice,
  checkStepUpAuth,
  elevatedFetch,
  getDefaultClient,
  initializeStepUp,
  isStepUpError,
  sendEmailOTP,
  sendSmsOTP,
  TokenScope,
  verifyOTP,
} from '../src/index.js';
import { API_BASE, latestCode, resetBackend, secretsOf, signIn } from './support/backend.js';

async function signInAsDefault(userId: string) {
  const { jwt, environmentId } = await signIn(userId);
  initializeStepUp({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
  return jwt;
}

/** proceed: the protected call fails without a token, succeeds with it, and the token is spent. */
async function expectProtectedExportWorksOnce() {
  const response = await elevatedFetch(`${API_BASE}/protected/wallet/export`, {
    method: 'POST',
    scope: TokenScope.Walletexport,
  });
  expect(response.status).to.equal(200);
  expect(await response.json()).to.include({ ok: true, action: 'wallet:export' });
  const again = await elevatedFetch(`${API_BASE}/protected/wallet/export`, {
    method: 'POST',
    scope: TokenScope.Walletexport,
  }).catch((e: unknown) => e);
  expect(isStepUpError(again, 'step_up_required'), String(again)).to.equal(true);
}

describe('quick start: check → verify → proceed', () => {
  beforeEach(resetBackend);

  it('a protected call without a token is refused by the server', async () => {
    const jwt = await signInAsDefault('bob');
    const response = await fetch(`${API_BASE}/protected/wallet/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.contain('scope="wallet:export"');
    expect((await response.json()).code).to.equal('step_up_required');
  });

  it('email code', async () => {
    await signInAsDefault('bob');
    const check = await checkStepUpAuth({ scope: TokenScope.Walletexport });
    expect(check.isRequired).to.equal(true);
    const email = check.credentials.find((c) => c.format === 'email');
    expect(email?.alias).to.equal('bob@example.com');

    await sendEmailOTP();
    const { code, to } = await latestCode('bob', 'email');
    expect(to).to.equal('bob@example.com');
    const verified = await verifyOTP({ type: 'email', token: code, requestedScopes: [TokenScope.Walletexport] });
    expect(verified.user.id).to.equal('bob');

    expect(await checkStepUpAuth({ scope: TokenScope.Walletexport })).to.deep.equal({ isRequired: false, credentials: [] });
    await expectProtectedExportWorksOnce();
  });

  it('SMS code', async () => {
    await signInAsDefault('bob');
    const check = await checkStepUpAuth({ scope: TokenScope.Walletexport });
    expect(check.credentials.find((c) => c.format === 'phoneNumber')?.alias).to.equal('+12025550123');

    await sendSmsOTP({ countryCode: 'US', phoneNumber: '202-555-0123' });
    const { code, to } = await latestCode('bob', 'sms');
    expect(to).to.equal('+12025550123');
    await verifyOTP({ type: 'sms', token: code, requestedScopes: [TokenScope.Walletexport] });
    await expectProtectedExportWorksOnce();
  });

  it('authenticator app (TOTP)', async () => {
    await signInAsDefault('alice');
    const check = await checkStepUpAuth({ scope: TokenScope.Walletexport });
    const totp = check.credentials.find((c) => c.type === 'totp');
    expect(totp?.format).to.equal('totp');
    expect(check.defaultCredentialId).to.equal(totp?.id);

    const { totpSecret } = await secretsOf('alice');
    const code = await generate({ secret: totpSecret! });
    await authenticateTotpMfaDevice({ code, deviceId: totp!.id, requestedScopes: [TokenScope.Walletexport] });
    await expectProtectedExportWorksOnce();
  });

  it('recovery code', async () => {
    await signInAsDefault('alice');
    const check = await checkStepUpAuth({ scope: TokenScope.Walletexport });
    expect(check.credentials.some((c) => c.type === 'recoveryCode')).to.equal(true);

    const { recoveryCodes } = await secretsOf('alice');
    await authenticateMfaRecoveryCode({ code: recoveryCodes![0]!, requestedScopes: [TokenScope.Walletexport] });
    await expectProtectedExportWorksOnce();
    expect(getDefaultClient().listElevatedTokens()).to.deep.equal([]);
  });
});
