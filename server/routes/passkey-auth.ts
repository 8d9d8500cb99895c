// GET/POST users/mfa/auth/passkey (the options also at GET users/passkeys/authenticate, where
// Dynamic's SDK asks for them): a WebAuthn assertion with user verification, against a
// single-use challenge, with a signature counter that must rise.
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import type { Context, Hono } from 'hono';
import { issueChallenge, takeChallenge } from '../challenges.js';
import { ApiError } from '../errors.js';
import { requireOffered } from '../method-policy.js';
import { relyingPartyFor } from '../passkey-relying-party.js';
import { AuthenticationBody, challengeExpired, clientDataChallenge, invalidCredential } from '../passkey-wire.js';
import { parseRequestedScopes, readJsonBody } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import { credentialsOf } from '../users.js';
import { verifyResponse } from '../verify-response.js';

export const AUTHENTICATION_CHALLENGE_LIFETIME_MS = 2 * 60 * 1000;
export const AUTHENTICATION_TIMEOUT_MS = 60_000;

const PATH = '/users/mfa/auth/passkey';
/** Where Dynamic's SDK asks for the same options (`authenticatePasskeyMFA`). */
const SDK_OPTIONS_PATH = '/users/passkeys/authenticate';

export function registerPasskeyAuthRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  const authenticationOptions = async (c: Context<AppEnv>) => {
    const rp = relyingPartyFor(ctx, c, { forOptions: true });
    // A related origin's RP ID (WebAuthn related origin requests) is not served: only this one.
    const relatedOriginRpId = c.req.query('relatedOriginRpId');
    if (relatedOriginRpId !== undefined && relatedOriginRpId !== rp.rpId) {
      throw new ApiError(400, 'invalid_request', 'This server serves passkeys for its own site only.');
    }
    const user = c.get('user');
    const passkeys = credentialsOf(user, 'passkey');
    if (passkeys.length === 0) {
      throw new ApiError(404, 'passkey_not_found', 'You have no passkey yet. Use another way to confirm your identity.');
    }
    requireOffered(ctx, user, 'passkey');
    const options = await generateAuthenticationOptions({
      rpID: rp.rpId,
      allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
      userVerification: 'required',
      timeout: AUTHENTICATION_TIMEOUT_MS,
    });
    const nowMs = ctx.now();
    await issueChallenge(ctx, options.challenge, {
      userId: user.id,
      purpose: 'passkey-authentication',
      expiresAt: nowMs + AUTHENTICATION_CHALLENGE_LIFETIME_MS,
    }, nowMs);
    return c.json(options);
  };
  router.get(PATH, authenticationOptions);
  router.get(SDK_OPTIONS_PATH, authenticationOptions);

  router.post(PATH, async (c) => {
    const rp = relyingPartyFor(ctx, c, { forOptions: false });
    const body = await readJsonBody(c, AuthenticationBody);
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');

    const notRegistered = () => invalidCredential('This passkey is not registered to your account.');
    const passkey = requireOffered(ctx, user, 'passkey', (o) => o.wire.id === body.id, notRegistered).credential;
    if (passkey?.kind !== 'passkey') throw notRegistered();
    // A resident credential names its user; it must be this one.
    const { userHandle } = body.response;
    if (userHandle && userHandle !== Buffer.from(ctx.passkeyUserHandle(user.id)).toString('base64url')) {
      throw invalidCredential('This passkey is not registered to your account.');
    }

    const challenge = clientDataChallenge(body.response.clientDataJSON);
    if (!challenge) throw invalidCredential();
    // Spent before the (asynchronous) verification, so a response is never accepted twice.
    if (!(await takeChallenge(ctx, challenge, user.id, 'passkey-authentication'))) throw challengeExpired();

    const response = {
      id: body.id,
      rawId: body.rawId,
      type: body.type,
      response: { ...body.response, userHandle: userHandle ?? undefined },
      clientExtensionResults: body.clientExtensionResults ?? {},
    } satisfies AuthenticationResponseJSON;
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        credential: {
          id: passkey.id,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
          transports: passkey.transports,
        },
        requireUserVerification: true,
      });
    } catch {
      // Bad signature, a counter that did not rise, no user verification, another origin.
      throw invalidCredential();
    }
    if (!verification.verified) throw invalidCredential();

    // Verified against the counter read when this request began: the directory raises it only if
    // no concurrent assertion has gone further (a cloned key racing the original loses here).
    if ((await ctx.users.setPasskeyCounter(user.id, passkey.id, verification.authenticationInfo.newCounter)) !== true) throw invalidCredential();
    return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, 'passkey'));
  });
}
