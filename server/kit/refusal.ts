// A refused elevated call, as RFC 9470 says it: 401 with a `WWW-Authenticate: Bearer
// error="insufficient_user_authentication"` challenge naming the scope (and `max_age` /
// `acr_values` where the app's policy sets them), and the wire's error body — so the client
// can turn the answer into the step-up dialog for exactly that scope.
import type { WireErrorBody } from '@step-up-kit/protocol';
import type { ElevationRefusal, VerifyElevationOptions } from './verify-elevation.js';

/** What the challenge announces, and the check enforces (see VerifyElevationOptions). */
export type ChallengeOptions = Pick<VerifyElevationOptions, 'maxAge' | 'acrValues'>;

/**
 * What every adapter's `requireElevation(scope, options)` takes: the check's options, with
 * `getUserId` given the framework's own request (Hono's context, Express's `req`, Fastify's
 * request, the Fetch `Request`), where the app's session already is.
 */
export type RequireElevationOptions<R = Request> = Omit<VerifyElevationOptions, 'scope' | 'getUserId'> &
  { getUserId(request: R): string | null | undefined | Promise<string | null | undefined> };

const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

export function challengeHeader(refusal: ElevationRefusal, { maxAge, acrValues }: ChallengeOptions = {}): string {
  const params = [
    'error="insufficient_user_authentication"',
    `error_description=${quoted(refusal.description)}`,
    `scope=${quoted(refusal.scope)}`,
    ...(maxAge !== undefined ? [`max_age=${Math.max(0, Math.floor(maxAge))}`] : []),
    ...(acrValues ? [`acr_values=${quoted(acrValues)}`] : []),
  ];
  return `Bearer ${params.join(', ')}`;
}

export function refusalBody(refusal: ElevationRefusal): WireErrorBody {
  return {
    error: refusal.description,
    code: refusal.reason === 'unavailable' ? 'step_up_unavailable' : 'step_up_required',
    payload: { scope: refusal.scope, reason: refusal.reason },
  };
}

/** The refusal as a Fetch `Response`: 401 with the challenge, or 503 when nothing can be checked now. */
export function refusalResponse(refusal: ElevationRefusal, options: ChallengeOptions = {}): Response {
  const unavailable = refusal.reason === 'unavailable';
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  if (!unavailable) headers.set('www-authenticate', challengeHeader(refusal, options));
  return new Response(JSON.stringify(refusalBody(refusal)), { status: unavailable ? 503 : 401, headers });
}
