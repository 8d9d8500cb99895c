// Identity assertions of the trusted external issuer (the customer's own backend), as two
// routes take them: `externalAuth/verify` trades one for an elevated token, `externalAuth/signin`
// for a session. One check for both: signed by the trusted keys (asymmetric algorithms only),
// issuer and audience as configured, unexpired, short-lived, with a `jti` — and spent once,
// across both routes, so one assertion never both signs in and elevates.
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { ApiError } from './errors.js';
import type { ExternalAuthVerifier, ServerContext } from './server-context.js';

export const EXTERNAL_JWT_MAX_LIFETIME_SECONDS = 10 * 60;

// Asymmetric only: the server holds no secret an issuer could share, and never 'none'.
const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** The assertion field of both routes' bodies. */
export const externalJwtField = z.string().max(16_384);

export const invalidExternalJwt = (): ApiError =>
  new ApiError(401, 'external_jwt_invalid', 'The identity assertion could not be verified.');

/** A verified assertion: its claims, with the ones every assertion must carry. */
export type ExternalAssertion = JWTPayload & { exp: number; jti: string };

/**
 * The claims of `jwt` once it is verified against the trusted issuer. Refuses with 401
 * `external_jwt_expired` or `external_jwt_invalid`. Does not spend it: see spendExternalAssertion.
 */
export async function verifyExternalAssertion(ctx: ServerContext, trusted: ExternalAuthVerifier, jwt: string): Promise<ExternalAssertion> {
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
    throw invalidExternalJwt();
  }

  const nowSeconds = Math.floor(ctx.now() / 1000);
  const { exp, iat, jti } = payload;
  if (typeof exp !== 'number' || typeof jti !== 'string' || jti === '') throw invalidExternalJwt();
  // A long-lived assertion is a bearer credential lying around; refuse it whatever its iat says.
  const lifetime = Math.max(exp - nowSeconds, typeof iat === 'number' ? exp - iat : 0);
  if (lifetime > EXTERNAL_JWT_MAX_LIFETIME_SECONDS) throw invalidExternalJwt();
  return { ...payload, exp, jti };
}

/**
 * Spends the assertion: of two requests presenting it (to either route, on any instance), one
 * gets through; the other is refused with 409 `external_jwt_replayed`. A store that cannot
 * answer refuses with 503 (fail-closed.ts): the assertion is not accepted.
 */
export async function spendExternalAssertion(ctx: ServerContext, assertion: ExternalAssertion): Promise<void> {
  if (!(await ctx.sharedStore.setOnce(`external:${assertion.jti}`, assertion.exp * 1000))) {
    throw new ApiError(409, 'external_jwt_replayed', 'This identity assertion was already used. Request a new one.');
  }
}
