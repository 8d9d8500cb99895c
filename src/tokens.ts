// Reading the elevated tokens held by a client.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import type { ScopeValue } from '@step-up-kit/protocol';

/** True when a valid elevated token for `scope` is held. Local and synchronous; consumes nothing. */
export function hasElevatedAccessToken(scope: ScopeValue, client: StepUpClient = getDefaultClient()): boolean {
  return client.tokens.has(scope);
}

/**
 * A valid elevated token for `scope`, or undefined. With `consume` (the default) a
 * single-use token is removed as it is handed out, exactly once.
 */
export function getElevatedAccessToken(
  { scope, consume = true }: { scope: ScopeValue; consume?: boolean },
  client: StepUpClient = getDefaultClient(),
): string | undefined {
  return client.tokens.take(scope, consume);
}
