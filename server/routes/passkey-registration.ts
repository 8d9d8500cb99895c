// Passkey enrolment (an extension beyond the wire contract, which only authenticates):
// GET/POST users/mfa/register/passkey adds a passkey, DELETE users/passkeys/{id} removes one.
// Changing a user's credentials is itself a step-up action: adding spends an elevated token for
// `credential:link`, removing one for `credential:unlink` (an MFA user earns either only with
// MFA, by the method policy). Otherwise a bare session could enrol its own passkey and then
// step up with it, or strip the MFA that guards the account.
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { issueChallenge, takeChallenge } from '../challenges.js';
import { ApiError } from '../errors.js';
import { relyingPartyFor } from '../passkey-relying-party.js';
import { challengeExpired, clientDataChallenge, invalidCredential, RegistrationBody } from '../passkey-wire.js';
import { readJsonBody } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import { refusalResponse } from '../kit/refusal.js';
import { verifyElevation } from '../kit/verify-elevation.js';
import { credentialsOf, primaryEmail } from '../users.js';

export const REGISTRATION_CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
export const DEFAULT_PASSKEY_NAME = 'Passkey';

const PATH = '/users/mfa/register/passkey';

export function registerPasskeyRegistrationRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.get(PATH, async (c) => {
    const rp = relyingPartyFor(ctx, c, { forOptions: true });
    const user = c.get('user');
    const userName = primaryEmail(user) ?? user.id;
    const options = await generateRegistrationOptions({
      rpName: rp.rpName,
      rpID: rp.rpId,
      userName,
      userDisplayName: userName,
      userID: ctx.passkeyUserHandle(user.id),
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      // The same authenticator twice would only confuse the user's list of passkeys.
      excludeCredentials: credentialsOf(user, 'passkey').map((p) => ({ id: p.id, transports: p.transports })),
    });
    const nowMs = ctx.now();
    await issueChallenge(ctx, options.challenge, {
      userId: user.id,
      purpose: 'passkey-registration',
      expiresAt: nowMs + REGISTRATION_CHALLENGE_LIFETIME_MS,
    }, nowMs);
    return c.json(options);
  });

  // The options alone add nothing (a challenge); the credential is added, and the token spent, below.
  router.post(PATH, async (c) => {
    const rp = relyingPartyFor(ctx, c, { forOptions: false });
    const { name, ...body } = await readJsonBody(c, RegistrationBody);
    const user = c.get('user');
    const elevation = await verifyElevation(c.req.raw, { ...ctx.elevation, scope: 'credential:link', getUserId: () => user.id });
    if (!elevation.ok) return refusalResponse(elevation.refusal);

    const challenge = clientDataChallenge(body.response.clientDataJSON);
    if (!challenge) throw invalidCredential();
    if (!(await takeChallenge(ctx, challenge, user.id, 'passkey-registration'))) throw challengeExpired();

    const response = {
      ...body,
      // Not needed for verification, and the wire may carry null where the type wants undefined.
      authenticatorAttachment: undefined,
      clientExtensionResults: body.clientExtensionResults ?? {},
    } satisfies RegistrationResponseJSON;
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        requireUserVerification: true,
      });
    } catch {
      throw invalidCredential();
    }
    if (!verification.verified) throw invalidCredential();

    const { credential } = verification.registrationInfo;
    const alias = name?.trim() || DEFAULT_PASSKEY_NAME;
    const added = await ctx.users.addPasskey(user.id, {
      kind: 'passkey',
      id: credential.id,
      name: alias,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports,
      createdAt: ctx.now(),
    });
    // A credential id names one key pair; it may belong to one account only.
    if (!added) throw invalidCredential('This passkey is already registered.');
    return c.json({ id: credential.id, alias });
  });
  router.delete('/users/passkeys/:id', async (c) => {
    const user = c.get('user');
    const id = c.req.param('id');
    const notRegistered = () => new ApiError(404, 'credential_not_found', 'This passkey is not registered to your account.');
    if (!credentialsOf(user, 'passkey').some((passkey) => passkey.id === id)) throw notRegistered();
    const elevation = await verifyElevation(c.req.raw, { ...ctx.elevation, scope: 'credential:unlink', getUserId: () => user.id });
    if (!elevation.ok) return refusalResponse(elevation.refusal);
    // A concurrent request may have removed it meanwhile: the directory says.
    if (!(await ctx.users.removePasskey(user.id, id))) throw notRegistered();
    return c.json({ id, removed: true });
  });
}
