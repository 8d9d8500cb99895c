// POST users/mfa/auth/recovery: single-use recovery codes, compared by keyed hash.
import type { Hono } from 'hono';
import { z } from 'zod';
import { requireOffered } from '../method-policy.js';
import { beginMfaAttempt, wrongCode } from '../mfa-lockout.js';
import { parseRequestedScopes, readJsonBody, requestedScopesField } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import { verifyResponse } from '../verify-response.js';

const RecoveryBody = z.object({ code: z.string().max(100), requestedScopes: requestedScopesField });

export function registerRecoveryRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/users/mfa/auth/recovery', async (c) => {
    const body = await readJsonBody(c, RecoveryBody);
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');
    requireOffered(ctx, user, 'recovery');

    const nowMs = ctx.now();
    const attempt = await beginMfaAttempt(ctx, user.id, nowMs);

    const hash = ctx.hashRecoveryCode(body.code);
    // Spent by the directory in one step: of two concurrent requests with one code, one wins.
    if (!(await ctx.users.spendRecoveryCode(user.id, hash, nowMs))) {
      const remaining = await attempt.failed();
      if (user.recoveryCodes.some((r) => r.hash === hash)) {
        throw wrongCode('code_already_used', 'This recovery code was already used. Use another one.', remaining);
      }
      throw wrongCode('mfa_invalid_code', 'That recovery code is not correct.', remaining);
    }
    await attempt.succeeded();
    return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, 'recovery'));
  });
}
