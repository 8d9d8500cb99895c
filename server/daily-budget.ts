// Daily budgets per user: how many codes a channel may send, and how many wrong codes a
// channel may take, in 24 hours. Lockouts slow guessing down; these cap it, so the odds of
// guessing a code stay small however long an attacker keeps trying (SECURITY.md states them).
import { ApiError, secondsUntil } from './errors.js';
import type { Channel, Store } from './store.js';

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

const keyOf = (userId: string, budget: Budget): string => `${userId}:${budget}`;

function todaysCount(store: Store, key: string, nowMs: number): number {
  const entry = store.dailyCounts.get(key);
  if (!entry) return 0;
  if (entry.windowStartMs + DAY_MS <= nowMs) {
    store.dailyCounts.delete(key);
    return 0;
  }
  return entry.count;
}

/** Throws 429 `rate_limited` (Retry-After: when the day's window ends) once `limit` is reached. */
export function assertWithinBudget(store: Store, userId: string, budget: Budget, limit: number, nowMs: number): void {
  const key = keyOf(userId, budget);
  if (todaysCount(store, key, nowMs) < limit) return;
  const until = (store.dailyCounts.get(key)?.windowStartMs ?? nowMs) + DAY_MS;
  const message = budget.startsWith('sent:')
    ? 'You have asked for too many codes today. Try again tomorrow, or use another way to confirm your identity.'
    : 'Too many wrong codes today. Try again tomorrow, or use another way to confirm your identity.';
  throw new ApiError(429, 'rate_limited', message, secondsUntil(until, nowMs));
}

export function spendBudget(store: Store, userId: string, budget: Budget, nowMs: number): void {
  const key = keyOf(userId, budget);
  const count = todaysCount(store, key, nowMs);
  const windowStartMs = count === 0 ? nowMs : (store.dailyCounts.get(key)?.windowStartMs ?? nowMs);
  store.dailyCounts.set(key, { count: count + 1, windowStartMs });
}
