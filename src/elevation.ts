// What a finished step-up reports (the `elevated` event's detail, requestStepUp's answer).
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import type { StepUpMethod } from './methods.js';

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
  /** Whether the token approves one call only (its `singleUse` claim), when known. */
  singleUse: boolean | undefined;
  /** True when a valid token was already held and nothing was asked of the user. */
  alreadyElevated: boolean;
}

/** The elevation for `scope` as the client holds it now, with its token's expiry and use (never the token). */
export function elevationOf(
  { scope, method, credentialId, alreadyElevated }: Omit<StepUpElevation, 'expiresAt' | 'singleUse'>,
  client: StepUpClient = getDefaultClient(),
): StepUpElevation {
  const held = client.listElevatedTokens().find((t) => t.scopes.includes(scope));
  return { scope, method, credentialId, expiresAt: held?.exp, singleUse: held?.singleUse, alreadyElevated };
}
