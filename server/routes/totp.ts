// POST users/mfa/auth/totp: RFC 6238 codes from an authenticator app, each accepted once.
import type { Hono } from 'hono';
import { verifySync } from 'otplib';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import { offeredCredentials, requireOffered } from '../method-policy.js';
import { beginMfaAttempt, wrongCode } from '../mfa-lockout.js';
import { parseRequestedScopes, readJsonBody, requestedScopesField } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import type { User } from '../users.js';
import { verifyResponse } from '../verify-response.js';

/** One 30-second step either side: clocks drift and people type slowly. */
const TOTP_TOLERANCE_SECONDS = 30;
/** How long a used time step is remembered: by then every code of it or before is outside the tolerance anyway. */
const USED_STEP_KEPT_MS = 3 * 60 * 1000;

const TotpBody = z.object({
  id: z.string().max(200).optional(),
  code: z.string().max(100),
  requestedScopes: requestedScopesField,
});

const mfaDeviceNotFound = () => new ApiError(404, 'mfa_device_not_found', 'That authenticator app is not linked to your account.');

/** Without a device id: the default MFA device when it is an offered TOTP device, else the first. */
function defaultTotpId(ctx: ServerContext, user: User): string | undefined {
  const ids = offeredCredentials(ctx, user).filter((o) => o.method === 'totp').map((o) => o.wire.id);
  return ids.find((id) => id === user.defaultMfaCredentialId) ?? ids[0];
}

export function registerTotpRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/users/mfa/auth/totp', async (c) => {
    const body = await readJsonBody(c, TotpBody);
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');
    const offered = requireOffered(ctx, user, 'totp', (o) => o.wire.id === (body.id ?? defaultTotpId(ctx, user)), mfaDeviceNotFound);
    const device = offered.credential;
    if (device?.kind !== 'totp') throw mfaDeviceNotFound();

    const nowMs = ctx.now();
    const attempt = await beginMfaAttempt(ctx, user.id, nowMs);

    const code = body.code.replace(/\s/g, '');
    // otplib throws on a token that is not 6 digits; for the user that is just a wrong code.
    const check = (afterTimeStep?: number) =>
      /^\d{6}$/.test(code)
        ? verifySync({ secret: device.secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: TOTP_TOLERANCE_SECONDS, afterTimeStep })
        : { valid: false as const };

    // The shared store remembers the last time step accepted (codes of it or before are refused)
    // and, atomically, each step spent: of two instances given the same code at once, one wins.
    const { sharedStore: shared, resettableKeys: keys } = ctx;
    const lastKey = keys.totpLastStep(user.id, device.id);
    const lastStep = Number(await shared.get(lastKey)) || undefined;
    const result = check(lastStep);
    const keptUntil = nowMs + USED_STEP_KEPT_MS;
    if (result.valid && 'timeStep' in result && (await shared.setOnce(keys.totpStepUsed(user.id, device.id, result.timeStep), keptUntil))) {
      // Two different fresh codes accepted at once may leave the lower step here: either was a
      // code the app showed, and neither can be spent twice.
      await shared.put(lastKey, String(result.timeStep), keptUntil);
      await attempt.succeeded();
      return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, 'totp'));
    }
    // Checked again without the replay guard only to tell the user why the code failed.
    const replayed = check().valid;
    const remaining = await attempt.failed();
    if (replayed) {
      throw wrongCode('code_already_used', 'This code was already used. Wait for the next code in your app.', remaining);
    }
    throw wrongCode('mfa_invalid_code', 'That code is not correct.', remaining);
  });
}
