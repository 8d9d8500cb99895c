// What counts as this machine: dev mode trusts only pages and requests from loopback
// addresses (the relying party of passkeys, the SIWE domain, the dev surface).
import type { Context } from 'hono';
import { ApiError } from './errors.js';

/**
 * `localhost`, 127.0.0.0/8 and `[::1]`, as the WHATWG URL parser spells a hostname (it
 * canonicalises IPv4 forms such as `127.1` and brackets IPv6).
 */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function isLoopbackUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname);
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
