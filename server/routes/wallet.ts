// GET nonce and POST wallets/verify: an EIP-4361 (SIWE) message with a single-use nonce,
// bound to this site, signed by the wallet linked to the account.
import type { Hono } from 'hono';
import { isAddress, verifyMessage } from 'viem';
import { generateSiweNonce, parseSiweMessage } from 'viem/siwe';
import { z } from 'zod';
import { issueChallenge, takeChallenge } from '../challenges.js';
import { ApiError } from '../errors.js';
import { offeredCredentials, requireOffered } from '../method-policy.js';
import { parseUrl } from '../loopback-origin.js';
import { parseRequestedScopes, readJsonBody, requestedScopesField } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import { assertWalletsOffered, expectedSiweSite } from '../siwe-site.js';
import type { User, WalletCredential } from '../users.js';
import { verifyResponse } from '../verify-response.js';

export const SIWE_NONCE_LIFETIME_MS = 10 * 60 * 1000;
/** How far `issuedAt` may be from the server clock either way: wallets' clocks drift. */
export const SIWE_ISSUED_AT_TOLERANCE_MS = 5 * 60 * 1000;

const WalletVerifyBody = z.object({
  messageToSign: z.string().max(4096),
  signedMessage: z.string().max(4096),
  publicWalletAddress: z.string().max(100),
  chain: z.string().max(50),
  walletName: z.string().max(200),
  walletProvider: z.string().max(50),
  requestedScopes: requestedScopesField,
});

const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message);
const expired = (message: string) => new ApiError(422, 'challenge_expired', message);

/** `0x1234…abcd`: enough for a person to recognise which wallet is meant. */
export const shortAddress = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

const isValidDate = (date: Date | undefined): date is Date => date !== undefined && !Number.isNaN(date.getTime());

function offeredWallets(ctx: ServerContext, user: User): WalletCredential[] {
  return offeredCredentials(ctx, user).flatMap((o) => (o.credential?.kind === 'wallet' ? [o.credential] : []));
}

export function registerWalletRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.get('/nonce', async (c) => {
    assertWalletsOffered(ctx);
    requireOffered(ctx, c.get('user'), 'wallet');
    const nonce = generateSiweNonce();
    const nowMs = ctx.now();
    await issueChallenge(ctx, nonce, { userId: c.get('user').id, purpose: 'siwe', expiresAt: nowMs + SIWE_NONCE_LIFETIME_MS }, nowMs);
    return c.json({ nonce });
  });

  router.post('/wallets/verify', async (c) => {
    assertWalletsOffered(ctx);
    const site = expectedSiweSite(ctx, c);
    const body = await readJsonBody(c, WalletVerifyBody);
    if (body.chain !== 'EVM') throw invalidRequest('Only Ethereum (EVM) wallets can confirm your identity here.');
    // An embedded wallet is unlocked by the very session being stepped up: it proves nothing more.
    if (body.walletProvider !== 'browserExtension') {
      throw invalidRequest('Only a browser-extension wallet can confirm your identity; an embedded wallet cannot.');
    }
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');
    requireOffered(ctx, user, 'wallet');
    const wallets = offeredWallets(ctx, user);

    const message = parseSiweMessage(body.messageToSign);
    const { address, domain, uri, nonce, version, issuedAt, expirationTime, notBefore } = message;
    if (
      !address || !isAddress(address, { strict: false }) || !domain || !uri || !nonce || version !== '1' || !isValidDate(issuedAt) ||
      (expirationTime !== undefined && !isValidDate(expirationTime)) || (notBefore !== undefined && !isValidDate(notBefore))
    ) {
      throw invalidRequest('The message to sign is not a valid sign-in message (EIP-4361).');
    }

    // Spent now, whatever the outcome: a signed message is answered once.
    const nowMs = ctx.now();
    if (!(await takeChallenge(ctx, nonce, user.id, 'siwe'))) {
      throw expired('This sign-in message is no longer valid. Sign a new one.');
    }

    const uriOrigin = parseUrl(uri)?.origin;
    if (!site.domains.includes(domain.toLowerCase()) || uriOrigin === undefined || !site.origins.includes(uriOrigin)) {
      throw new ApiError(422, 'invalid_request', 'This message was signed for another site. Sign in again from this site.');
    }
    if (Math.abs(issuedAt.getTime() - nowMs) > SIWE_ISSUED_AT_TOLERANCE_MS || (expirationTime && expirationTime.getTime() <= nowMs)) {
      throw expired('This sign-in message has expired. Sign a new one.');
    }
    if (notBefore && notBefore.getTime() > nowMs) throw expired('This sign-in message is not valid yet. Sign a new one.');
    if (address.toLowerCase() !== body.publicWalletAddress.toLowerCase()) {
      throw invalidRequest('The signed message names a different wallet address than the request.');
    }

    let valid = false;
    try {
      valid = await verifyMessage({ address, message: body.messageToSign, signature: body.signedMessage as `0x${string}` });
    } catch {
      valid = false;
    }
    if (!valid) throw new ApiError(422, 'invalid_signature', 'The signature does not match the message. Sign it again.');

    if (!wallets.some((w) => w.address.toLowerCase() === address.toLowerCase())) {
      const linked = wallets.map((w) => shortAddress(w.address)).join(' or ');
      throw new ApiError(403, 'wallet_address_mismatch', `This wallet is not the one linked to your account. Use the wallet ${linked}.`);
    }
    return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, 'wallet'));
  });
}
