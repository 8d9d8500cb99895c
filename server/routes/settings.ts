// What Dynamic's SDK fetches before anyone is signed in (no session): GET settings, the
// environment's ProjectSettings (project-settings.ts), and GET nonces, its nonce pool.
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { ApiError } from '../errors.js';
import { projectSettings } from '../project-settings.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

/** Dynamic's limit per request. */
export const MAX_NONCES_PER_REQUEST = 5;

/** 128 bits as 32 hex characters: also a valid EIP-4361 nonce (alphanumeric, 8 or more). */
const newNonce = (): string => randomBytes(16).toString('hex');

export function registerSettingsRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  // `sdkVersion` (sent by the SDK) changes nothing: every version gets the same settings.
  router.get('/settings', (c) => c.json(projectSettings(ctx)));

  // The SDK spends these nonces to sign device-bound requests (only under a UUID-shaped
  // environment id, which this server's default is not) and in wallet sign-in messages (not
  // served here): nothing here consumes them. So they are fresh random values kept nowhere,
  // and an unauthenticated caller cannot make the server store anything. Wallet step-up takes
  // its single-use nonce from `GET nonce`, bound to the signed-in user.
  router.get('/nonces', (c) => {
    const raw = c.req.query('count');
    const count = raw === undefined ? 1 : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
    if (!(count >= 1 && count <= MAX_NONCES_PER_REQUEST)) {
      throw new ApiError(400, 'invalid_request', `The request field "count" must be a whole number from 1 to ${MAX_NONCES_PER_REQUEST}.`);
    }
    return c.json({ nonces: Array.from({ length: count }, newNonce) });
  });
}
