// Pending social re-logins (by state) and the development provider's authorization codes, in
// the shared store: a re-login started through one instance finishes through another.
import { ApiError, secondsUntil } from './errors.js';
import type { ServerContext } from './server-context.js';
import { MAX_PENDING_STATES_PER_USER } from './social-providers.js';

/** A social re-login started by `providers/{provider}/initAuth`, keyed by its `state`. */
export interface OAuthStateRecord {
  userId: string;
  provider: string;
  redirectUrl: string;
  expiresAt: number;
}

/** An authorization code of the development OAuth provider, keyed by the code. */
export interface OAuthCodeRecord {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  clientId: string;
  provider: string;
  /** The user whose social account consented. */
  userId: string;
  expiresAt: number;
}

export type RememberStateResult = { ok: true } | { ok: false; reason: 'state_taken' };

/**
 * Adds a re-login attempt. A state is taken until it would have expired, also after its
 * attempt finished (a state is used once). A user starts at most MAX_PENDING_STATES_PER_USER
 * attempts in one state lifetime (429 beyond): nothing is evicted early, so no used state comes free.
 */
export async function rememberState(ctx: ServerContext, state: string, record: OAuthStateRecord, nowMs: number): Promise<RememberStateResult> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  if (!(await shared.setOnce(keys.oauthState(state), record.expiresAt, JSON.stringify(record)))) return { ok: false, reason: 'state_taken' };
  if ((await shared.increment(keys.oauthStatesStarted(record.userId), record.expiresAt)) > MAX_PENDING_STATES_PER_USER) {
    // Never used, so it may go: the limit, not the state, refuses this attempt.
    await shared.delete(keys.oauthState(state));
    throw new ApiError(429, 'rate_limited', 'Too many sign-in attempts. Wait a few minutes, then try again.', secondsUntil(record.expiresAt, nowMs));
  }
  return { ok: true };
}

/** A live re-login attempt by its state, and whether a code already finished it. */
export async function pendingState(ctx: ServerContext, state: string): Promise<{ record: OAuthStateRecord; finished: boolean } | undefined> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const raw = await shared.get(keys.oauthState(state));
  if (raw === undefined) return undefined;
  return { record: JSON.parse(raw) as OAuthStateRecord, finished: (await shared.get(keys.oauthStateFinished(state))) !== undefined };
}

/** Finishes the attempt: true for the first code presented for it, false ever after. */
export async function finishState(ctx: ServerContext, state: string, record: OAuthStateRecord): Promise<boolean> {
  return ctx.sharedStore.setOnce(ctx.resettableKeys.oauthStateFinished(state), record.expiresAt);
}

export async function rememberCode(ctx: ServerContext, code: string, record: OAuthCodeRecord): Promise<void> {
  await ctx.sharedStore.put(ctx.resettableKeys.oauthCode(code), JSON.stringify(record), record.expiresAt);
}

/** Spends a code: of two concurrent presentations, one gets its record; it is never answered again. */
export async function takeCode(ctx: ServerContext, code: string): Promise<OAuthCodeRecord | undefined> {
  const raw = await ctx.sharedStore.take(ctx.resettableKeys.oauthCode(code));
  return raw === undefined ? undefined : (JSON.parse(raw) as OAuthCodeRecord);
}
