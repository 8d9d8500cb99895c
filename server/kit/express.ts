// requireElevation for Express: a middleware that calls `next()` only with an elevated token
// for `scope` (its claims in `res.locals.elevation`), and answers the RFC 9470 refusal otherwise.
// `getUserId` gets Express's `req`, where the app's session middleware put the user.
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { challengeHeader, refusalBody, type RequireElevationOptions } from './refusal.js';
import { verifyElevation } from './verify-elevation.js';

/** The token header as a Fetch request (all the check reads of the request). */
function tokenRequest(req: ExpressRequest): Request {
  const token = req.get(ELEVATED_TOKEN_HEADER);
  return new Request('http://express.invalid/', { headers: token ? { [ELEVATED_TOKEN_HEADER]: token } : {} });
}

export function requireElevation(scope: string, options: RequireElevationOptions<ExpressRequest>): RequestHandler {
  return (req: ExpressRequest, res: ExpressResponse, next) => {
    verifyElevation(tokenRequest(req), { ...options, scope, getUserId: () => options.getUserId(req) }).then((result) => {
      if (result.ok) {
        res.locals.elevation = result.claims;
        next();
        return;
      }
      const unavailable = result.refusal.reason === 'unavailable';
      if (!unavailable) res.set('www-authenticate', challengeHeader(result.refusal, options));
      res.set('cache-control', 'no-store').status(unavailable ? 503 : 401).json(refusalBody(result.refusal));
    }, next);
  };
}
