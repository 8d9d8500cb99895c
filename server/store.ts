// In-memory state: users with their credentials, and everything a verification remembers.
// Shapes are plain data so a reset can restore the seed with structuredClone.

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
  /** The last accepted RFC 6238 time step: codes of this step or earlier are refused. */
  lastUsedTimeStep?: number;
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

export interface OutboxMessage {
  channel: Channel;
  to: string;
  code: string;
  sentAt: string;
  userId: string;
}

/** What a single-use challenge or nonce is for; one purpose can never spend another's value. */
export type ChallengePurpose = 'passkey-registration' | 'passkey-authentication' | 'siwe';

/** A social re-login started by `providers/{provider}/initAuth`, keyed by its `state`. */
export interface OAuthStateRecord {
  userId: string;
  provider: string;
  redirectUrl: string;
  expiresAt: number;
  /** Set when its code was presented: the state stays taken until it would have expired. */
  finishedAt?: number;
}

/** An authorization code of the development OAuth provider, keyed by the code. */
export interface OAuthCodeRecord {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  clientId: string;
  provider: string;
  /** The user whose social account consented. */
  userId: string;
  expiresAt: number;
  /** Set on first presentation, so a second one fails even while the code is unexpired. */
  usedAt?: number;
}

export interface Store {
  users: Map<string, User>;
  /** Dev mode only: codes "sent", per user, oldest first, capped (see dev-outbox.ts). */
  devOutbox: Map<string, OutboxMessage[]>;
  oauthStates: Map<string, OAuthStateRecord>;
  oauthCodes: Map<string, OAuthCodeRecord>;
  /** Added to the injected clock; moved by the dev clock route. */
  clockOffsetMs: number;
}

export function createStore(users: readonly User[]): Store {
  return {
    users: new Map(users.map((user) => [user.id, structuredClone(user)])),
    devOutbox: new Map(),
    oauthStates: new Map(),
    oauthCodes: new Map(),
    clockOffsetMs: 0,
  };
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
