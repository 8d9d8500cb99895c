// The answer of every successful step-up verification (wire `VerifyResponse`). Dynamic's SDK
// replaces its signed-in state with each answer: its session token with `minifiedJwt` (without
// one it would drop its Bearer), its user with `user` (whose `verifiedCredentials` its parser
// requires). So the answer hands back the session the request came with, unchanged: a step-up
// proves the user again, it does not extend or replace the session.
import type { VerifyResponse } from '@step-up-kit/protocol';
import type { ProofMethod } from './elevated-tokens.js';
import type { Scope } from './scope-policy.js';
import { sdkUser } from './sdk-user.js';
import type { ServerContext } from './server-context.js';
import type { Session } from './session.js';
import type { User } from './users.js';

export async function verifyResponse(
  ctx: ServerContext,
  session: Session,
  user: User,
  scopes: readonly Scope[],
  method: ProofMethod,
): Promise<VerifyResponse> {
  return {
    user: sdkUser(ctx, user),
    minifiedJwt: session.token,
    expiresAt: session.expiresAt,
    elevatedAccessToken: await ctx.elevatedTokens.mint(user.id, scopes, method),
  };
}
