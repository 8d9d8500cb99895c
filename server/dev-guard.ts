// The dev surface hands out sessions and secrets, so it answers only this machine: a loopback
// `Host` (a DNS-rebinding page reaches us under its own host name), a loopback `Origin` when
// there is one (another site's page), and JSON for anything that changes state (a cross-site
// form or `text/plain` beacon cannot send it without a CORS preflight, which we never grant).
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { isLoopbackHostname, isLoopbackUrl, parseUrl } from './loopback-origin.js';
import { isJsonContentType } from './request-body.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const refused = () =>
  new ApiError(403, 'forbidden', 'The development routes answer only pages and tools on this machine (localhost).');

/** The host the client asked for: the `Host` header, or the URL's when there is none (fetch-level calls). */
function requestedHostname(hostHeader: string | undefined, url: string): string | undefined {
  // A Host is host[:port] and nothing else: 'evil.example@localhost' must not parse as localhost.
  if (hostHeader !== undefined && /[@/\\?#\s]/.test(hostHeader)) return undefined;
  return parseUrl(hostHeader === undefined ? url : `http://${hostHeader}`)?.hostname;
}

/** `formPaths`: routes of pages that post their own HTML form (the dev OAuth consent page). */
export function loopbackOnly({ formPaths = [] }: { formPaths?: string[] } = {}): MiddlewareHandler {
  return async (c, next) => {
    const hostname = requestedHostname(c.req.header('host'), c.req.url);
    if (hostname === undefined || !isLoopbackHostname(hostname)) throw refused();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const url = parseUrl(origin);
      if (!url || !isLoopbackUrl(url)) throw refused();
    }
    if (!SAFE_METHODS.has(c.req.method) && !formPaths.includes(c.req.path) && !isJsonContentType(c.req.header('content-type'))) {
      throw new ApiError(400, 'invalid_request', 'Send development requests as JSON (Content-Type: application/json).');
    }
    await next();
  };
}
