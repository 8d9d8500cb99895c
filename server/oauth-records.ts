// Pending social re-logins (by state) and the development provider's authorization codes.
// Lapsed entries are dropped whenever a new one is added, so memory follows live attempts.
import { MAX_PENDING_STATES_PER_USER } from './social-providers.js';
import type { OAuthCodeRecord, OAuthStateRecord } from './store.js';

/** Adds a pending re-login; false when the state is already taken (states must be fresh). */
export function rememberState(
  states: Map<string, OAuthStateRecord>,
  state: string,
  record: OAuthStateRecord,
  nowMs: number,
): boolean {
  const own: string[] = [];
  for (const [key, r] of states) {
    if (r.expiresAt <= nowMs) states.delete(key);
    else if (r.userId === record.userId) own.push(key);
  }
  if (states.has(state)) return false;
  // The oldest attempts of this user give way: a user has only so many tabs open.
  for (const key of own.slice(0, Math.max(0, own.length - MAX_PENDING_STATES_PER_USER + 1))) states.delete(key);
  states.set(state, record);
  return true;
}

export function rememberCode(codes: Map<string, OAuthCodeRecord>, code: string, record: OAuthCodeRecord, nowMs: number): void {
  for (const [key, r] of codes) if (r.expiresAt <= nowMs) codes.delete(key);
  codes.set(code, record);
}
