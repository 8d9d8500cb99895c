// POST stepUp/check: which credentials the user may present for a step-up (the method policy).
import type { Hono } from 'hono';
import { z } from 'zod';
import { invalidScope } from '../errors.js';
import { stepUpCheck } from '../method-policy.js';
import { readJsonBody } from '../request-body.js';
import { isKnownScope } from '../scope-policy.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

const CheckBody = z.object({ scope: z.string().max(200) });

export function registerCheckRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/stepUp/check', async (c) => {
    const { scope } = await readJsonBody(c, CheckBody);
    if (!isKnownScope(scope)) throw invalidScope();
    return c.json(stepUpCheck(ctx, c.get('user')));
  });
}
