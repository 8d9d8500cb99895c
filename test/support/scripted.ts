// Base URLs of the test runner's scripted endpoint (test/support/scripted-backend.mjs).

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

function base64url(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** An apiBaseUrl whose every request gets `answer`. */
export function scriptedApi(answer: ScriptedAnswer): string {
  return `/test-fixtures/respond/${base64url(JSON.stringify(answer))}`;
}

/** An apiBaseUrl answering each path suffix ('stepUp/check') with its own answer. */
export function scriptedRoutes(routes: Record<string, ScriptedAnswer>): string {
  return `/test-fixtures/respond/${base64url(JSON.stringify({ routes }))}`;
}

/** A JSON answer for scriptedRoutes. */
export const jsonAnswer = (body: unknown, status = 200): ScriptedAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** A JSON answer. */
export function scriptedJson(body: unknown, status = 200, delayMs = 0): string {
  return scriptedApi({ status, body: JSON.stringify(body), delayMs, headers: { 'content-type': 'application/json' } });
}

/** An apiBaseUrl that echoes each request back as JSON `{ method, url, headers }`. */
export const ECHO_API = '/test-fixtures/echo';

export interface EchoedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Every request that reached the echo at `path` (a path under ECHO_API), oldest first. */
export async function arrivedAt(path: string): Promise<EchoedRequest[]> {
  if (!path.startsWith(`${ECHO_API}/`)) throw new Error(`${path} is not under ${ECHO_API}`);
  const response = await fetch(`/test-fixtures/arrived/${path.slice(ECHO_API.length + 1)}`);
  return (await response.json()) as EchoedRequest[];
}

/**
 * A JWT-shaped token with the given claims and a (meaningless) signature segment. The
 * client never verifies signatures, so this exercises exactly what the client reads.
 */
export function craftToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', typ: 'JWT' }): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
