// POST externalAuth/signin (no session): Dynamic's SDK signs in with an identity assertion of
// the trusted external issuer (`signInWithExternalJwt`). The assertion is checked exactly as
// externalAuth/verify checks it, and spent in the same namespace (external-assertion.ts); its
// `sub` must be a user of the directory — this server signs up nobody. It must carry no
// `scope`: an assertion made for a step-up (which the app hands to a signed-in page) must never
// become a session elsewhere, and externalAuth/verify refuses one without a scope — so each
// assertion has one purpose. The answer is a VerifyResponse with a new session, as
// `server.issueSession` would give.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, notFound } from '../errors.js';
import { externalJwtField, spendExternalAssertion, verifyExternalAssertion } from '../external-assertion.js';
import { readJsonBody } from '../request-body.js';
import { sdkUser } from '../sdk-user.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';

const SignInBody = z.object({
  // Required here: Dynamic's wire leaves it out only for cookie sessions, not kept here.
  jwt: externalJwtField,
  // Dynamic binds it to the session for its embedded wallets; nothing here uses it.
  sessionPublicKey: z.string().max(256).optional(),
});

export function registerSignInRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/externalAuth/signin', async (c) => {
    const trusted = ctx.externalAuth;
    // Opt-in outside dev mode: sessions minted from assertions are a deployment's choice.
    if (!trusted?.signIn) throw notFound();
    const { jwt } = await readJsonBody(c, SignInBody);
    const assertion = await verifyExternalAssertion(ctx, trusted, jwt);
    if (assertion.scope !== undefined) {
      throw new ApiError(401, 'external_jwt_invalid', 'This identity assertion is for confirming an action, not for signing in.');
    }

    const user = typeof assertion.sub === 'string' ? await ctx.users.find(assertion.sub) : undefined;
    if (!user) throw new ApiError(404, 'user_not_found', 'The identity assertion names no user of this service.');

    await spendExternalAssertion(ctx, assertion);
    const token = await ctx.sessions.issue(user.id);
    // Read back from the token itself, so the answer's expiry is the session's.
    const session = await ctx.sessions.verify(token);
    if (!session) throw new Error('a session just issued did not verify');
    return c.json({ user: sdkUser(ctx, user), minifiedJwt: token, expiresAt: session.expiresAt });
  });
}
