// External auth: the app's backend asserts the user with a signed JWT; the step-up API
// exchanges it for an elevated token, once.
import { expect } from '@open-wc/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { elevatedFetch, hasElevatedAccessToken, requestExternalAuthElevatedToken, type StepUpClient } from '../src/index.js';
import { API_BASE, externalJwt, resetBackend, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

describe('external auth', () => {
  let client: StepUpClient;
  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('bob'));
  });

  it('exchanges a valid assertion for a token the protected endpoint accepts', async () => {
    const { jwt } = await externalJwt({ userId: 'bob', scope: 'credential:link' });
    const { elevatedAccessToken } = await requestExternalAuthElevatedToken({ externalJwt: jwt }, client);
    expect(elevatedAccessToken.split('.')).to.have.length(3);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(true);
    const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope: 'credential:link' }, client);
    expect(response.status).to.equal(200);
  });

  it('refuses an assertion presented twice (same jti)', async () => {
    const { jwt } = await externalJwt({ userId: 'bob', scope: 'credential:link', jti: 'once-only' });
    await requestExternalAuthElevatedToken({ externalJwt: jwt }, client);
    client.clearElevatedTokens();
    expect((await rejection(requestExternalAuthElevatedToken({ externalJwt: jwt }, client))).code).to.equal('external_jwt_replayed');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('refuses an expired assertion', async () => {
    const { jwt } = await externalJwt({ userId: 'bob', scope: 'credential:link', expiresInSeconds: -10 });
    expect((await rejection(requestExternalAuthElevatedToken({ externalJwt: jwt }, client))).code).to.equal('external_jwt_expired');
  });

  it('refuses an assertion about another user', async () => {
    const { jwt } = await externalJwt({ userId: 'alice', scope: 'credential:link' });
    expect((await rejection(requestExternalAuthElevatedToken({ externalJwt: jwt }, client))).code).to.equal('forbidden');
  });

  it('refuses an assertion signed with a key the server does not trust', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ scope: 'credential:link' })
      .setProtectedHeader({ alg: 'ES256', kid: (await exportJWK(publicKey)).x })
      .setSubject('bob')
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(privateKey);
    expect((await rejection(requestExternalAuthElevatedToken({ externalJwt: forged }, client))).code).to.equal('external_jwt_invalid');
    expect((await rejection(requestExternalAuthElevatedToken({ externalJwt: 'not-a-jwt' }, client))).code).to.equal('external_jwt_invalid');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });
});
