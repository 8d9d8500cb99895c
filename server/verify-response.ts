// The answer of every successful step-up verification (wire `VerifyResponse`).
import type { VerifyResponse } from '@step-up-kit/protocol';
import type { ProofMethod } from './elevated-tokens.js';
import type { Scope } from './scope-policy.js';
import type { ServerContext } from './server-context.js';
import type { Session } from './session.js';
import { primaryEmail, type User } from './users.js';

export async function verifyResponse(
  ctx: ServerContext,
  session: Session,
  user: User,
  scopes: readonly Scope[],
  method: ProofMethod,
): Promise<VerifyResponse> {
  const email = primaryEmail(user);
  return {
    user: email === undefined ? { id: user.id } : { id: user.id, email },
    expiresAt: session.expiresAt,
    elevatedAccessToken: await ctx.elevatedTokens.mint(user.id, scopes, method),
  };
}
