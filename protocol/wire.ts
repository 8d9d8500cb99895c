// Shapes that cross the wire between the core and a step-up backend (Dynamic SDK REST
// contract). Type declarations only.
import type { JwtVerifiedCredentialFormatEnum, TokenScope } from './enums.js';

/** A scope as it travels on the wire: a `TokenScope` value or any other string a backend defines. */
export type ScopeValue = `${TokenScope}` | (string & {});

export interface StepUpCredential {
  id: string;
  format: JwtVerifiedCredentialFormatEnum | `${JwtVerifiedCredentialFormatEnum}`;
  /**
   * Narrows the format: `'totp'` or `'recoveryCode'` for `format: 'totp'`, the provider
   * (`'google'`) for `format: 'oauth'`.
   */
  type?: string;
  /** Display text: full email address, E.164 phone number, wallet address, device name. */
  alias?: string;
}

export interface StepUpCheckResponse {
  isRequired: boolean;
  credentials: StepUpCredential[];
  defaultCredentialId?: string;
}

export interface SdkUser {
  id: string;
  email?: string;
  [key: string]: unknown;
}

export interface VerifyResponse {
  user: SdkUser;
  /** Expiry of the signed-in session, in seconds since the epoch. */
  expiresAt: number;
  elevatedAccessToken?: string | null;
  [key: string]: unknown;
}

export interface OtpVerification {
  verificationUUID: string;
}

export interface ExternalAuthResponse {
  elevatedAccessToken: string;
}

/**
 * Claims of an elevated access token (a JWT): the client reads `scope`, `exp` and `singleUse`;
 * a verifier checks all of them (the server kit's verifyElevation).
 */
export interface ElevatedTokenClaims {
  iss: string;
  /** The environment id. */
  aud: string;
  sub: string;
  /** Space-separated, deduplicated, sorted scopes. */
  scope: string;
  exp: number;
  iat: number;
  jti: string;
  singleUse?: boolean;
  /** When the user proved themselves (seconds since the epoch). */
  auth_time?: number;
  /** RFC 8176 authentication method references of that proof. */
  amr?: string[];
}
