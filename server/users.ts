// The user model: a user with their credentials and recovery-code hashes, as plain data (a
// directory hands out copies; the demo's restores its seed from a copy).

export type Channel = 'email' | 'sms';

export interface EmailCredential {
  kind: 'email';
  id: string;
  address: string;
}

export interface PhoneCredential {
  kind: 'phone';
  id: string;
  isoCountryCode: string;
  /** Calling code without '+', e.g. '1'. */
  phoneCountryCode: string;
  /** National number, digits only. */
  phoneNumber: string;
}

export interface SocialCredential {
  kind: 'social';
  id: string;
  /** A ProviderEnum value, e.g. 'google'. */
  provider: string;
  accountEmail: string;
}

export interface WalletCredential {
  kind: 'wallet';
  id: string;
  chain: 'evm';
  address: `0x${string}`;
}

export interface TotpCredential {
  kind: 'totp';
  id: string;
  /** Base32 secret shared with the authenticator app. */
  secret: string;
}

/** A WebAuthn credential, added by the passkey registration extension. */
export interface PasskeyCredential {
  kind: 'passkey';
  /** Credential id, base64url. */
  id: string;
  name: string;
  /** COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter; a response must raise it (unless both stay 0). */
  counter: number;
  transports?: string[];
  /** ms */
  createdAt: number;
}

export type Credential =
  | EmailCredential
  | PhoneCredential
  | SocialCredential
  | WalletCredential
  | TotpCredential
  | PasskeyCredential;

export type CredentialKind = Credential['kind'];

export interface RecoveryCodeRecord {
  /** HMAC-SHA256 of the normalized code: the plaintext is never stored. */
  hash: string;
  usedAt?: number;
}

export interface User {
  id: string;
  label: string;
  credentials: Credential[];
  /** The credential the user signs in with; the default when no MFA device exists. */
  signInCredentialId: string;
  defaultMfaCredentialId?: string;
  recoveryCodes: RecoveryCodeRecord[];
}

export function credentialsOf<K extends CredentialKind>(
  user: User,
  kind: K,
): Extract<Credential, { kind: K }>[] {
  return user.credentials.filter((c): c is Extract<Credential, { kind: K }> => c.kind === kind);
}

export function hasMfaDevice(user: User): boolean {
  return user.credentials.some((c) => c.kind === 'totp' || c.kind === 'passkey');
}

export function primaryEmail(user: User): string | undefined {
  return credentialsOf(user, 'email')[0]?.address;
}

export function e164(phone: PhoneCredential): string {
  return `+${phone.phoneCountryCode}${phone.phoneNumber}`;
}
