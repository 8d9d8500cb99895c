// requireElevation for Fastify: a preHandler hook that lets the route run only with an
// elevated token for `scope` (its claims in `request.elevation`), and replies with the RFC 9470
// refusal otherwise. `getUserId` gets Fastify's request.
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { challengeHeader, refusalBody, type RequireElevationOptions } from './refusal.js';
import { verifyElevation, type ElevationClaims } from './verify-elevation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireElevation: the claims of the elevated token the request carried. */
    elevation?: ElevationClaims;
  }
}

function tokenRequest(request: FastifyRequest): Request {
  const token = request.headers[ELEVATED_TOKEN_HEADER];
  return new Request('http://fastify.invalid/', { headers: typeof token === 'string' ? { [ELEVATED_TOKEN_HEADER]: token } : {} });
}

export function requireElevation(scope: string, options: RequireElevationOptions<FastifyRequest>): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    const result = await verifyElevation(tokenRequest(request), { ...options, scope, getUserId: () => options.getUserId(request) });
    if (result.ok) {
      request.elevation = result.claims;
      return;
    }
    const unavailable = result.refusal.reason === 'unavailable';
    if (!unavailable) reply.header('www-authenticate', challengeHeader(result.refusal, options));
    await reply.header('cache-control', 'no-store').code(unavailable ? 503 : 401).send(refusalBody(result.refusal));
  };
}
