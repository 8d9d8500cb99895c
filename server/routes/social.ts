// POST providers/{provider}/initAuth and providers/{provider}/verify: a social re-login with
// the OAuth 2.0 authorization code flow, state and PKCE S256.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import { requireOffered, type OfferedCredential } from '../method-policy.js';
import { finishState, pendingState, rememberState, takeCode } from '../oauth-records.js';
import { isCodeVerifier, s256 } from '../pkce.js';
import { parseRequestedScopes, readJsonBody, requestedScopesField } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import {
  DEV_OAUTH_AUTHORIZE_PATH,
  DEV_OAUTH_CLIENT_ID,
  DEV_OAUTH_SCOPE,
  isAllowedRedirect,
  isServedProvider,
  OAUTH_STATE_LIFETIME_MS,
} from '../social-providers.js';
import { verifyResponse } from '../verify-response.js';

/** Enough entropy to be unguessable, short enough to sit in a URL. */
const STATE = /^[A-Za-z0-9_-]{32,128}$/;

const InitAuthBody = z.object({ state: z.string().max(512), redirectUrl: z.string().max(2048) });
const VerifyBody = z.object({
  code: z.string().max(512),
  codeVerifier: z.string().max(512),
  state: z.string().max(512),
  requestedScopes: requestedScopesField,
});

const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message);
const invalidGrant = () => new ApiError(400, 'invalid_grant', 'This sign-in could not be completed. Sign in again.');
const invalidState = () =>
  new ApiError(400, 'invalid_state', 'This sign-in has expired or was started elsewhere. Sign in again.');

/** Matches the offered social account at `provider`. */
const isAccountAt = (provider: string) => (offered: OfferedCredential): boolean =>
  offered.credential?.kind === 'social' && offered.credential.provider === provider;

export function registerSocialRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  const requireProvider = (provider: string) => {
    if (!isServedProvider(ctx, provider)) {
      throw new ApiError(404, 'not_found', 'Signing in with this provider is not available here.');
    }
  };

  router.post('/providers/:provider/initAuth', async (c) => {
    const provider = c.req.param('provider');
    requireProvider(provider);
    const user = c.get('user');
    requireOffered(ctx, user, 'social', isAccountAt(provider));
    const { state, redirectUrl } = await readJsonBody(c, InitAuthBody);
    if (!STATE.test(state)) throw invalidRequest('The state must be a random base64url string of 32 to 128 characters.');
    if (!isAllowedRedirect(ctx, redirectUrl)) {
      throw invalidRequest('The return address must be a full http(s) address of an allowed site, without a fragment.');
    }
    const nowMs = ctx.now();
    const record = { userId: user.id, provider, redirectUrl, expiresAt: nowMs + OAUTH_STATE_LIFETIME_MS };
    if (!(await rememberState(ctx, state, record, nowMs)).ok) {
      throw invalidRequest('This sign-in attempt was already started. Start a new one.');
    }
    // An extension of the answer: the client builds the authorization URL (with its PKCE
    // code_challenge, which never reaches this route) from these.
    return c.json({
      authorizationEndpoint: `${new URL(c.req.url).origin}${ctx.basePath}${DEV_OAUTH_AUTHORIZE_PATH}`,
      clientId: DEV_OAUTH_CLIENT_ID,
      scope: DEV_OAUTH_SCOPE,
    });
  });

  router.post('/providers/:provider/verify', async (c) => {
    const provider = c.req.param('provider');
    requireProvider(provider);
    const body = await readJsonBody(c, VerifyBody);
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');
    requireOffered(ctx, user, 'social', isAccountAt(provider));
    const nowMs = ctx.now();

    // The code first, and spent at once: whatever fails later, it is never accepted twice.
    const grant = await takeCode(ctx, body.code);
    if (!grant || grant.expiresAt <= nowMs) throw invalidGrant();

    // The attempt this code belongs to is over, whatever happens next; its state stays taken.
    const pending = await pendingState(ctx, grant.state);
    const firstToFinish = pending !== undefined && (await finishState(ctx, grant.state, pending.record));
    if (
      grant.provider !== provider || grant.state !== body.state || !pending || !firstToFinish || pending.record.expiresAt <= nowMs ||
      pending.record.userId !== user.id || pending.record.provider !== provider
    ) {
      throw invalidState();
    }
    if (!isCodeVerifier(body.codeVerifier) || s256(body.codeVerifier) !== grant.codeChallenge) throw invalidGrant();
    if (grant.redirectUri !== pending.record.redirectUrl) throw invalidGrant();
    if (grant.userId !== user.id) {
      throw new ApiError(403, 'forbidden', 'This sign-in was made with an account of another user.');
    }
    return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, 'social'));
  });
}
