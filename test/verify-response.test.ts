// A verify answer whose token cannot be trusted stores nothing and says so.
import { expect } from '@open-wc/testing';
import { authenticateTotpMfaDevice, createStepUpClient, hasElevatedAccessToken, requestExternalAuthElevatedToken } from '../src/index.js';
import { craftToken, nowSeconds, scriptedJson } from './support/scripted.js';

function clientAnswering(body: unknown) {
  return createStepUpClient({ apiBaseUrl: scriptedJson(body), environmentId: 'env', getAuthToken: () => 'session-jwt' });
}

const verifyAnswer = (elevatedAccessToken: unknown) => ({ user: { id: 'bob' }, expiresAt: nowSeconds() + 3600, elevatedAccessToken });

describe('verify answers with an unusable token', () => {
  const cases: Array<[string, unknown]> = [
    ['no token', undefined],
    ['a null token', null],
    ['a malformed token', 'abc.def'],
    ['an unsigned token (alg none)', craftToken({ scope: 'wallet:export', exp: nowSeconds() + 300 }, { alg: 'none' })],
    ['a token without scope', craftToken({ exp: nowSeconds() + 300 })],
    ['a token without exp', craftToken({ scope: 'wallet:export' })],
    ['an expired token', craftToken({ scope: 'wallet:export', exp: nowSeconds() - 1 })],
    ['a token for another scope', craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 })],
  ];
  for (const [label, token] of cases) {
    it(`${label}: stores nothing and reports invalid_token`, async () => {
      const client = clientAnswering(verifyAnswer(token));
      const error = await authenticateTotpMfaDevice({ code: '123456', requestedScopes: ['wallet:export'] }, client).catch((e) => e);
      expect(error.code).to.equal('invalid_token');
      expect(error.message).to.match(/^[A-Z].*\.$/);
      expect(hasElevatedAccessToken('wallet:export', client)).to.equal(false);
      expect(client.listElevatedTokens()).to.deep.equal([]);
    });
  }

  it('a token that carries the requested scope among others is stored', async () => {
    const client = clientAnswering(verifyAnswer(craftToken({ scope: 'wallet:export wallet:sign', exp: nowSeconds() + 300 })));
    await authenticateTotpMfaDevice({ code: '123456', requestedScopes: ['wallet:export'] }, client);
    expect(hasElevatedAccessToken('wallet:sign', client)).to.equal(true);
  });

  it('external auth: an unusable token stores nothing', async () => {
    const client = clientAnswering({ elevatedAccessToken: craftToken({ scope: 'wallet:export' }) });
    const error = await requestExternalAuthElevatedToken({ externalJwt: 'a.b.c' }, client).catch((e) => e);
    expect(error.code).to.equal('invalid_token');
    expect(client.listElevatedTokens()).to.deep.equal([]);
  });
});
