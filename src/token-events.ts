// Events the client dispatches about its elevated tokens. They carry scopes and expiry,
// never the token itself, so observers (UIs, analytics) cannot leak it.

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

export interface StepUpClientEventMap {
  tokenstored: StepUpTokenEvent;
  tokenconsumed: StepUpTokenEvent;
  tokenexpired: StepUpTokenEvent;
}
