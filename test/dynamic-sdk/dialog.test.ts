// <step-up-dialog> on top of Dynamic's own SDK (step-up-kit/dynamic): the dialog checks and
// verifies through the SDK's functions against the reference backend, and afterwards the SDK
// holds the token — where the SDK applies it — and the server kit accepts it. No core client
// exists on these pages: a request of the core's would throw `configuration_error`.
import { clearOffMachineAttempts } from '../support/network-guard.js';
import * as dynamicSdk from '@dynamic-labs-sdk/client';
import { expect, fixture, html } from '@open-wc/testing';
import { generate } from 'otplib';
import { createDynamicBackend, dynamicErrorOf } from '../../src/dynamic/index.js';
import { TokenScope, type StepUpElevation } from '../../src/index.js';
import '../../components/define/step-up-dialog.js';
import type { StepUpDialog } from '../../components/step-up-dialog/step-up-dialog.js';
import { codeInput, currentMethod, deepActive, inShadow, textOf, type, waitForOpen } from '../support/elements.js';
import { latestCode, resetBackend, secretsOf } from '../support/backend.js';
import { waitUntil } from '../support/wait.js';
import { expectNothingSentOffMachine, onlyCall, protectedCall, signedInSdk, type SdkUnderTest } from './sdk.js';

/** The dialog with the SDK's backend, its step-up for `scope` started as a click would. */
async function dialogOn(sdk: SdkUnderTest, scope: TokenScope) {
  const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" scope=${scope} .backend=${createDynamicBackend(dynamicSdk, { client: sdk.client })}></step-up-dialog>`);
  const outcome = dialog.requestStepUp().catch((error: unknown) => error);
  await waitForOpen(dialog);
  return { dialog, outcome };
}

/** The token the backend answered the SDK's call of `path` with. */
function issuedBy(sdk: SdkUnderTest, path: string): string {
  const call = onlyCall(sdk, 'POST', path);
  expect(call.status, JSON.stringify(call.responseBody)).to.equal(200);
  return (call.responseBody as { elevatedAccessToken: string }).elevatedAccessToken;
}

/** The SDK holds `issued` for `scope`, and the protected route accepts it with the SDK's session. */
async function expectHeldByTheSdk(sdk: SdkUnderTest, scope: TokenScope, route: [string, string], issued: string): Promise<void> {
  const held = dynamicSdk.getElevatedAccessToken({ scope }, sdk.client);
  expect(held, 'the SDK holds the token the backend issued').to.equal(issued);
  const response = await protectedCall(sdk, route[0], route[1], held);
  expect(response.status, await response.clone().text()).to.equal(200);
  expect(await response.json()).to.include({ ok: true, action: scope, userId: sdk.client.user?.id });
}

const totpCode = async () => generate({ secret: (await secretsOf('alice')).totpSecret! });

