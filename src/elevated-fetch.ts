// The "proceed" step: a request to the app's protected API carrying the elevated token.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { StepUpError, throwIfCancelled } from './errors.js';
import { sessionToken } from './http.js';
import { ELEVATED_TOKEN_HEADER, type ScopeValue } from '@step-up-kit/protocol';


export type ElevatedFetchInit = RequestInit & { scope: ScopeValue };

/**
 * `fetch` with the elevated token for `init.scope` attached. `path` is resolved against the
 * API base (a path starting with '/' against its origin). The token is only ever sent to the
 * API origin: another origin is refused before anything is sent, and redirects are not
 * followed (a redirect would carry the header elsewhere). Throws `step_up_required` when no
 * valid token for the scope is held; a single-use token is spent by this call, and only by a
 * request that is actually sent: one that cannot be built (a URL with credentials, a bad
 * header, a stream body without `duplex: 'half'`, on a GET or HEAD, locked or already read) is
 * refused with `invalid_request` and leaves the token held. A token answered with 401 is
 * forgotten: the next check asks the server again.
 */
export async function elevatedFetch(
  path: string | URL,
  init: ElevatedFetchInit,
  client: StepUpClient = getDefaultClient(),
): Promise<Response> {
  const { scope, ...rest } = init;
  let url: URL;
  try {
    url = new URL(path, client.apiBase);
  } catch (cause) {
    throw new StepUpError('invalid_request', { message: 'That address is not valid.', cause });
  }
  if (url.origin !== client.origin) {
    throw new StepUpError('forbidden', { message: 'Elevated requests can only be sent to the step-up API origin.' });
  }
  const authToken = await sessionToken(client);
  let headers: Headers;
  try {
    headers = new Headers(rest.headers);
    if (authToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${authToken}`);
    // Built once before the token is taken: whatever fetch would refuse (credentials in the
    // URL, a bad header name or body) throws here, so a single-use token is only spent on a
    // request that leaves. A stream body goes in as it is: building a Request applies the
    // stream rules (duplex, no body on GET or HEAD, not locked, not already read, which no
    // property shows) without reading or locking the stream; only sending reads it.
    new Request(url, { ...rest, headers, redirect: 'error' });
  } catch (cause) {
    throw new StepUpError('invalid_request', { message: 'This request cannot be sent: its address, headers or content are not valid.', cause });
  }
  throwIfCancelled(rest.signal ?? undefined);

  const token = client.tokens.take(scope, true);
  if (!token) throw new StepUpError('step_up_required');
  headers.set(ELEVATED_TOKEN_HEADER, token);
  let response: Response;
  try {
    response = await client.fetch(url, { ...rest, headers, redirect: 'error' });
  } catch (cause) {
    if (rest.signal?.aborted) throw new StepUpError('cancelled', { cause });
    throw new StepUpError('network_error', { cause });
  }
  // 401: what was sent did not authorise the call (the server kit refuses a token so, whatever
  // the reason). Held on, the token would make the step-up look done (checkStepUpAuth answers
  // from the store) and be sent again until it expires; forgotten, it costs at most a step-up.
  // (Status only: recognising the challenge would bring its parser into every page.)
  if (response.status === 401) client.tokens.forget(token);
  return response;
}
