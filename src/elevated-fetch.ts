// The "proceed" step: a request to the app's protected API carrying the elevated token.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { StepUpError } from './errors.js';
import type { ScopeValue } from './wire.js';

export const ELEVATED_TOKEN_HEADER = 'x-dyn-elevated-access-token';

export type ElevatedFetchInit = RequestInit & { scope: ScopeValue };

/**
 * `fetch` with the elevated token for `init.scope` attached. `path` is resolved against the
 * API base (a path starting with '/' against its origin). The token is only ever sent to the
 * API origin: another origin is refused before anything is sent, and redirects are not
 * followed (a redirect would carry the header elsewhere). Throws `step_up_required` when no
 * valid token for the scope is held; a single-use token is spent by this call.
 */
export async function elevatedFetch(
  path: string | URL,
  init: ElevatedFetchInit,
  client: StepUpClient = getDefaultClient(),
): Promise<Response> {
  const { scope, ...requestInit } = init;
  const url = new URL(path, client.apiBase);
  if (url.origin !== client.origin) {
    throw new StepUpError('forbidden', { message: 'Elevated requests can only be sent to the step-up API origin.' });
  }
  const authToken = await client.config.getAuthToken();
  const token = client.tokens.take(scope, true);
  if (!token) throw new StepUpError('step_up_required');

  const headers = new Headers(requestInit.headers);
  headers.set(ELEVATED_TOKEN_HEADER, token);
  if (authToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${authToken}`);
  try {
    return await client.fetch(url, { ...requestInit, headers, redirect: 'error' });
  } catch (cause) {
    if (requestInit.signal?.aborted) throw new StepUpError('cancelled', { cause });
    throw new StepUpError('network_error', { cause });
  }
}
