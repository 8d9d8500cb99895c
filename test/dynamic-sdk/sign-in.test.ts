// Dynamic's own SDK starts against the reference backend, signs in as the demo users with an
// assertion of the backend's external issuer, and signs out — every call real HTTP, and nothing
// sent off this machine.
import { clearOffMachineAttempts, offMachineAttempts } from '../support/network-guard.js';
import { logout, signInWithExternalJwt } from '@dynamic-labs-sdk/client';
import { expect } from '@open-wc/testing';
import { resetBackend } from '../support/backend.js';
import { waitUntil } from '../support/wait.js';
import { expectNothingSentOffMachine, onlyCall, sessionUser, signInAssertion, signedInSdk, startSdk } from './sdk.js';

describe("Dynamic's SDK: start, sign-in and sign-out against the reference backend", () => {
  beforeEach(async () => {
    await resetBackend();
    clearOffMachineAttempts();
  });
  afterEach(expectNothingSentOffMachine);

  it('starts with the settings the backend serves, and fills its nonce pool', async () => {
    const sdk = await startSdk();
    expect(sdk.client.initStatus).to.equal('finished');
    const settings = onlyCall(sdk, 'GET', 'settings');
    expect(settings.path).to.match(/^settings\?sdkVersion=ClientSDK%2F1\.27\.\d+$/);
    expect(settings.status).to.equal(200);
    expect(sdk.client.projectSettings?.security.externalAuth).to.deep.include({ enabled: true, iss: 'step-up-kit-dev-issuer' });
    // The pool is filled in the background once the settings are in.
    await waitUntil(() => sdk.calls('GET', 'nonces').length === 1, 'the SDK asks for its nonce pool');
    const nonces = onlyCall(sdk, 'GET', 'nonces');
    expect(nonces.path).to.equal('nonces?count=5');
    expect(nonces.status).to.equal(200);
    expect((nonces.responseBody as { nonces: string[] }).nonces).to.have.length(5);
    expect(sdk.client.user).to.equal(null);
  });

  for (const [userId, email] of [['alice', 'alice@example.com'], ['bob', 'bob@example.com']] as const) {
    it(`signs in as ${userId} with an assertion of the external issuer; the backend honours its session`, async () => {
      const sdk = await startSdk();
      const assertion = await signInAssertion(userId);
      const response = await signInWithExternalJwt({ externalJwt: assertion }, sdk.client);

      const call = onlyCall(sdk, 'POST', 'externalAuth/signin');
      expect(call.requestBody).to.deep.equal({ jwt: assertion });
      expect(call.status).to.equal(200);
      expect(sdk.client.user?.id).to.equal(userId);
      expect(sdk.client.user?.email).to.equal(email);
      expect(sdk.client.user?.verifiedCredentials.length).to.be.greaterThan(0);
      expect(sdk.client.token).to.equal(response.minifiedJwt);
      expect(sdk.client.sessionExpiresAt?.getTime()).to.equal(response.expiresAt * 1000);
      expect(await sessionUser(sdk, sdk.client.token)).to.deep.equal({ status: 200, id: userId });
    });
  }

  it('an expired, replayed or forged assertion is refused and leaves the SDK signed out', async () => {
    const sdk = await startSdk();
    const refusedWith = async (externalJwt: string) =>
      signInWithExternalJwt({ externalJwt }, sdk.client).then(
        () => expect.fail('the sign-in should have been refused'),
        (error: { code?: string; status?: number }) => error,
      );

    expect(await refusedWith(await signInAssertion('bob', { expiresInSeconds: -10 }))).to.include({ code: 'external_jwt_expired', status: 401 });
    const once = await signInAssertion('bob');
    await signInWithExternalJwt({ externalJwt: once }, sdk.client);
    await logout(sdk.client);
    expect(await refusedWith(once)).to.include({ code: 'external_jwt_replayed', status: 409 });
    const [header, payload] = (await signInAssertion('bob')).split('.');
    expect(await refusedWith(`${header}.${payload}.${'A'.repeat(86)}`)).to.include({ code: 'external_jwt_invalid', status: 401 });
    expect(sdk.client.user).to.equal(null);
    expect(sdk.client.token).to.equal(null);
  });

  it('logout revokes the session at the backend: its token stops working at once', async () => {
    const sdk = await signedInSdk('bob');
    const token = sdk.client.token;
    expect(await sessionUser(sdk, token)).to.deep.equal({ status: 200, id: 'bob' });
    await logout(sdk.client);
    expect(onlyCall(sdk, 'POST', 'revoke').status).to.equal(200);
    expect(sdk.client.user).to.equal(null);
    expect(sdk.client.token).to.equal(null);
    expect(await sessionUser(sdk, token)).to.deep.equal({ status: 401, code: 'not_signed_in' });
  });

  it('the guard itself: a request off the page\'s origin is refused and recorded', async () => {
    const violations: string[] = [];
    const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    document.addEventListener('securitypolicyviolation', onViolation);
    // A loopback address that is not the page's origin: refused by the page's policy, and
    // nothing would leave the machine even if it were not.
    const refused = await fetch('http://127.0.0.2:9/probe').then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
    await waitUntil(() => violations.length > 0 && offMachineAttempts().length > 0, 'the policy refuses it and the guard records it');
    document.removeEventListener('securitypolicyviolation', onViolation);
    expect(violations).to.deep.equal(['connect-src http://127.0.0.2:9/probe']);
    expect(offMachineAttempts()).to.deep.equal(['http://127.0.0.2:9/probe']);
    clearOffMachineAttempts();
  });
});
