// Request bodies of the passkey routes, and what both ceremonies read from clientDataJSON.
import { z } from 'zod';
import { ApiError } from './errors.js';
import { requestedScopesField } from './request-body.js';

// Generous for any authenticator, small enough that no field can carry a payload.
const b64 = (max: number) => z.string().max(max);
const transports = z.array(z.string().max(32)).max(10);

export const PASSKEY_NAME_MAX = 64;

export const RegistrationBody = z.object({
  id: b64(1024),
  rawId: b64(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64(4096),
    attestationObject: b64(32_768),
    authenticatorData: b64(32_768).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64(4096).optional(),
  }),
  authenticatorAttachment: z.string().max(32).nullish(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
  name: z.string().max(PASSKEY_NAME_MAX).optional(),
});

export const AuthenticationBody = z.object({
  id: b64(1024),
  rawId: b64(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64(4096),
    authenticatorData: b64(4096),
    signature: b64(1024),
    userHandle: b64(512).nullish(),
  }),
  authenticatorAttachment: z.string().max(32).nullish(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
  requestedScopes: requestedScopesField,
});

export const invalidCredential = (message = 'This passkey could not be verified. Try again.'): ApiError =>
  new ApiError(422, 'invalid_credential', message);

export const challengeExpired = (): ApiError =>
  new ApiError(422, 'challenge_expired', 'This passkey prompt has expired or was already answered. Try again.');

/**
 * The challenge the browser put into clientDataJSON. It is read before verification so the
 * challenge can be spent first: a response is answered at most once, whatever its outcome.
 */
export function clientDataChallenge(clientDataJSON: string): string | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = typeof data === 'object' && data !== null ? (data as { challenge?: unknown }).challenge : undefined;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 512 ? challenge : undefined;
  } catch {
    return undefined;
  }
}
