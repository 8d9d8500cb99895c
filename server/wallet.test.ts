import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage, type SiweMessage } from 'viem/siwe';
import { createApp } from './create-reference-server.js';
import { createServerContext, type ReferenceServerOptions } from './server-context.js';
import { createMemoryUserDirectory } from './user-directory.js';
import { assertError, call, claimsOf, createTestServer, devSecrets, sdk, signIn, TEST_SIGNING_KEY } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

const ORIGIN = 'http://localhost:5173';
const SCOPES = ['wallet:sign'];

/** Bob, signed in, with his wallet key and a page on `origin` (null: no Origin header). */
async function harness(options: ReferenceServerOptions = {}, origin: string | null = ORIGIN) {
  const t = createTestServer(options);
  const jwt = await signIn(t.server, 'bob');
  const { walletPrivateKey } = await devSecrets(t.server, 'bob');
  const bob = privateKeyToAccount(walletPrivateKey);
  const headers: Record<string, string> = origin ? { origin } : {};
  const nonce = async (): Promise<string> => {
    const res = await call(t.server, 'GET', sdk(t.server, 'nonce'), { jwt });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.nonce;
  };
  const message = async (fields: Partial<SiweMessage> = {}, signer: PrivateKeyAccount = bob) =>
    createSiweMessage({
      address: signer.address,
      chainId: 1,
      domain: 'localhost:5173',
      uri: `${ORIGIN}/settings`,
      version: '1',
      statement: 'Confirm it is you.',
      issuedAt: new Date(t.clock.ms),
      nonce: fields.nonce ?? (await nonce()),
      ...fields,
    });
  const body = async (messageToSign: string, signer: PrivateKeyAccount = bob, extra: Record<string, unknown> = {}) => ({
    messageToSign,
    signedMessage: await signer.signMessage({ message: messageToSign }),
    publicWalletAddress: signer.address,
    chain: 'EVM',
    walletName: 'Demo Wallet',
    walletProvider: 'browserExtension',
    requestedScopes: SCOPES,
    ...extra,
  });
  const verify = (payload: unknown) => call(t.server, 'POST', sdk(t.server, 'wallets/verify'), { jwt, headers, body: payload });
  return { t, jwt, bob, nonce, message, body, verify };
}

