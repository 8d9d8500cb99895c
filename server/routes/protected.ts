// Sample protected endpoints (an extension, not part of the wire contract): what a customer
// API does with an elevated token. Each action demands the token of its own scope.
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import type { Context, Hono } from 'hono';
import type { Scope } from '../scope-policy.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';


/** Obviously fake, so nobody mistakes the demo answer for a real key. */
export const DEMO_PRIVATE_KEY = '0xDEMO-PRIVATE-KEY-NOT-REAL-0000000000000000000000000000000000000000';

function guarded(ctx: ServerContext, action: Scope, extra: Record<string, unknown> = {}) {
  return async (c: Context<AppEnv>) => {
    const user = c.get('user');
    await ctx.elevatedTokens.consume(c.req.header(ELEVATED_TOKEN_HEADER), user.id, action);
    return c.json({ ok: true, action, userId: user.id, at: new Date(ctx.now()).toISOString(), ...extra });
  };
}

export function registerProtectedRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/wallet/export', guarded(ctx, 'wallet:export', { privateKey: DEMO_PRIVATE_KEY }));
  router.post('/wallet/sign', guarded(ctx, 'wallet:sign'));
  router.post('/credentials/link', guarded(ctx, 'credential:link'));
  router.post('/credentials/unlink', guarded(ctx, 'credential:unlink'));
  router.delete(
    '/user',
    guarded(ctx, 'user:delete', { simulated: true, message: 'Nothing was deleted: this demo endpoint only shows that the step-up worked.' }),
  );
}
