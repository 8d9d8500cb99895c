// External wallet step-up: the user signs an EIP-4361 (Sign-In with Ethereum) message that
// carries the backend's single-use nonce, with the wallet linked to their account. The SIWE
// builder is imported like any dependency; the elements load it in their on-demand chunk.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { JwtVerifiedCredentialFormatEnum } from '@step-up-kit/protocol';
import { WALLET_ERROR_MESSAGES } from './error-messages.js';
import { methodError, StepUpError, throwIfCancelled, unusableAnswer, type StepUpErrorOptions } from './errors.js';
import { apiRequest } from './http.js';
import { startPrefetch, takeFresh, type Prefetch } from './prefetch.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import { shortenAddress } from './wallets/address.js';
import { rpcErrorCode, USER_REJECTED } from './wallets/eip1193.js';
import { createSignInMessage } from './wallets/siwe.js';
import { listWallets, type AvailableWallet } from './wallets/wallet-registry.js';
import type { ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

const STATEMENT = 'Confirm it is you to continue.';

/**
 * A prefetched nonce is used while younger than this. The reference backend keeps a nonce 10
 * minutes and accepts a message issued within 5 minutes of its clock; half of that leaves the
 * user time in the wallet's signature screen.
 */
export const WALLET_NONCE_MAX_AGE_MS = 5 * 60_000;

/** A sign-in nonce fetched ahead of the user's press, for `verifyWallet({ nonce })`. */
export type WalletNoncePrefetch = Prefetch<string>;

async function fetchNonce(client: StepUpClient, signal?: AbortSignal): Promise<string> {
  const body = await apiRequest(client, { method: 'GET', path: 'nonce', signal, errors: WALLET_ERROR_MESSAGES });
  const nonce = (body as { nonce?: unknown } | null)?.nonce;
  if (typeof nonce !== 'string' || !/^[a-zA-Z0-9]{8,}$/.test(nonce)) {
    throw unusableAnswer();
  }
  return nonce;
}

/**
 * Requests the single-use sign-in nonce now, while the user is still reading, so that signing
 * leaves only the verify request. Pass the result to `verifyWallet({ nonce })`. Never rejects
 * by itself: a failed prefetch just means `verifyWallet` asks again.
 */
export function prefetchWalletNonce(
  params: { signal?: AbortSignal } = {},
  client: StepUpClient = getDefaultClient(),
): WalletNoncePrefetch {
  return startPrefetch(client, fetchNonce(client, params.signal), WALLET_NONCE_MAX_AGE_MS);
}

type WalletErrorCode = keyof typeof WALLET_ERROR_MESSAGES;
const walletError = (code: WalletErrorCode, options?: StepUpErrorOptions) => methodError(WALLET_ERROR_MESSAGES, code, options);

async function accountsOf(wallet: AvailableWallet, method: 'eth_accounts' | 'eth_requestAccounts'): Promise<string[]> {
  const accounts = await wallet.provider.request({ method });
  return Array.isArray(accounts) ? accounts.filter((a): a is string => typeof a === 'string') : [];
}

/** The wallet asked for, else the first one already connected, else the first one. */
async function chooseWallet(wallets: AvailableWallet[], walletId?: string): Promise<AvailableWallet> {
  if (walletId) {
    const wallet = wallets.find((w) => w.id === walletId);
    if (!wallet) throw walletError('wallet_missing', { message: 'That wallet is not available in this browser.' });
    return wallet;
  }
  for (const wallet of wallets) {
    const connected = await accountsOf(wallet, 'eth_accounts').catch(() => []);
    if (connected.length > 0) return wallet;
  }
  return wallets[0]!;
}

/** What the wallet threw, as a StepUpError: the user declining it is `declined`. */
function fromWalletFailure(error: unknown, declined: WalletErrorCode): StepUpError {
  if (error instanceof StepUpError) return error;
  if (rpcErrorCode(error) === USER_REJECTED) return walletError(declined, { cause: error });
  return new StepUpError('request_failed', { message: 'The wallet could not complete the request. Try again.', cause: error });
}

/** UTF-8 bytes of `text` as 0x-hex: what `personal_sign` takes. */
const utf8Hex = (text: string): string =>
  `0x${Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;

/** Verifies the user by a signature from their linked external wallet (never an embedded one). */
export async function verifyWallet(
  params: {
    walletId?: string;
    /** The linked address; default: the wallet credential of the last `checkStepUpAuth`. */
    expectedAddress?: string;
    requestedScopes: ScopeValue[];
    /** A nonce from `prefetchWalletNonce`: used when fresh, so that only the verify request remains. */
    nonce?: WalletNoncePrefetch;
    signal?: AbortSignal;
  },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  const wallets = listWallets();
  if (wallets.length === 0) throw walletError('wallet_missing');
  const expected =
    params.expectedAddress ??
    client.lastCredentials.find((c) => c.format === JwtVerifiedCredentialFormatEnum.Blockchain)?.alias;

  let wallet: AvailableWallet;
  let address: `0x${string}`;
  let chainId: number;
  try {
    wallet = await chooseWallet(wallets, params.walletId);
    const accounts = await accountsOf(wallet, 'eth_requestAccounts');
    const match = expected ? accounts.find((a) => a.toLowerCase() === expected.toLowerCase()) : accounts[0];
    if (!match) {
      throw walletError('wallet_address_mismatch', {
        message: expected
          ? `Connect the wallet ${shortenAddress(expected)} that is linked to this account.`
          : 'The wallet did not share an address.',
      });
    }
    address = match as `0x${string}`;
    chainId = Number.parseInt(String(await wallet.provider.request({ method: 'eth_chainId' })), 16) || 1;
  } catch (error) {
    throw fromWalletFailure(error, 'wallet_connection_rejected');
  }

  /** Sign a message with `nonce` (a fresh one when undefined) and send it. */
  const signAndVerify = async (nonce: string | undefined): Promise<unknown> => {
    throwIfCancelled(params.signal);
    const message = createSignInMessage({
      domain: location.host,
      address,
      statement: STATEMENT,
      uri: `${location.origin}/`, // the site root: a URI with a path, as RFC 3986 validators expect
      chainId,
      nonce: nonce ?? (await fetchNonce(client, params.signal)),
      issuedAt: new Date(client.now()),
    });
    let signature: unknown;
    try {
      signature = await wallet.provider.request({ method: 'personal_sign', params: [utf8Hex(message), address] });
    } catch (error) {
      throw fromWalletFailure(error, 'wallet_signature_rejected');
    }
    if (typeof signature !== 'string') throw walletError('wallet_signature_rejected');
    throwIfCancelled(params.signal);
    return apiRequest(client, {
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
      errors: WALLET_ERROR_MESSAGES,
    });
  };

  const prefetched = await takeFresh(client, params.nonce);
  let body: unknown;
  try {
    body = await signAndVerify(prefetched);
  } catch (error) {
    // A prefetched nonce the server no longer knows (it lapsed, or the server restarted): once more with a new one.
    if (prefetched === undefined || !(error instanceof StepUpError) || error.code !== 'challenge_expired') throw error;
    body = await signAndVerify(undefined);
  }
  return acceptVerifyResponse(client, body, scopes);
}
