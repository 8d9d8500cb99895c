// Failure limits shared by TOTP and recovery codes: both guard the same account, so
// alternating between them must not double an attacker's guesses. Consecutive failures lock
// for a while; the daily budget caps the day's total.
import { assertWithinBudget, spendBudget } from './daily-budget.js';
import { ApiError, secondsUntil } from './errors.js';
import type { ServerContext } from './server-context.js';

export const MFA_MAX_FAILURES = 5;
export const MFA_LOCKOUT_MS = 5 * 60 * 1000;

function rateLimited(lockedUntil: number, nowMs: number): ApiError {
  return new ApiError(429, 'mfa_rate_limited', 'Too many wrong codes. Wait a few minutes, then try again.', secondsUntil(lockedUntil, nowMs));
}

export function assertMfaNotLocked(ctx: ServerContext, userId: string, nowMs: number): void {
  const { store } = ctx;
  const lockedUntil = store.mfaFailures.get(userId)?.lockedUntil;
  if (lockedUntil !== undefined) {
    if (lockedUntil > nowMs) throw rateLimited(lockedUntil, nowMs);
    store.mfaFailures.delete(userId);
  }
  assertWithinBudget(store, userId, 'failed:mfa', ctx.dailyLimits.failedAttemptsPerDay, nowMs);
}

/**
 * Counts a failure and returns how many attempts remain; the failure that reaches the limit
 * starts the lockout and answers 429 at once.
 */
export function recordMfaFailure(ctx: ServerContext, userId: string, nowMs: number): number {
  const { store } = ctx;
  spendBudget(store, userId, 'failed:mfa', nowMs);
  const count = (store.mfaFailures.get(userId)?.count ?? 0) + 1;
  if (count >= MFA_MAX_FAILURES) {
    const lockedUntil = nowMs + MFA_LOCKOUT_MS;
    store.mfaFailures.set(userId, { count, lockedUntil });
    throw rateLimited(lockedUntil, nowMs);
  }
  store.mfaFailures.set(userId, { count });
  return MFA_MAX_FAILURES - count;
}

export function clearMfaFailures(ctx: ServerContext, userId: string): void {
  ctx.store.mfaFailures.delete(userId);
}

export function attemptsLeftSentence(remaining: number): string {
  return remaining === 1 ? 'You have 1 attempt left.' : `You have ${remaining} attempts left.`;
}
