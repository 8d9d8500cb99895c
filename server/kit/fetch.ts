// requireElevation for anything Fetch-based (Next.js route handlers, Deno, Bun, workers): wraps
// a handler so it runs only with an elevated token for `scope`, and receives its claims.
//   export const POST = requireElevation('wallet:export', options, async (request, elevation) => …);
import { refusalResponse, type RequireElevationOptions } from './refusal.js';
import { verifyElevation, type ElevationClaims } from './verify-elevation.js';

export type ElevatedHandler = (request: Request, elevation: ElevationClaims) => Response | Promise<Response>;

export function requireElevation(scope: string, options: RequireElevationOptions<Request>, handler: ElevatedHandler): (request: Request) => Promise<Response> {
  return async (request) => {
    const result = await verifyElevation(request, { ...options, scope });
    return result.ok ? handler(request, result.claims) : refusalResponse(result.refusal, options);
  };
}
