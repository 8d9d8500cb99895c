// Which social providers a re-login can use, and where it may return to. The reference
// backend knows no real provider: in dev mode the built-in development provider plays Google.
import { isLoopbackUrl, parseUrl } from './loopback-origin.js';
import type { ServerContext } from './server-context.js';

export const DEV_OAUTH_CLIENT_ID = 'step-up-kit-dev';
export const DEV_OAUTH_SCOPE = 'openid email';
export const DEV_OAUTH_PROVIDERS: readonly string[] = ['google'];
export const DEV_OAUTH_AUTHORIZE_PATH = '/dev/oauth/authorize';

export const OAUTH_STATE_LIFETIME_MS = 10 * 60 * 1000;
export const OAUTH_CODE_LIFETIME_MS = 60 * 1000;
/** At most this many re-logins of one user may be started within OAUTH_STATE_LIFETIME_MS. */
export const MAX_PENDING_STATES_PER_USER = 20;

export function isServedProvider(ctx: ServerContext, provider: string): boolean {
  return ctx.devMode && DEV_OAUTH_PROVIDERS.includes(provider);
}

/**
 * An absolute http(s) URL without fragment or credentials, on an allowed origin. An open
 * redirect here would send authorization codes to whoever asks.
 */
export function isAllowedRedirect(ctx: ServerContext, redirectUrl: string): boolean {
  const url = parseUrl(redirectUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (redirectUrl.includes('#') || url.username !== '' || url.password !== '') return false;
  if (ctx.allowedRedirectOrigins) return ctx.allowedRedirectOrigins.includes(url.origin);
  return ctx.devMode && isLoopbackUrl(url);
}
