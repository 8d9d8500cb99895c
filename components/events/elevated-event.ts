import type { StepUpClient } from '../../src/client.js';
import type { StepUpMethod } from '../internal/methods.js';

/** What a successful step-up reports. */
export interface StepUpElevation {
  /** The scope the elevated token was issued for. */
  scope: string;
  /** How the user verified; undefined when they were already elevated. */
  method: StepUpMethod | undefined;
  /** The credential presented, when known. */
  credentialId: string | undefined;
  /** Expiry of the elevated token, seconds since the epoch, when known. */
  expiresAt: number | undefined;
  /** True when a valid token was already held and nothing was asked of the user. */
  alreadyElevated: boolean;
}

/** The elevation for `scope` as `client` holds it now (with its token's expiry). */
export function elevationOf(
  client: StepUpClient,
  scope: string,
  method: StepUpMethod | undefined,
  credentialId: string | undefined,
  alreadyElevated: boolean,
): StepUpElevation {
  const expiresAt = client.listElevatedTokens().find((t) => t.scopes.includes(scope))?.exp;
  return { scope, method, credentialId, expiresAt, alreadyElevated };
}

/** `elevated`: the user proved themselves; the token for `detail.scope` is stored. Bubbles, composed. */
export class StepUpElevatedEvent extends Event {
  static readonly eventName = 'elevated';
  readonly detail: StepUpElevation;

  constructor(detail: StepUpElevation) {
    super(StepUpElevatedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    [StepUpElevatedEvent.eventName]: StepUpElevatedEvent;
  }
}
