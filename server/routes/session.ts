// The signed-in session as Dynamic's SDK manages it: GET users (the user, as the SDK re-reads it
// when its storage lost it) and POST revoke (sign out: the session stops working at once).
import type { Hono } from 'hono';
import { sdkUser } from '../sdk-user.js';
import type { ServerContext } from '../server-context.js';
import { revokeSession } from '../session-revocation.js';
import type { AppEnv } from '../session.js';

export function registerSessionRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.get('/users', (c) => c.json(sdkUser(ctx, c.get('user'))));

  // The SDK says why in `x-dyn-logout-reason`; every reason signs out alike. It reads no
  // answer (Dynamic's is empty); this one is JSON, as every answer of this server is.
  router.post('/revoke', async (c) => {
    await revokeSession(ctx, c.get('session'));
    return c.json({ revoked: true });
  });
}
