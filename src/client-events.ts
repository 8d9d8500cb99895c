// Events a client dispatches. Token events carry scopes and expiry, never the token
// itself, so observers (UIs, analytics) cannot leak it.
import type { StepUpError } from './errors.js';

export type TokenEventType = 'tokenstored' | 'tokenconsumed' | 'tokenexpired';

export class StepUpTokenEvent extends Event {
  /** Normalized scopes of the token. */
  readonly scopes: readonly string[];
  /** Expiry, seconds since the epoch. */
  readonly expiresAt: number;
  readonly singleUse: boolean;

  constructor(type: TokenEventType, info: { scopes: readonly string[]; exp: number; singleUse: boolean }) {
    super(type);
    this.scopes = info.scopes;
    this.expiresAt = info.exp;
    this.singleUse = info.singleUse;
  }
}

/**
 * A check answered "required" because it failed (network, server, malformed answer, not
 * signed in) rather than because the server said so: lets a UI offer "try again" instead of
 * "no method available".
 */
export class StepUpCheckFailedEvent extends Event {
  constructor(
    readonly scope: string,
    readonly error: StepUpError,
  ) {
    super('checkfailed');
  }
}

export interface StepUpClientEventMap {
  tokenstored: StepUpTokenEvent;
  tokenconsumed: StepUpTokenEvent;
  tokenexpired: StepUpTokenEvent;
  checkfailed: StepUpCheckFailedEvent;
}
