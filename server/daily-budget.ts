// Daily budgets per user: how many codes a channel may send, and how many wrong codes a
// channel may take, in 24 hours. Lockouts slow guessing down; these cap it, so the odds of
// guessing a code stay small however long an attacker keeps trying (SECURITY.md states them).
import { ApiError, secondsUntil } from './errors.js';
import type { ServerContext } from './server-context.js';
import type { Channel } from './users.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyLimits {
  /** Codes one user may be sent per channel (email, SMS) per day. */
  codesSentPerDay: number;
  /** Wrong codes one user may enter per channel (email, SMS, and TOTP with recovery codes together) per day. */
  failedAttemptsPerDay: number;
}

export const DEFAULT_DAILY_LIMITS: DailyLimits = { codesSentPerDay: 10, failedAttemptsPerDay: 20 };

/** TOTP and recovery codes guard the same account: they share one budget, as they share one lockout. */
export type GuessChannel = Channel | 'mfa';

export type Budget = `sent:${Channel}` | `failed:${GuessChannel}`;

/**
 * Throws 429 `rate_limited` (Retry-After: when the day's window ends) once `limit` is reached.
 * Read before the attempt, counted after it (spendBudget): a burst may overshoot by the
 * attempts in flight, which the per-code and lockout limits keep to a handful.
 */
export async function assertWithinBudget(ctx: ServerContext, userId: string, budget: Budget, limit: number, nowMs: number): Promise<void> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const count = Number((await shared.get(keys.dailyCount(userId, budget))) ?? 0);
  if (count < limit) return;
  const until = Number(await shared.get(keys.dailyWindowEnd(userId, budget))) || nowMs + DAY_MS;
  const message = budget.startsWith('sent:')
    ? 'You have asked for too many codes today. Try again tomorrow, or use another way to confirm your identity.'
    : 'Too many wrong codes today. Try again tomorrow, or use another way to confirm your identity.';
  throw new ApiError(429, 'rate_limited', message, secondsUntil(until, nowMs));
}

/** Counts one more against today's budget; the day's window starts with its first count. */
export async function spendBudget(ctx: ServerContext, userId: string, budget: Budget, nowMs: number): Promise<void> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const end = nowMs + DAY_MS;
  const count = await shared.increment(keys.dailyCount(userId, budget), end);
  // Kept beside the count, for Retry-After (the count's own expiry is not readable through the store).
  if (count === 1) await shared.put(keys.dailyWindowEnd(userId, budget), String(end), end);
}
