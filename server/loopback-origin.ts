// Dev mode without configured sites trusts only pages served from this machine: the relying
// party of passkeys and the expected SIWE domain are then taken from the calling page.
import type { Context } from 'hono';
import { ApiError } from './errors.js';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1']);

export function isLoopbackUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
}

export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const notLoopback = () =>
  new ApiError(400, 'invalid_request', 'In development mode this request must come from a page on localhost or 127.0.0.1.');

/**
 * The origin of the page that made the request, which must be a loopback origin.
 *
 * Browsers omit `Origin` on same-origin GET requests, so `sameOriginFallback` lets a GET
 * that only fetches options use the request's own URL (it is same-origin when `Origin` is
 * absent). Answers that a signature is checked against always need the header.
 */
export function loopbackPageOrigin(c: Context, { sameOriginFallback = false } = {}): URL {
  const header = c.req.header('origin');
  const url = header === undefined ? (sameOriginFallback ? parseUrl(c.req.url) : undefined) : parseUrl(header);
  if (!url || !isLoopbackUrl(url)) throw notLoopback();
  return new URL(url.origin);
}
