// Sample protected endpoints (an extension, not part of the wire contract): what a customer
// API does with an elevated token — each action behind the server kit's `requireElevation`
// for its own scope, exactly as an app mounts it on its own API.
import type { Context, Hono } from 'hono';
import { requireElevation } from '../kit/hono.js';
import type { Scope } from '../scope-policy.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

/** Obviously fake, so nobody mistakes the demo answer for a real key. */
export const DEMO_PRIVATE_KEY = '0xDEMO-PRIVATE-KEY-NOT-REAL-0000000000000000000000000000000000000000';

export function registerProtectedRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  const action = (scope: Scope, extra: Record<string, unknown> = {}) => [
    requireElevation(scope, { ...ctx.elevation, getUserId: (c) => (c as Context<AppEnv>).get('user').id }),
    (c: Context<AppEnv>) => c.json({ ok: true, action: scope, userId: c.get('user').id, at: new Date(ctx.now()).toISOString(), ...extra }),
  ] as const;

  router.post('/wallet/export', ...action('wallet:export', { privateKey: DEMO_PRIVATE_KEY }));
  router.post('/wallet/sign', ...action('wallet:sign'));
  router.post('/credentials/link', ...action('credential:link'));
  router.post('/credentials/unlink', ...action('credential:unlink'));
  router.delete(
    '/user',
    ...action('user:delete', { simulated: true, message: 'Nothing was deleted: this demo endpoint only shows that the step-up worked.' }),
  );
}
