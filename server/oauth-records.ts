// Pending social re-logins (by state) and the development provider's authorization codes.
// Lapsed entries are dropped whenever a new one is added, so memory follows live attempts.
import { MAX_PENDING_STATES_PER_USER } from './social-providers.js';
import type { OAuthCodeRecord, OAuthStateRecord } from './store.js';

export type RememberStateResult = { ok: true } | { ok: false; reason: 'state_taken' } | { ok: false; reason: 'too_many'; retryAtMs: number };

/**
 * Adds a re-login attempt. A state is taken until it would have expired, also after its
 * attempt finished (a state is used once). A user has at most MAX_PENDING_STATES_PER_USER
 * attempts in one state lifetime: nothing is evicted early, so no used state comes free.
 */
export function rememberState(
  states: Map<string, OAuthStateRecord>,
  state: string,
  record: OAuthStateRecord,
  nowMs: number,
): RememberStateResult {
  let ownExpiries: number[] = [];
  for (const [key, r] of states) {
    if (r.expiresAt <= nowMs) states.delete(key);
    else if (r.userId === record.userId) ownExpiries.push(r.expiresAt);
  }
  if (states.has(state)) return { ok: false, reason: 'state_taken' };
  if (ownExpiries.length >= MAX_PENDING_STATES_PER_USER) {
    ownExpiries = ownExpiries.sort((a, b) => a - b);
    return { ok: false, reason: 'too_many', retryAtMs: ownExpiries[0] ?? nowMs };
  }
  states.set(state, record);
  return { ok: true };
}

export function rememberCode(codes: Map<string, OAuthCodeRecord>, code: string, record: OAuthCodeRecord, nowMs: number): void {
  for (const [key, r] of codes) if (r.expiresAt <= nowMs) codes.delete(key);
  codes.set(code, record);
}
