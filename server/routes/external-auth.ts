// POST externalAuth/verify: trade an assertion JWT from the customer's own backend for an
// elevated token. The assertion must be signed by the trusted issuer, name the signed-in user,
// be short-lived, and be presented once (external-assertion.ts, shared with externalAuth/signin).
import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, invalidScope, notFound } from '../errors.js';
import { externalJwtField, spendExternalAssertion, verifyExternalAssertion } from '../external-assertion.js';
import { readJsonBody } from '../request-body.js';
import { isKnownScope, type Scope } from '../scope-policy.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

export { EXTERNAL_JWT_MAX_LIFETIME_SECONDS } from '../external-assertion.js';

const ExternalAuthBody = z.object({ jwt: externalJwtField });

function scopesOf(scope: unknown): Scope[] {
  const scopes = typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0 || !scopes.every(isKnownScope)) throw invalidScope();
  return scopes;
}

export function registerExternalAuthRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/externalAuth/verify', async (c) => {
    const trusted = ctx.externalAuth;
    if (!trusted) throw notFound();
    const { jwt } = await readJsonBody(c, ExternalAuthBody);
    const assertion = await verifyExternalAssertion(ctx, trusted, jwt);

    const user = c.get('user');
    if (assertion.sub !== user.id) {
      throw new ApiError(403, 'forbidden', 'The identity assertion was issued for another user.');
    }
    const scopes = scopesOf(assertion.scope);

    await spendExternalAssertion(ctx, assertion);
    return c.json({ elevatedAccessToken: await ctx.elevatedTokens.mint(user.id, scopes, 'external') });
  });
}
