// Single-use, expiring values handed to one user: passkey challenges and SIWE nonces.
// Several may be outstanding (two tabs, a retried prompt), but never without bound.
import type { ChallengePurpose, OutstandingChallenge } from './store.js';

/** Beyond this many outstanding values of one purpose, a user's oldest one is dropped. */
export const MAX_OUTSTANDING_PER_USER = 20;

const challengeKey = (purpose: ChallengePurpose, value: string): string => `${purpose}:${value}`;

export function issueChallenge(
  map: Map<string, OutstandingChallenge>,
  value: string,
  record: OutstandingChallenge,
  nowMs: number,
): void {
  // Lapsed values go first; of the live ones (insertion order: oldest first) this user keeps
  // the newest MAX - 1, so with the new one there are at most MAX.
  const own: string[] = [];
  for (const [key, c] of map) {
    if (c.expiresAt <= nowMs) map.delete(key);
    else if (c.userId === record.userId && c.purpose === record.purpose) own.push(key);
  }
  for (const key of own.slice(0, Math.max(0, own.length - MAX_OUTSTANDING_PER_USER + 1))) map.delete(key);
  map.set(challengeKey(record.purpose, value), record);
}

/**
 * Spends `value` if it is outstanding for this user and purpose. Synchronous on purpose: a
 * caller consumes before any await, so two concurrent requests cannot both spend it.
 */
export function takeChallenge(
  map: Map<string, OutstandingChallenge>,
  value: string,
  userId: string,
  purpose: ChallengePurpose,
  nowMs: number,
): boolean {
  const key = challengeKey(purpose, value);
  const record = map.get(key);
  // Another user's value stays where it is: presenting it must not let anyone spend it.
  if (!record || record.userId !== userId) return false;
  map.delete(key);
  return record.expiresAt > nowMs;
}
