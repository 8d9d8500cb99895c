// Passkeys: a real WebAuthn ceremony in Chromium (virtual authenticator) verified by the
// reference backend with @simplewebauthn/server.
import { expect } from '@open-wc/testing';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { authenticatePasskeyMFA, checkStepUpAuth, elevatedFetch, ERROR_MESSAGES, hasElevatedAccessToken, type StepUpClient } from '../src/index.js';
import { addAuthenticator, removeAuthenticators, setUserVerified } from './support/authenticator.js';
import { API_BASE, enrolPasskey, resetBackend, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

const SCOPES = ['wallet:export'];

/** Raw calls to the passkey routes, to replay what the core would never send twice. */
async function passkeyRoute(jwt: string, environmentId: string, body?: unknown) {
  const response = await fetch(`${API_BASE}/sdk/${environmentId}/users/mfa/auth/passkey`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : null,
  });
  return { status: response.status, body: await response.json() };
}

describe('passkey step-up', () => {
  let client: StepUpClient;
  let jwt: string;

  beforeEach(async () => {
    await resetBackend();
    await addAuthenticator();
    ({ client, jwt } = await signedInClient('alice'));
  });
  after(removeAuthenticators);

  it('a registered passkey is offered first and verifies; the protected call then succeeds', async () => {
    const { id } = await enrolPasskey(client, 'alice', 'This laptop');
    const check = await checkStepUpAuth({ scope: 'wallet:export' }, client);
    expect(check.defaultCredentialId).to.equal(id);
    expect(check.credentials.find((c) => c.id === id)).to.deep.include({ format: 'passkey', alias: 'This laptop' });

    await authenticatePasskeyMFA({ requestedScopes: SCOPES }, client);
    const response = await elevatedFetch(`${API_BASE}/protected/wallet/export`, { method: 'POST', scope: 'wallet:export' }, client);
    expect(response.status).to.equal(200);
  });

  it('a refused prompt is "cancelled", stores nothing, and a retry works', async () => {
    await enrolPasskey(client, 'alice');
    await setUserVerified(false);
    const error = await rejection(authenticatePasskeyMFA({ requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('cancelled');
    expect(error.message).to.match(/^[A-Z].*\.$/);
    expect(hasElevatedAccessToken('wallet:export', client)).to.equal(false);
    await setUserVerified(true);
    await authenticatePasskeyMFA({ requestedScopes: SCOPES }, client);
    expect(hasElevatedAccessToken('wallet:export', client)).to.equal(true);
  });

  it('a user with no passkey is told so', async () => {
    expect((await rejection(authenticatePasskeyMFA({ requestedScopes: SCOPES }, client))).code).to.equal('no_passkey');
  });

  it('a browser without WebAuthn is told so before anything is sent', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential')!;
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      expect(await rejection(authenticatePasskeyMFA({ requestedScopes: SCOPES }, client))).to.include({
        code: 'webauthn_unsupported',
        message: ERROR_MESSAGES.webauthn_unsupported,
      });
    } finally {
      Object.defineProperty(window, 'PublicKeyCredential', original);
    }
  });

  it('aborting through the signal cancels a prompt that is waiting for the user', async () => {
    await enrolPasskey(client, 'alice');
    await addAuthenticator({ automaticPresenceSimulation: false }); // the prompt now waits for a touch
    const controller = new AbortController();
    const pending = authenticatePasskeyMFA({ requestedScopes: SCOPES, signal: controller.signal }, client);
    setTimeout(() => controller.abort(), 300);
    expect((await rejection(pending)).code).to.equal('cancelled');
    expect(hasElevatedAccessToken('wallet:export', client)).to.equal(false);
  });

  it('a replayed assertion is refused', async () => {
    await enrolPasskey(client, 'alice');
    const environmentId = client.config.environmentId;
    const options = await passkeyRoute(jwt, environmentId);
    const assertion = await startAuthentication({ optionsJSON: options.body as PublicKeyCredentialRequestOptionsJSON });
    const first = await passkeyRoute(jwt, environmentId, { ...assertion, requestedScopes: SCOPES });
    expect(first.status).to.equal(200);
    const replay = await passkeyRoute(jwt, environmentId, { ...assertion, requestedScopes: SCOPES });
    expect(replay.status).to.equal(422);
    expect(replay.body.code).to.equal('challenge_expired');
  });

  it('a challenge answered twice is refused the second time', async () => {
    await enrolPasskey(client, 'alice');
    const environmentId = client.config.environmentId;
    const options = (await passkeyRoute(jwt, environmentId)).body as PublicKeyCredentialRequestOptionsJSON;
    const first = await startAuthentication({ optionsJSON: options });
    const second = await startAuthentication({ optionsJSON: options }); // a fresh signature over the same challenge
    expect((await passkeyRoute(jwt, environmentId, { ...first, requestedScopes: SCOPES })).status).to.equal(200);
    const reused = await passkeyRoute(jwt, environmentId, { ...second, requestedScopes: SCOPES });
    expect(reused.status).to.equal(422);
    expect(reused.body.code).to.equal('challenge_expired');
  });
});
