// POST stepUp/check: which credentials the user may present for a step-up.
import type { Hono } from 'hono';
import { z } from 'zod';
import type { StepUpCheckResponse, StepUpCredential } from '../../src/wire.js';
import { invalidScope } from '../errors.js';
import { readJsonBody } from '../request-body.js';
import { isKnownScope } from '../scope-policy.js';
import type { AppEnv } from '../session.js';
import { credentialsOf, e164, hasMfaDevice, type User } from '../store.js';

export const RECOVERY_CODE_CREDENTIAL_ID = 'recovery-code';

const CheckBody = z.object({ scope: z.string().max(200) });

/** MFA users are offered only MFA credentials; everyone else their re-auth credentials. */
export function stepUpCheck(user: User): StepUpCheckResponse {
  if (hasMfaDevice(user)) {
    // Passkeys first: phishing-resistant, and one touch instead of a typed code.
    const passkeys = credentialsOf(user, 'passkey');
    const credentials: StepUpCredential[] = passkeys.map((p) => ({ id: p.id, format: 'passkey', alias: p.name }));
    for (const c of credentialsOf(user, 'totp')) {
      credentials.push({ id: c.id, format: 'totp', type: 'totp', alias: 'Authenticator app' });
    }
    if (user.recoveryCodes.some((r) => r.usedAt === undefined)) {
      credentials.push({ id: RECOVERY_CODE_CREDENTIAL_ID, format: 'totp', type: 'recoveryCode', alias: 'Recovery code' });
    }
    const defaultCredentialId = passkeys[0]?.id ?? user.defaultMfaCredentialId ?? credentials[0]?.id;
    return { isRequired: true, credentials, ...(defaultCredentialId && { defaultCredentialId }) };
  }
  const credentials: StepUpCredential[] = [];
  for (const c of user.credentials) {
    if (c.kind === 'email') credentials.push({ id: c.id, format: 'email', alias: c.address });
    if (c.kind === 'phone') credentials.push({ id: c.id, format: 'phoneNumber', alias: e164(c) });
    if (c.kind === 'social') credentials.push({ id: c.id, format: 'oauth', type: c.provider, alias: c.accountEmail });
    if (c.kind === 'wallet') credentials.push({ id: c.id, format: 'blockchain', type: c.chain, alias: c.address });
  }
  return { isRequired: true, credentials, defaultCredentialId: user.signInCredentialId };
}

export function registerCheckRoutes(router: Hono<AppEnv>): void {
  router.post('/stepUp/check', async (c) => {
    const { scope } = await readJsonBody(c, CheckBody);
    if (!isKnownScope(scope)) throw invalidScope();
    return c.json(stepUpCheck(c.get('user')));
  });
}
