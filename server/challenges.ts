// Single-use, expiring values handed to one user: passkey challenges and SIWE nonces, in the
// shared store, so a value issued by one instance is answered on another. Several may be
// outstanding (two tabs, a retried prompt), but never without bound.
import { ApiError, secondsUntil } from './errors.js';
import type { ServerContext } from './server-context.js';

/** What a single-use challenge or nonce is for; one purpose can never spend another's value. */
export type ChallengePurpose = 'passkey-registration' | 'passkey-authentication' | 'siwe';

/** At most this many values of one purpose are issued to a user within one value's lifetime. */
export const MAX_OUTSTANDING_PER_USER = 20;

export async function issueChallenge(
  ctx: ServerContext,
  value: string,
  { userId, purpose, expiresAt }: { userId: string; purpose: ChallengePurpose; expiresAt: number },
  nowMs: number,
): Promise<void> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const issued = await shared.increment(keys.challengeCount(purpose, userId), expiresAt);
  if (issued > MAX_OUTSTANDING_PER_USER) {
    throw new ApiError(429, 'rate_limited', 'Too many requests in a short time. Wait a little, then try again.', secondsUntil(expiresAt, nowMs));
  }
  await shared.put(keys.challenge(purpose, value), userId, expiresAt);
}

/**
 * Spends `value` if it is outstanding for this user and purpose: of two concurrent requests
 * presenting it, one gets it. Another user's value stays where it is: presenting it must not
 * let anyone spend it.
 */
export async function takeChallenge(ctx: ServerContext, value: string, userId: string, purpose: ChallengePurpose): Promise<boolean> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const key = keys.challenge(purpose, value);
  if ((await shared.get(key)) !== userId) return false;
  return (await shared.take(key)) === userId;
}
