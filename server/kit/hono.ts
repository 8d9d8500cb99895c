// requireElevation for Hono: a middleware that lets the request through only with an elevated
// token for `scope`, and puts its claims in `c.var.elevation`. `getUserId` gets the context.
import type { Context, MiddlewareHandler } from 'hono';
import { refusalResponse, type RequireElevationOptions } from './refusal.js';
import { verifyElevation, type ElevationClaims } from './verify-elevation.js';

export interface ElevationEnv {
  Variables: { elevation: ElevationClaims };
}

export function requireElevation(scope: string, options: RequireElevationOptions<Context>): MiddlewareHandler<ElevationEnv> {
  return async (c, next) => {
    const result = await verifyElevation(c.req.raw, { ...options, scope, getUserId: () => options.getUserId(c) });
    if (!result.ok) return refusalResponse(result.refusal, options);
    c.set('elevation', result.claims);
    await next();
  };
}
