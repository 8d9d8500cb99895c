// Failure limits shared by TOTP and recovery codes: both guard the same account, so
// alternating between them must not double an attacker's guesses. Consecutive failures lock
// for a while; the daily budget caps the day's total. The counters live in the shared store,
// so every instance counts the same guesses, and an attempt is counted *before* its code is
// checked: concurrent guesses cannot slip past the limit while the first ones are in flight.
import { assertWithinBudget, spendBudget, DAY_MS } from './daily-budget.js';
import { ApiError, secondsUntil } from './errors.js';
import type { ServerContext } from './server-context.js';
import type { WireErrorCode } from '@step-up-kit/protocol';

export const MFA_MAX_FAILURES = 5;
export const MFA_LOCKOUT_MS = 5 * 60 * 1000;

function rateLimited(lockedUntil: number, nowMs: number): ApiError {
  return new ApiError(429, 'mfa_rate_limited', 'Too many wrong codes. Wait a few minutes, then try again.', secondsUntil(lockedUntil, nowMs), {
    lockedUntil: new Date(lockedUntil).toISOString(),
  });
}

export interface MfaAttempt {
  /** The code was right: the run of failures ends. */
  succeeded(): Promise<void>;
  /** The code was wrong: returns the attempts left, or throws 429 when this failure locks. */
  failed(): Promise<number>;
}

/**
 * Counts one MFA attempt of `userId` now, before its code is checked; refuses with 429 while
 * locked, over the day's budget, or when as many attempts as are allowed are already counted.
 */
export async function beginMfaAttempt(ctx: ServerContext, userId: string, nowMs: number): Promise<MfaAttempt> {
  const store = ctx.sharedStore;
  const keys = ctx.resettableKeys;
  const lockedUntil = Number((await store.get(keys.mfaLock(userId))) ?? 0);
  if (lockedUntil > nowMs) throw rateLimited(lockedUntil, nowMs);
  await assertWithinBudget(ctx, userId, 'failed:mfa', ctx.dailyLimits.failedAttemptsPerDay, nowMs);
  const count = await store.increment(keys.mfaFailures(userId), nowMs + DAY_MS);
  if (count > MFA_MAX_FAILURES) throw rateLimited(nowMs + MFA_LOCKOUT_MS, nowMs);
  return {
    succeeded: () => store.delete(keys.mfaFailures(userId)),
    async failed() {
      await spendBudget(ctx, userId, 'failed:mfa', nowMs);
      if (count < MFA_MAX_FAILURES) return MFA_MAX_FAILURES - count;
      const until = nowMs + MFA_LOCKOUT_MS;
      await store.put(keys.mfaLock(userId), String(until), until);
      // The run's count is kept at the limit until the lock ends, not deleted: an attempt that
      // read "not locked" just before the lock was written still counts past the limit and is
      // refused unchecked. (Deleted, it would start a new run of 5 inside the lockout.)
      await store.put(keys.mfaFailures(userId), String(MFA_MAX_FAILURES), until);
      throw rateLimited(until, nowMs);
    },
  };
}

function attemptsLeftSentence(remaining: number): string {
  return remaining === 1 ? 'You have 1 attempt left.' : `You have ${remaining} attempts left.`;
}

/** A wrong code: the sentence says how many attempts are left, and `payload.attemptsRemaining` carries the number. */
export function wrongCode(code: WireErrorCode, message: string, remaining: number): ApiError {
  return new ApiError(422, code, `${message} ${attemptsLeftSentence(remaining)}`, undefined, { attemptsRemaining: remaining });
}
