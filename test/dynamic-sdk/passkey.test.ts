// Dynamic's own SDK steps up with a passkey against the reference backend: a real WebAuthn
// ceremony in Chromium (the virtual authenticator), with a passkey enrolled first through the
// kit's own client on the SDK's session (enrolment is not one of the SDK's step-up functions).
import { clearOffMachineAttempts } from '../support/network-guard.js';
import { authenticatePasskeyMFA, checkStepUpAuth, getElevatedAccessToken, TokenScope } from '@dynamic-labs-sdk/client';
import * as dynamicSdk from '@dynamic-labs-sdk/client';
import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define/step-up-dialog.js';
import type { StepUpDialog } from '../../components/step-up-dialog/step-up-dialog.js';
import { createDynamicBackend } from '../../src/dynamic/index.js';
import { createStepUpClient } from '../../src/index.js';
import { currentMethod, inShadow, textOf, waitForOpen } from '../support/elements.js';
import { waitUntil } from '../support/wait.js';
import { addAuthenticator, removeAuthenticators, setUserVerified } from '../support/authenticator.js';
import { API_BASE, enrolPasskey, resetBackend } from '../support/backend.js';
import { expectNothingSentOffMachine, onlyCall, protectedCall, signedInSdk, type SdkUnderTest } from './sdk.js';

/** Alice signed in through the SDK, with a passkey on the virtual authenticator. */
async function aliceWithPasskey(): Promise<{ sdk: SdkUnderTest; passkeyId: string }> {
  const sdk = await signedInSdk('alice');
  const kit = createStepUpClient({ apiBaseUrl: API_BASE, environmentId: sdk.environmentId, getAuthToken: () => sdk.client.token });
  const { id } = await enrolPasskey(kit, 'alice', 'This laptop');
  return { sdk, passkeyId: id };
}

describe("Dynamic's SDK: passkey step-up against the reference backend", () => {
  beforeEach(async () => {
    await resetBackend();
    await addAuthenticator();
    clearOffMachineAttempts();
  });
  afterEach(expectNothingSentOffMachine);
  after(removeAuthenticators);

  it('authenticatePasskeyMFA: the SDK runs the ceremony, the backend verifies it, wallet:export is granted', async () => {
    const { sdk, passkeyId } = await aliceWithPasskey();
    const session = sdk.client.token;
    const check = await checkStepUpAuth({ scope: TokenScope.Walletexport }, sdk.client);
    expect(check.defaultCredentialId).to.equal(passkeyId);
    expect(check.credentials[0]).to.deep.include({ id: passkeyId, format: 'passkey', alias: 'This laptop' });

    await authenticatePasskeyMFA({ requestedScopes: [TokenScope.Walletexport] }, sdk.client);
    const options = onlyCall(sdk, 'GET', 'users/passkeys/authenticate');
    expect(options.status).to.equal(200);
    const { allowCredentials, rpId, userVerification } = options.responseBody as Record<string, unknown>;
    expect((allowCredentials as { id: string }[]).map((c) => c.id)).to.deep.equal([passkeyId]);
    expect({ rpId, userVerification }).to.deep.equal({ rpId: location.hostname, userVerification: 'required' });

    const assertion = onlyCall(sdk, 'POST', 'users/mfa/auth/passkey');
    expect(assertion.status, JSON.stringify(assertion.responseBody)).to.equal(200);
    expect(assertion.requestBody).to.include({ id: passkeyId, type: 'public-key' });
    expect((assertion.requestBody as { requestedScopes: string[] }).requestedScopes).to.deep.equal(['wallet:export']);
    const issued = (assertion.responseBody as { elevatedAccessToken: string }).elevatedAccessToken;
    expect(sdk.client.token).to.equal(session);

    const held = getElevatedAccessToken({ scope: TokenScope.Walletexport }, sdk.client);
    expect(held).to.equal(issued);
    const response = await protectedCall(sdk, 'POST', 'wallet/export', held);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).to.equal(200);
    expect(body).to.include({ ok: true, action: 'wallet:export', userId: 'alice' });
  });

  it('a refused prompt rejects and leaves the SDK without a token; the backend was asked nothing more', async () => {
    const { sdk } = await aliceWithPasskey();
    await setUserVerified(false);
    const refused = await authenticatePasskeyMFA({ requestedScopes: [TokenScope.Walletexport] }, sdk.client).then(
      () => expect.fail('a refused prompt must reject'),
      (error: Error) => error,
    );
    expect(refused).to.be.instanceOf(Error);
    expect(onlyCall(sdk, 'GET', 'users/passkeys/authenticate').status).to.equal(200);
    expect(sdk.calls('POST', 'users/mfa/auth/passkey')).to.have.length(0);
    expect(getElevatedAccessToken({ scope: TokenScope.Walletexport }, sdk.client)).to.equal(undefined);
    await setUserVerified(true);
  });

  it('through <step-up-dialog> on step-up-kit/dynamic: a refused prompt says so, a second press elevates, the SDK holds the token', async () => {
    const { sdk, passkeyId } = await aliceWithPasskey();
    const dialog = await fixture<StepUpDialog>(html`<step-up-dialog lang="en" scope="wallet:export" .backend=${createDynamicBackend(dynamicSdk, { client: sdk.client })}></step-up-dialog>`);
    const outcome = dialog.requestStepUp();
    await waitForOpen(dialog);
    const method = currentMethod(dialog);
    expect(method.localName).to.equal('step-up-passkey');

    await setUserVerified(false);
    inShadow<HTMLButtonElement>(method, 'button').click();
    await waitUntil(() => textOf(inShadow(method, '[role=alert]')) !== '', 'the refusal');
    expect(textOf(inShadow(method, '[role=alert]'))).to.include('The passkey prompt was closed');
    expect(sdk.calls('POST', 'users/mfa/auth/passkey')).to.have.length(0);
    expect(dialog.open).to.equal(true);

    await setUserVerified(true);
    inShadow<HTMLButtonElement>(method, 'button').click();
    expect(await outcome).to.include({ scope: 'wallet:export', method: 'passkey', credentialId: passkeyId, singleUse: true });
    const issued = (onlyCall(sdk, 'POST', 'users/mfa/auth/passkey').responseBody as { elevatedAccessToken: string }).elevatedAccessToken;
    expect(getElevatedAccessToken({ scope: TokenScope.Walletexport }, sdk.client)).to.equal(issued);
  });
});
