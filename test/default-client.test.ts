import { expect } from '@open-wc/testing';
import { checkStepUpAuth, createStepUpClient, getDefaultClient, initializeStepUp, StepUpError } from '../src/index.js';
import { TokenScope, JwtVerifiedCredentialFormatEnum, ProviderEnum } from '../src/index.js';

describe('client configuration', () => {
  it('initializeStepUp sets the client every function uses when none is passed', async () => {
    const client = initializeStepUp({ apiBaseUrl: '/api/v0', environmentId: 'env', getAuthToken: () => null });
    expect(getDefaultClient()).to.equal(client);
    expect(await checkStepUpAuth({ scope: TokenScope.Walletexport })).to.deep.equal({ isRequired: true, credentials: [] });
  });

  it('resolves a relative apiBaseUrl against the page and keeps a full URL as given', () => {
    expect(createStepUpClient({ apiBaseUrl: '/api/v0/', environmentId: 'e', getAuthToken: () => null }).sdkUrl('stepUp/check').href).to.equal(
      `${location.origin}/api/v0/sdk/e/stepUp/check`,
    );
    expect(createStepUpClient({ apiBaseUrl: 'https://api.example.com/v0', environmentId: 'e 1', getAuthToken: () => null }).sdkUrl('nonce').href).to.equal(
      'https://api.example.com/v0/sdk/e%201/nonce',
    );
  });

  it('exposes the wire values of the enums', () => {
    expect(TokenScope.Walletexport).to.equal('wallet:export');
    expect(TokenScope.Credentialunlink).to.equal('credential:unlink');
    expect(Object.values(TokenScope)).to.have.length(34);
    expect(JwtVerifiedCredentialFormatEnum.PhoneNumber).to.equal('phoneNumber');
    expect(ProviderEnum.Google).to.equal('google');
  });

  it('errors are StepUpErrors with a stable code and a readable sentence', () => {
    const error = new StepUpError('rate_limited', { retryAfter: 12 });
    expect(error).to.be.instanceOf(Error);
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(12);
    expect(error.message).to.match(/^[A-Z].*\.$/);
  });
});
