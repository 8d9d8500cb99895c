// Consecutive-failure lockout shared by TOTP and recovery codes: both guard the same account,
// so alternating between them must not double an attacker's guesses.
import { ApiError, secondsUntil } from './errors.js';
import type { Store } from './store.js';

export const MFA_MAX_FAILURES = 5;
export const MFA_LOCKOUT_MS = 5 * 60 * 1000;

function rateLimited(lockedUntil: number, nowMs: number): ApiError {
  return new ApiError(429, 'rate_limited', 'Too many wrong codes. Wait a few minutes, then try again.', secondsUntil(lockedUntil, nowMs));
}

export function assertMfaNotLocked(store: Store, userId: string, nowMs: number): void {
  const lockedUntil = store.mfaFailures.get(userId)?.lockedUntil;
  if (lockedUntil === undefined) return;
  if (lockedUntil > nowMs) throw rateLimited(lockedUntil, nowMs);
  store.mfaFailures.delete(userId);
}

/**
 * Counts a failure and returns how many attempts remain; the failure that reaches the limit
 * starts the lockout and answers 429 at once.
 */
export function recordMfaFailure(store: Store, userId: string, nowMs: number): number {
  const count = (store.mfaFailures.get(userId)?.count ?? 0) + 1;
  if (count >= MFA_MAX_FAILURES) {
    const lockedUntil = nowMs + MFA_LOCKOUT_MS;
    store.mfaFailures.set(userId, { count, lockedUntil });
    throw rateLimited(lockedUntil, nowMs);
  }
  store.mfaFailures.set(userId, { count });
  return MFA_MAX_FAILURES - count;
}

export function clearMfaFailures(store: Store, userId: string): void {
  store.mfaFailures.delete(userId);
}

export function attemptsLeftSentence(remaining: number): string {
  return remaining === 1 ? 'You have 1 attempt left.' : `You have ${remaining} attempts left.`;
}
