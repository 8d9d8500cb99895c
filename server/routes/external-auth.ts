// POST externalAuth/verify: trade an assertion JWT from the customer's own backend for an
// elevated token. The assertion must be signed by the trusted issuer, name the signed-in user,
// be short-lived, and be presented once.
import type { Hono } from 'hono';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { ApiError, invalidScope, notFound } from '../errors.js';
import { readJsonBody } from '../request-body.js';
import { isKnownScope, type Scope } from '../scope-policy.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

export const EXTERNAL_JWT_MAX_LIFETIME_SECONDS = 10 * 60;

// Asymmetric only: the server holds no secret an issuer could share, and never 'none'.
const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

const ExternalAuthBody = z.object({ jwt: z.string().max(16_384) });

const invalidJwt = () => new ApiError(401, 'external_jwt_invalid', 'The identity assertion could not be verified.');

function scopesOf(payload: JWTPayload): Scope[] {
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0 || !scopes.every(isKnownScope)) throw invalidScope();
  return scopes;
}

export function registerExternalAuthRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/externalAuth/verify', async (c) => {
    const trusted = ctx.externalAuth;
    if (!trusted) throw notFound();
    const { jwt } = await readJsonBody(c, ExternalAuthBody);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, trusted.keySet, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: trusted.issuer,
        audience: trusted.audience,
        currentDate: new Date(ctx.now()),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new ApiError(401, 'external_jwt_expired', 'The identity assertion has expired. Request a new one.');
      }
      throw invalidJwt();
    }

    const nowSeconds = Math.floor(ctx.now() / 1000);
    const { exp, iat, jti, sub } = payload;
    if (typeof exp !== 'number' || typeof jti !== 'string' || jti === '') throw invalidJwt();
    // A long-lived assertion is a bearer credential lying around; refuse it whatever its iat says.
    const lifetime = Math.max(exp - nowSeconds, typeof iat === 'number' ? exp - iat : 0);
    if (lifetime > EXTERNAL_JWT_MAX_LIFETIME_SECONDS) throw invalidJwt();

    const user = c.get('user');
    if (sub !== user.id) {
      throw new ApiError(403, 'forbidden', 'The identity assertion was issued for another user.');
    }
    const scopes = scopesOf(payload);

    // A store that cannot answer refuses with 503 (fail-closed.ts): the assertion is not accepted.
    if (!(await ctx.sharedStore.setOnce(`external:${jti}`, exp * 1000))) {
      throw new ApiError(409, 'external_jwt_replayed', 'This identity assertion was already used. Request a new one.');
    }
    return c.json({ elevatedAccessToken: await ctx.elevatedTokens.mint(user.id, scopes, 'external') });
  });
}
