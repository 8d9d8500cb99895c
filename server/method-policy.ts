// The method policy: which credentials a user may present for a step-up right now. One rule,
// read by `stepUp/check` (what it offers) and by every route that sends a code or mints an
// elevated token (what it accepts), so the two cannot drift apart. A user with an MFA device
// is offered only MFA credentials; everyone else their re-authentication credentials; and
// only methods this server can verify (a configured relying party, SIWE site, code sender).
import type { StepUpCheckResponse, StepUpCredential } from '@step-up-kit/protocol';
import type { ProofMethod } from './elevated-tokens.js';
import { ApiError, credentialNotFound } from './errors.js';
import type { ServerContext } from './server-context.js';
import { isServedProvider } from './social-providers.js';
import { credentialsOf, e164, hasMfaDevice, type Credential, type User } from './users.js';

export const RECOVERY_CODE_CREDENTIAL_ID = 'recovery-code';

/** How a credential is presented: the route family that verifies it (every proof but external auth). */
export type OfferedMethod = Exclude<ProofMethod, 'external'>;

export interface OfferedCredential {
  method: OfferedMethod;
  /** What the check shows for it. */
  wire: StepUpCredential;
  /** The stored credential; absent for the recovery-code pseudo-credential. */
  credential?: Credential;
}

function mfaOffer(user: User): OfferedCredential[] {
  // Passkeys first: phishing-resistant, and one touch instead of a typed code.
  const offered: OfferedCredential[] = credentialsOf(user, 'passkey').map((p) => ({
    method: 'passkey',
    wire: { id: p.id, format: 'passkey', alias: p.name },
    credential: p,
  }));
  for (const t of credentialsOf(user, 'totp')) {
    offered.push({ method: 'totp', wire: { id: t.id, format: 'totp', type: 'totp', alias: 'Authenticator app' }, credential: t });
  }
  if (user.recoveryCodes.some((r) => r.usedAt === undefined)) {
    offered.push({
      method: 'recovery',
      wire: { id: RECOVERY_CODE_CREDENTIAL_ID, format: 'totp', type: 'recoveryCode', alias: 'Recovery code' },
    });
  }
  return offered;
}

function reauthOffer(user: User): OfferedCredential[] {
  const offered: OfferedCredential[] = [];
  for (const c of user.credentials) {
    if (c.kind === 'email') offered.push({ method: 'email', wire: { id: c.id, format: 'email', alias: c.address }, credential: c });
    if (c.kind === 'phone') offered.push({ method: 'sms', wire: { id: c.id, format: 'phoneNumber', alias: e164(c) }, credential: c });
    if (c.kind === 'social') {
      offered.push({ method: 'social', wire: { id: c.id, format: 'oauth', type: c.provider, alias: c.accountEmail }, credential: c });
    }
    if (c.kind === 'wallet') {
      offered.push({ method: 'wallet', wire: { id: c.id, format: 'blockchain', type: c.chain, alias: c.address }, credential: c });
    }
  }
  return offered;
}

/** Whether this server instance can run the ceremony of an offered credential at all. */
function isServed(ctx: ServerContext, offered: OfferedCredential): boolean {
  switch (offered.method) {
    case 'passkey':
      return ctx.devMode || ctx.webauthn !== undefined;
    case 'wallet':
      return ctx.devMode || ctx.siweDomains !== undefined;
    case 'email':
    case 'sms':
      return ctx.devMode || ctx.deliverCode !== undefined;
    case 'social':
      return offered.credential?.kind === 'social' && isServedProvider(ctx, offered.credential.provider);
    case 'totp':
    case 'recovery':
      return true;
  }
}

/** Every credential this user may present now, in the order the check lists them. */
export function offeredCredentials(ctx: ServerContext, user: User): OfferedCredential[] {
  // A user with an MFA device the server cannot serve still gets no re-auth methods: fail closed.
  const candidates = hasMfaDevice(user) ? mfaOffer(user) : reauthOffer(user);
  return candidates.filter((offered) => isServed(ctx, offered));
}

/** The answer of `stepUp/check`. */
export function stepUpCheck(ctx: ServerContext, user: User): StepUpCheckResponse {
  const offered = offeredCredentials(ctx, user);
  const credentials = offered.map((o) => o.wire);
  const preferred = hasMfaDevice(user)
    ? [offered.find((o) => o.method === 'passkey')?.wire.id, user.defaultMfaCredentialId]
    : [user.signInCredentialId];
  const defaultCredentialId = preferred.find((id) => credentials.some((c) => c.id === id)) ?? credentials[0]?.id;
  return { isRequired: true, credentials, ...(defaultCredentialId && { defaultCredentialId }) };
}

export const methodNotAllowed = (): ApiError =>
  new ApiError(403, 'method_not_allowed', 'This way of confirming your identity is not available for your account now. Use one of the ways offered.');

/**
 * The offered credential of `method` that `matches` (any, without a matcher). Refuses with
 * 403 `method_not_allowed` when the check offers this user nothing of this method now, and
 * with `notMatched` (default 404 `credential_not_found`) when it offers others of it.
 */
export function requireOffered(
  ctx: ServerContext,
  user: User,
  method: OfferedMethod,
  matches: (offered: OfferedCredential) => boolean = () => true,
  notMatched: () => ApiError = credentialNotFound,
): OfferedCredential {
  const ofMethod = offeredCredentials(ctx, user).filter((o) => o.method === method);
  if (ofMethod.length === 0) throw methodNotAllowed();
  const found = ofMethod.find(matches);
  if (!found) throw notMatched();
  return found;
}

