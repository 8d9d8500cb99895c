// Signing out (`POST revoke`, what Dynamic's SDK sends on logout): a session JWT is stateless,
// so a revoked one is remembered in the shared store until it would have expired anyway, and
// every route that takes a session refuses it from then on — on every instance.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { notSignedIn } from './errors.js';
import type { ServerContext } from './server-context.js';
import type { AppEnv, Session } from './session.js';

/** Keyed by a hash: the store never holds a usable session token. */
const revokedKey = (token: string) => `revoked-session:${createHash('sha256').update(token).digest('base64url')}`;

export async function revokeSession(ctx: ServerContext, session: Session): Promise<void> {
  await ctx.sharedStore.setOnce(revokedKey(session.token), session.expiresAt * 1000);
}

/** After requireSession: refuses a revoked session with 401 `not_signed_in`, as an expired one. */
export function refuseRevokedSessions(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if ((await ctx.sharedStore.get(revokedKey(c.get('session').token))) !== undefined) throw notSignedIn();
    await next();
  };
}
