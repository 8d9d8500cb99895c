// External wallet: an EIP-4361 message with the backend's nonce, signed by the demo wallet
// (a real secp256k1 key through EIP-1193) and verified by the reference backend.
import { expect } from '@open-wc/testing';
import { generatePrivateKey } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { stringToHex } from 'viem';
import { checkStepUpAuth, elevatedFetch, ERROR_MESSAGES, hasElevatedAccessToken, listWallets, registerWalletProvider, verifyWallet, type StepUpClient } from '../src/index.js';
import { announceDemoWallet, createDemoWallet } from '../src/dev/index.js';
import { API_BASE, resetBackend, secretsOf, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

const SCOPES = ['wallet:sign'];

describe('external wallet step-up', () => {
  let client: StepUpClient;
  let jwt: string;
  let bobKey: `0x${string}`;
  let bobAddress: string;
  const cleanups: Array<() => void> = [];

  beforeEach(async () => {
    await resetBackend();
    ({ client, jwt } = await signedInClient('bob'));
    const secrets = await secretsOf('bob');
    bobKey = secrets.walletPrivateKey as `0x${string}`;
    bobAddress = secrets.walletAddress!;
  });
  afterEach(() => cleanups.splice(0).forEach((stop) => stop()));

  function useDemoWallet(options: Partial<Parameters<typeof createDemoWallet>[0]> = {}) {
    const wallet = createDemoWallet({ privateKey: bobKey, ...options });
    cleanups.push(announceDemoWallet(wallet));
    return wallet;
  }

  it('the demo wallet is discovered through EIP-6963 and signs in; the protected call succeeds', async () => {
    useDemoWallet();
    expect(listWallets().map((w) => w.name)).to.include('Demo Wallet');
    const check = await checkStepUpAuth({ scope: 'wallet:sign' }, client);
    expect(check.credentials.find((c) => c.format === 'blockchain')?.alias?.toLowerCase()).to.equal(bobAddress.toLowerCase());

    await verifyWallet({ requestedScopes: SCOPES }, client);
    const response = await elevatedFetch(`${API_BASE}/protected/wallet/sign`, { method: 'POST', scope: 'wallet:sign' }, client);
    expect(response.status).to.equal(200);
  });

  it('signs the message a person can read: this site, its nonce, an issued-at time', async () => {
    const seen: string[] = [];
    useDemoWallet({ approve: ({ message }) => (message && seen.push(message), true) });
    await checkStepUpAuth({ scope: 'wallet:sign' }, client);
    await verifyWallet({ requestedScopes: SCOPES }, client);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.match(new RegExp(`^${location.host} wants you to sign in with your Ethereum account:\\n${bobAddress}`, 'i'));
    expect(seen[0]).to.contain(`URI: ${location.origin}`);
    expect(seen[0]).to.match(/Nonce: [a-zA-Z0-9]{8,}/);
    expect(seen[0]).to.match(/Issued At: \d{4}-\d\d-\d\dT/);
  });

  it('a signature refused in the wallet is "rejected" and stores nothing', async () => {
    useDemoWallet({ approve: ({ method }) => method !== 'personal_sign' });
    await checkStepUpAuth({ scope: 'wallet:sign' }, client);
    const error = await rejection(verifyWallet({ requestedScopes: SCOPES }, client));
    expect(error).to.include({ code: 'wallet_signature_rejected', message: ERROR_MESSAGES.wallet_signature_rejected });
    expect(hasElevatedAccessToken('wallet:sign', client)).to.equal(false);
  });

  it('a declined connection is told apart from a declined signature', async () => {
    useDemoWallet({ approve: () => false });
    const error = await rejection(verifyWallet({ requestedScopes: SCOPES, expectedAddress: bobAddress }, client));
    expect(error).to.include({ code: 'wallet_connection_rejected', message: ERROR_MESSAGES.wallet_connection_rejected });
  });

  it('another wallet than the linked one is refused with the expected address, shortened', async () => {
    const stranger = createDemoWallet({ privateKey: generatePrivateKey() });
    cleanups.push(registerWalletProvider({ id: 'stranger', name: 'Stranger', provider: stranger }));
    await checkStepUpAuth({ scope: 'wallet:sign' }, client);
    const error = await rejection(verifyWallet({ walletId: 'stranger', requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('wallet_address_mismatch');
    expect(error.message).to.contain(`${bobAddress.slice(0, 6)}…${bobAddress.slice(-4)}`);
  });

  it('the server refuses another wallet even when the client does not know the linked address', async () => {
    const stranger = createDemoWallet({ privateKey: generatePrivateKey() });
    cleanups.push(registerWalletProvider({ id: 'stranger', name: 'Stranger', provider: stranger }));
    const error = await rejection(verifyWallet({ walletId: 'stranger', requestedScopes: SCOPES }, client)); // no check first
    expect(error.code).to.equal('wallet_address_mismatch');
    expect(hasElevatedAccessToken('wallet:sign', client)).to.equal(false);
  });

  it('a nonce is good for one signature only', async () => {
    const wallet = useDemoWallet();
    const sdk = `${API_BASE}/sdk/${client.config.environmentId}`;
    const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
    const { nonce } = await (await fetch(`${sdk}/nonce`, { headers })).json();
    const message = createSiweMessage({
      address: wallet.address as `0x${string}`,
      chainId: 1,
      domain: location.host,
      uri: location.origin,
      nonce,
      version: '1',
      issuedAt: new Date(),
    });
    await wallet.request({ method: 'eth_requestAccounts' });
    const signature = await wallet.request({ method: 'personal_sign', params: [stringToHex(message), wallet.address] });
    const body = JSON.stringify({
      messageToSign: message,
      signedMessage: signature,
      publicWalletAddress: wallet.address,
      chain: 'EVM',
      walletName: 'Demo Wallet',
      walletProvider: 'browserExtension',
      requestedScopes: SCOPES,
    });
    expect((await fetch(`${sdk}/wallets/verify`, { method: 'POST', headers, body })).status).to.equal(200);
    const replay = await fetch(`${sdk}/wallets/verify`, { method: 'POST', headers, body });
    expect(replay.status).to.equal(422);
    expect((await replay.json()).code).to.equal('challenge_expired');
  });

  it('with no wallet in the browser the user is told so, before any request', async () => {
    expect(listWallets()).to.deep.equal([]);
    expect((await rejection(verifyWallet({ requestedScopes: SCOPES }, client))).code).to.equal('wallet_missing');
  });
});
