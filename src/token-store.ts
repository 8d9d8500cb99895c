// The elevated-token rules of the design (§3): one token per normalized scope set, refusal
// of tokens without scope/exp or already expired, expired tokens dropped on every read,
// single-use tokens handed out exactly once.
import { StepUpError } from './errors.js';
import { readElevatedToken, type ElevatedTokenInfo } from './jwt-payload.js';
import { StepUpTokenEvent, type TokenEventType } from './client-events.js';
import type { TokenPersistence } from './token-persistence.js';

/**
 * A token is treated as expired this many seconds before its `exp`, so that a request
 * sent at the last moment does not reach a server whose clock is slightly ahead.
 */
export const CLOCK_SKEW_MARGIN_SECONDS = 5;

interface HeldToken extends ElevatedTokenInfo {
  token: string;
  key: string;
}

/** What a holder of the store may see about a token: never the token itself. */
export type HeldTokenSummary = Readonly<ElevatedTokenInfo>;

export class ElevatedTokenStore {
  readonly #persistence: TokenPersistence;
  readonly #now: () => number;
  readonly #events: EventTarget;

  constructor(options: { persistence: TokenPersistence; now: () => number; events: EventTarget }) {
    this.#persistence = options.persistence;
    this.#now = options.now;
    this.#events = options.events;
  }

  /**
   * Stores a token, replacing the one held for the same scope set. Throws `invalid_token`
   * (and stores nothing) when the token is malformed, lacks scope or exp, has expired, or
   * does not carry every scope in `expectedScopes`.
   */
  add(token: unknown, expectedScopes: readonly string[] = []): HeldTokenSummary {
    const info = readElevatedToken(token);
    if (!info || this.#isExpired(info) || !expectedScopes.every((s) => info.scopes.includes(s))) {
      throw new StepUpError('invalid_token');
    }
    const held: HeldToken = { ...info, token: token as string, key: info.scopes.join(' ') };
    const others = this.#read().filter((t) => t.key !== held.key);
    this.#write([...others, held]);
    this.#emit('tokenstored', held);
    return { scopes: held.scopes, exp: held.exp, singleUse: held.singleUse };
  }

  /** True when a valid token carrying `scope` is held. Consumes nothing. */
  has(scope: string): boolean {
    return this.#find(scope) !== undefined;
  }

  /**
   * A valid token carrying `scope`; with `consume`, a single-use token is removed in the
   * same synchronous step, so it is handed out exactly once however many callers race.
   */
  take(scope: string, consume: boolean): string | undefined {
    const found = this.#find(scope);
    if (!found) return undefined;
    if (consume && found.singleUse) {
      this.#write(this.#read().filter((t) => t.key !== found.key));
      this.#emit('tokenconsumed', found);
    }
    return found.token;
  }

  /** Drops `token` if it is held: the server refused it, so it must not be offered again. */
  forget(token: string): void {
    const kept = this.#read().filter((t) => t.token !== token);
    if (kept.length !== this.#read().length) this.#write(kept);
  }

  /** Scopes and expiry of every valid token held (for UIs; no token strings). */
  list(): HeldTokenSummary[] {
    return this.#read().map(({ scopes, exp, singleUse }) => ({ scopes, exp, singleUse }));
  }

  /** Forgets every token (sign-out). */
  clear(): void {
    this.#persistence.save([]);
  }

  #find(scope: string): HeldToken | undefined {
    // Prefer the narrowest token, then the one expiring first: broader tokens stay unexposed.
    return this.#read()
      .filter((t) => t.scopes.includes(scope))
      .sort((a, b) => a.scopes.length - b.scopes.length || a.exp - b.exp)[0];
  }

  #isExpired(info: ElevatedTokenInfo): boolean {
    return info.exp - CLOCK_SKEW_MARGIN_SECONDS <= this.#now() / 1000;
  }

  /** Loads the held tokens, re-validating each and dropping (and announcing) expired ones. */
  #read(): HeldToken[] {
    const stored = this.#persistence.load();
    const valid: HeldToken[] = [];
    let changed = false;
    for (const token of stored) {
      const info = readElevatedToken(token);
      if (!info) {
        changed = true; // tampered or corrupt storage entry
        continue;
      }
      if (this.#isExpired(info)) {
        changed = true;
        this.#emit('tokenexpired', info);
        continue;
      }
      valid.push({ ...info, token, key: info.scopes.join(' ') });
    }
    if (changed) this.#write(valid);
    return valid;
  }

  #write(tokens: HeldToken[]): void {
    this.#persistence.save(tokens.map((t) => t.token));
  }

  #emit(type: TokenEventType, info: ElevatedTokenInfo): void {
    this.#events.dispatchEvent(new StepUpTokenEvent(type, info));
  }
}
