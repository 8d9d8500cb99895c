// The signed-in user as Dynamic's SDK reads it (`SdkUser` of @dynamic-labs/sdk-api-core): the
// `user` of every sign-in and verify answer, and `GET users`. Its parser maps over
// `verifiedCredentials`, so every answer lists the user's credentials — the ones `stepUp/check`
// offers, under the same ids — and never a secret (no TOTP secret, no passkey public key).
import type { ServerContext } from './server-context.js';
import { e164, primaryEmail, type Credential, type User } from './users.js';

/** One entry of `verifiedCredentials` (`JwtVerifiedCredential`; snake_case where the model's JSON is). */
export interface SdkVerifiedCredential {
  id: string;
  /** A `JwtVerifiedCredentialFormatEnum` value, the same as the check's `format`. */
  format: 'email' | 'phoneNumber' | 'oauth' | 'blockchain' | 'passkey' | 'totp';
  /** Whether the user signs in with it (their sign-in credential), rather than only stepping up. */
  signInEnabled: boolean;
  /** What a person recognises it by: address, number, account, wallet, device name. */
  public_identifier?: string;
  email?: string;
  phoneNumber?: string;
  phoneCountryCode?: string;
  isoCountryCode?: string;
  oauth_provider?: string;
  oauth_emails?: string[];
  address?: string;
  /** Dynamic's chain name of an EVM wallet. */
  chain?: 'eip155';
  wallet_provider?: 'browserExtension';
}

// A type (not an interface) so that it is assignable to the protocol's open `SdkUser`.
export type SdkUserWire = {
  id: string;
  /** The environment the user belongs to: the one this server hosts. */
  projectEnvironmentId: string;
  email?: string;
  verifiedCredentials: SdkVerifiedCredential[];
};

function verifiedCredential(credential: Credential, signInEnabled: boolean): SdkVerifiedCredential {
  switch (credential.kind) {
    case 'email':
      return { id: credential.id, format: 'email', signInEnabled, email: credential.address, public_identifier: credential.address };
    case 'phone':
      return {
        id: credential.id,
        format: 'phoneNumber',
        signInEnabled,
        phoneNumber: credential.phoneNumber,
        phoneCountryCode: credential.phoneCountryCode,
        isoCountryCode: credential.isoCountryCode,
        public_identifier: e164(credential),
      };
    case 'social':
      return {
        id: credential.id,
        format: 'oauth',
        signInEnabled,
        oauth_provider: credential.provider,
        oauth_emails: [credential.accountEmail],
        public_identifier: credential.accountEmail,
      };
    case 'wallet':
      // Only browser-extension wallets are linked here (wallets/verify accepts no other).
      return {
        id: credential.id,
        format: 'blockchain',
        signInEnabled,
        address: credential.address,
        chain: 'eip155',
        wallet_provider: 'browserExtension',
        public_identifier: credential.address,
      };
    case 'passkey':
      return { id: credential.id, format: 'passkey', signInEnabled, public_identifier: credential.name };
    case 'totp':
      return { id: credential.id, format: 'totp', signInEnabled };
  }
}

export function sdkUser(ctx: ServerContext, user: User): SdkUserWire {
  const email = primaryEmail(user);
  return {
    id: user.id,
    projectEnvironmentId: ctx.environmentId,
    ...(email !== undefined && { email }),
    verifiedCredentials: user.credentials.map((credential) => verifiedCredential(credential, credential.id === user.signInCredentialId)),
  };
}