describe('wallet step-up (SIWE)', () => {
  it('verifies a message signed by the linked wallet and answers a VerifyResponse', async () => {
    const h = await harness();
    const res = await h.verify(await h.body(await h.message()));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertVerifyResponse(res.body, { userId: 'bob', email: 'bob@example.com', sessionJwt: h.jwt, elevated: true });
    assert.equal(claimsOf(res.body.elevatedAccessToken).payload.scope, 'wallet:sign');
    assert.deepEqual(claimsOf(res.body.elevatedAccessToken).payload.amr, ['swk'], 'a software-held key');
  });

  it('hands out fresh alphanumeric nonces', async () => {
    const h = await harness();
    const [a, b] = [await h.nonce(), await h.nonce()];
    assert.match(a, /^[A-Za-z0-9]{8,}$/);
    assert.notEqual(a, b);
  });

  it('accepts a nonce once', async () => {
    const h = await harness();
    const payload = await h.body(await h.message());
    assert.equal((await h.verify(payload)).status, 200);
    assertError(await h.verify(payload), 422, 'challenge_expired');
  });

  it('refuses an unknown nonce, another user\'s nonce and an expired one', async () => {
    const h = await harness();
    assertError(await h.verify(await h.body(await h.message({ nonce: 'neverIssued123' }))), 422, 'challenge_expired');
    const alice = await signIn(h.t.server, 'alice');
    const alicesNonce = (await call(h.t.server, 'GET', sdk(h.t.server, 'nonce'), { jwt: alice })).body.nonce;
    assertError(await h.verify(await h.body(await h.message({ nonce: alicesNonce }))), 422, 'challenge_expired');
    const old = await h.nonce();
    h.t.clock.advance(10 * 60 + 1);
    assertError(await h.verify(await h.body(await h.message({ nonce: old }))), 422, 'challenge_expired');
  });

  it('refuses a message signed for another site, and spends its nonce anyway', async () => {
    const h = await harness();
    const nonce = await h.nonce();
    const foreign = await h.verify(await h.body(await h.message({ nonce, domain: 'evil.example', uri: 'https://evil.example' })));
    assertError(foreign, 422, 'invalid_request');
    assert.match(foreign.body.error, /another site/);
    assertError(await h.verify(await h.body(await h.message({ nonce }))), 422, 'challenge_expired');
    assertError(await h.verify(await h.body(await h.message({ uri: 'https://evil.example/login' }))), 422, 'invalid_request');
    assertError(await h.verify(await h.body(await h.message({ domain: 'localhost:3000' }))), 422, 'invalid_request');
  });

  it('refuses a message issued too long ago or ahead, or past its expiration time', async () => {
    const h = await harness();
    const now = h.t.clock.ms;
    assertError(await h.verify(await h.body(await h.message({ issuedAt: new Date(now - 5 * 60_000 - 1000) }))), 422, 'challenge_expired');
    assertError(await h.verify(await h.body(await h.message({ issuedAt: new Date(now + 5 * 60_000 + 1000) }))), 422, 'challenge_expired');
    assertError(await h.verify(await h.body(await h.message({ expirationTime: new Date(now - 1000) }))), 422, 'challenge_expired');
    assert.equal((await h.verify(await h.body(await h.message({ issuedAt: new Date(now - 4 * 60_000) })))).status, 200);
  });

  it('refuses a message whose address is not the publicWalletAddress of the request', async () => {
    const h = await harness();
    const other = privateKeyToAccount(generatePrivateKey());
    assertError(await h.verify(await h.body(await h.message(), h.bob, { publicWalletAddress: other.address })), 400, 'invalid_request');
  });

  it('refuses a signature that does not match the message', async () => {
    const h = await harness();
    const signedOther = { ...(await h.body(await h.message())), signedMessage: await h.bob.signMessage({ message: 'something else' }) };
    assertError(await h.verify(signedOther), 422, 'invalid_signature');
    assertError(await h.verify({ ...(await h.body(await h.message())), signedMessage: '0x1234' }), 422, 'invalid_signature');
    assertError(await h.verify({ ...(await h.body(await h.message())), signedMessage: 'not hex at all' }), 422, 'invalid_signature');
  });

  it('refuses another wallet with 403 wallet_address_mismatch, naming the linked one shortened', async () => {
    const h = await harness();
    const other = privateKeyToAccount(generatePrivateKey());
    const res = await h.verify(await h.body(await h.message({}, other), other));
    assertError(res, 403, 'wallet_address_mismatch');
    const expected = `${h.bob.address.slice(0, 6)}…${h.bob.address.slice(-4)}`;
    assert.ok(res.body.error.includes(expected), res.body.error);
  });

  it('refuses other chains and embedded wallets', async () => {
    const h = await harness();
    assertError(await h.verify(await h.body(await h.message(), h.bob, { chain: 'SOL' })), 400, 'invalid_request');
    assertError(await h.verify(await h.body(await h.message(), h.bob, { walletProvider: 'embeddedWallet' })), 400, 'invalid_request');
    assertError(await h.verify(await h.body(await h.message(), h.bob, { walletName: 3 })), 400, 'invalid_request');
  });

  it('refuses a message that is not EIP-4361, and a user without a wallet', async () => {
    const h = await harness();
    assertError(await h.verify(await h.body('Please sign this.')), 400, 'invalid_request');
    const noIssuedAt = (await h.message()).replace(/\nIssued At: .*/, '');
    assertError(await h.verify(await h.body(noIssuedAt)), 400, 'invalid_request');
    const alice = await signIn(h.t.server, 'alice');
    const res = await call(h.t.server, 'POST', sdk(h.t.server, 'wallets/verify'), { jwt: alice, headers: { origin: ORIGIN }, body: await h.body(await h.message()) });
    assertError(res, 403, 'method_not_allowed');
  });
});

describe('wallet site binding', () => {
  it('in dev mode, needs a loopback Origin to know the expected domain', async () => {
    for (const origin of [null, 'https://evil.example']) {
      const h = await harness({}, origin);
      assertError(await h.verify(await h.body(await h.message())), 400, 'invalid_request');
    }
    const local = await harness({}, 'http://127.0.0.1:8787');
    const res = await local.verify(await local.body(await local.message({ domain: '127.0.0.1:8787', uri: 'http://127.0.0.1:8787/' })));
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it('uses siweDomains when given', async () => {
    const h = await harness({ siweDomains: ['app.example'] }, null);
    const ok = await h.verify(await h.body(await h.message({ domain: 'app.example', uri: 'https://app.example/account' })));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assertError(await h.verify(await h.body(await h.message())), 422, 'invalid_request');
    assertError(await h.verify(await h.body(await h.message({ domain: 'app.example', uri: 'http://app.example/' }))), 422, 'invalid_request');
    assert.throws(() => createTestServer({ siweDomains: ['https://app.example'] }), TypeError);
  });

  it('does not exist outside dev mode without siweDomains', async () => {
    const ctx = createServerContext({
      devMode: false,
      signingKey: TEST_SIGNING_KEY,
      users: createMemoryUserDirectory([{ id: 'u1', label: 'U', credentials: [], signInCredentialId: 'x', recoveryCodes: [] }]),
    });
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const jwt = await ctx.sessions.issue('u1');
    assertError(await call(server, 'GET', `sdk/${ctx.environmentId}/nonce`, { jwt }), 404, 'not_found');
    assertError(await call(server, 'POST', `sdk/${ctx.environmentId}/wallets/verify`, { jwt, headers: { origin: ORIGIN }, body: {} }), 404, 'not_found');
  });
});