describe("<step-up-dialog> on Dynamic's SDK (step-up-kit/dynamic)", () => {
  beforeEach(async () => {
    await resetBackend();
    clearOffMachineAttempts();
  });
  afterEach(expectNothingSentOffMachine);

  it('completes a TOTP step-up: the SDK checked and verified, and holds the token afterwards', async () => {
    const sdk = await signedInSdk('alice');
    const { dialog, outcome } = await dialogOn(sdk, TokenScope.Userdelete);
    expect(onlyCall(sdk, 'POST', 'stepUp/check').requestBody).to.deep.equal({ scope: 'user:delete' });
    expect(currentMethod(dialog).localName).to.equal('step-up-totp');
    await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');

    await type(await totpCode());
    const detail = (await outcome) as StepUpElevation;
    expect(detail).to.include({ scope: 'user:delete', method: 'totp', credentialId: 'alice-totp', alreadyElevated: false });
    expect(onlyCall(sdk, 'POST', 'users/mfa/auth/totp').requestBody).to.deep.include({ id: 'alice-totp', requestedScopes: ['user:delete'] });
    const issued = issuedBy(sdk, 'users/mfa/auth/totp');
    // What the dialog reports comes from the token the SDK holds.
    const claims = JSON.parse(atob(issued.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number; singleUse?: boolean };
    expect(detail).to.include({ expiresAt: claims.exp, singleUse: claims.singleUse ?? false });
    expect(dialog.open).to.equal(false);
    await expectHeldByTheSdk(sdk, TokenScope.Userdelete, ['DELETE', 'user'], issued);
  });

  it('completes an email step-up: the SDK sent the code to the credential shown and holds the token', async () => {
    const sdk = await signedInSdk('bob');
    const { dialog, outcome } = await dialogOn(sdk, TokenScope.Walletexport);
    const method = currentMethod(dialog);
    expect(method.localName).to.equal('step-up-otp');
    await waitUntil(() => textOf(method).includes('We sent a code to bob@example.com'), 'the code was sent (not only being sent)');
    expect(onlyCall(sdk, 'POST', 'emailVerifications/create').requestBody).to.deep.equal({ email: 'bob@example.com' });

    codeInput(method).focus();
    await type((await latestCode('bob', 'email')).code);
    expect(await outcome).to.include({ scope: 'wallet:export', method: 'email', credentialId: 'bob-email', singleUse: true });
    await expectHeldByTheSdk(sdk, TokenScope.Walletexport, ['POST', 'wallet/export'], issuedBy(sdk, 'emailVerifications/verify'));
  });

  it('offers only the methods the SDK can run: bob sees email and SMS, not his Google account or wallet', async () => {
    const sdk = await signedInSdk('bob');
    const { dialog } = await dialogOn(sdk, TokenScope.Walletexport);
    const options = [...dialog.shadowRoot!.querySelectorAll('[part=method-option]')].map((o) => textOf(o));
    expect(options).to.have.length(1);
    expect(options[0]).to.include('+1 202-555-0123');
    dialog.close();
  });

  it('refuses, with a sentence, anything but the SDK\'s functions', () => {
    expect(() => createDynamicBackend({} as never)).to.throw(TypeError, /import \* as sdk from '@dynamic-labs-sdk\/client'\); missing: checkStepUpAuth, sendEmailOTP/);
    const { getElevatedAccessToken: _left, ...withoutOne } = dynamicSdk;
    expect(() => createDynamicBackend(withoutOne as never)).to.throw(/missing: getElevatedAccessToken\.$/);
  });

  it('its check never rejects: a check whose dialog closed answers "required", cancelled', async () => {
    const sdk = await signedInSdk('alice');
    const backend = createDynamicBackend(dynamicSdk, { client: sdk.client });
    const closing = new AbortController();
    const answer = backend.checkStepUpAuthWithReason({ scope: 'user:delete', signal: closing.signal });
    closing.abort();
    const { result, failure } = await answer;
    expect(result).to.deep.equal({ isRequired: true, credentials: [] });
    expect(failure?.code).to.equal('cancelled');
  });

  it('reads the SDK\'s failures as the kit\'s errors: the API\'s answer, a sign-out, fetch failing, a bug', () => {
    const apiError = Object.assign(new Error('That code is not correct.'), { name: 'APIError', status: 400, code: 'mfa_invalid_code', payload: { attemptsRemaining: 2 } });
    const wrapped = Object.assign(new Error('Invalid OTP'), { name: 'MfaInvalidOtpError', cause: apiError });
    expect(dynamicErrorOf(wrapped)).to.include({ code: 'invalid_code', attemptsRemaining: 2, status: 400 });
    expect(dynamicErrorOf(Object.assign(new Error('Unauthorized'), { name: 'UnauthorizedError' }))).to.include({ code: 'not_signed_in' });
    expect(dynamicErrorOf(new TypeError('Failed to fetch'))).to.include({ code: 'network_error' });
    expect(dynamicErrorOf(new TypeError("Cannot read properties of undefined (reading 'map')"))).to.include({ code: 'request_failed' });
  });

  it('a wrong code is refused with the attempts left, the dialog stays usable, and the SDK holds nothing', async () => {
    const sdk = await signedInSdk('alice');
    const { dialog, outcome } = await dialogOn(sdk, TokenScope.Userdelete);
    const method = currentMethod(dialog);
    await waitUntil(() => deepActive() === codeInput(method));
    await type(String((Number(await totpCode()) + 500_000) % 1_000_000).padStart(6, '0'));
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')) !== '', 'the refusal');
    expect(textOf(inShadow(method, '[role=alert]'))).to.include('That code is not correct').and.include('4 attempts left');
    expect(dynamicSdk.getElevatedAccessToken({ scope: 'user:delete', consume: false }, sdk.client)).to.equal(undefined);
    expect(dialog.open).to.equal(true);

    await waitUntil(() => !codeInput(method).readOnly && codeInput(method).value === '');
    codeInput(method).focus();
    await type(await totpCode());
    expect(await outcome).to.include({ method: 'totp' });
    expect(dynamicSdk.getElevatedAccessToken({ scope: 'user:delete', consume: false }, sdk.client)).to.be.a('string');
  });
});
