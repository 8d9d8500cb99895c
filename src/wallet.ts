// External wallet step-up: the user signs an EIP-4361 (Sign-In with Ethereum) message that
// carries the backend's single-use nonce, with the wallet linked to their account.
import { getAddress, stringToHex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { JwtVerifiedCredentialFormatEnum } from './enums.js';
import { StepUpError, throwIfCancelled } from './errors.js';
import { apiRequest } from './http.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import { rpcErrorCode, USER_REJECTED } from './wallets/eip1193.js';
import { listWallets, type AvailableWallet } from './wallets/wallet-registry.js';
import type { ScopeValue, VerifyResponse } from './wire.js';

const STATEMENT = 'Confirm it is you to continue.';

/** '0x1234…abcd': enough to recognise an address, short enough for a sentence. */
export function shortenAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

async function accountsOf(wallet: AvailableWallet, method: 'eth_accounts' | 'eth_requestAccounts'): Promise<string[]> {
  const accounts = await wallet.provider.request({ method });
  return Array.isArray(accounts) ? accounts.filter((a): a is string => typeof a === 'string') : [];
}

/** The wallet asked for, else the first one already connected, else the first one. */
async function chooseWallet(wallets: AvailableWallet[], walletId?: string): Promise<AvailableWallet> {
  if (walletId) {
    const wallet = wallets.find((w) => w.id === walletId);
    if (!wallet) throw new StepUpError('wallet_missing', { message: 'That wallet is not available in this browser.' });
    return wallet;
  }
  for (const wallet of wallets) {
    const connected = await accountsOf(wallet, 'eth_accounts').catch(() => []);
    if (connected.length > 0) return wallet;
  }
  return wallets[0]!;
}

function walletError(error: unknown, rejected: StepUpError): StepUpError {
  if (error instanceof StepUpError) return error;
  if (rpcErrorCode(error) === USER_REJECTED) return rejected;
  return new StepUpError('request_failed', { message: 'The wallet could not complete the request. Try again.', cause: error });
}

/** Verifies the user by a signature from their linked external wallet (never an embedded one). */
export async function verifyWallet(
  params: {
    walletId?: string;
    /** The linked address; default: the wallet credential of the last `checkStepUpAuth`. */
    expectedAddress?: string;
    requestedScopes: ScopeValue[];
    signal?: AbortSignal;
  },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  const wallets = listWallets();
  if (wallets.length === 0) throw new StepUpError('wallet_missing');
  const expected =
    params.expectedAddress ??
    client.lastCredentials.find((c) => c.format === JwtVerifiedCredentialFormatEnum.Blockchain)?.alias;

  let wallet: AvailableWallet;
  let address: string;
  let chainId: number;
  try {
    wallet = await chooseWallet(wallets, params.walletId);
    const accounts = await accountsOf(wallet, 'eth_requestAccounts');
    const match = expected ? accounts.find((a) => a.toLowerCase() === expected.toLowerCase()) : accounts[0];
    if (!match) {
      throw new StepUpError('wallet_address_mismatch', {
        message: expected
          ? `Connect the wallet ${shortenAddress(expected)} that is linked to this account.`
          : 'The wallet did not share an address.',
      });
    }
    address = getAddress(match);
    chainId = Number.parseInt(String(await wallet.provider.request({ method: 'eth_chainId' })), 16) || 1;
  } catch (error) {
    throw walletError(error, new StepUpError('wallet_connection_rejected'));
  }

  throwIfCancelled(params.signal);
  const nonceBody = await apiRequest(client, { method: 'GET', path: 'nonce', signal: params.signal });
  const nonce = (nonceBody as { nonce?: unknown } | null)?.nonce;
  if (typeof nonce !== 'string' || !/^[a-zA-Z0-9]{8,}$/.test(nonce)) {
    throw new StepUpError('server_error', { message: 'The server sent a sign-in nonce that could not be used.' });
  }
  const message = createSiweMessage({
    address: address as `0x${string}`,
    chainId,
    domain: location.host,
    uri: location.origin,
    nonce,
    version: '1',
    statement: STATEMENT,
    issuedAt: new Date(client.now()),
  });

  let signature: unknown;
  try {
    signature = await wallet.provider.request({ method: 'personal_sign', params: [stringToHex(message), address] });
  } catch (error) {
    throw walletError(error, new StepUpError('wallet_signature_rejected'));
  }
  if (typeof signature !== 'string') throw new StepUpError('wallet_signature_rejected');
  throwIfCancelled(params.signal);

  const body = await apiRequest(client, {
    method: 'POST',
    path: 'wallets/verify',
    body: {
      messageToSign: message,
      signedMessage: signature,
      publicWalletAddress: address,
      chain: 'EVM',
      walletName: wallet.name,
      walletProvider: 'browserExtension',
      requestedScopes: scopes,
    },
    signal: params.signal,
  });
  return acceptVerifyResponse(client, body, scopes);
}
