// The demo users of dev mode. Secrets are random per server instance, made once at creation
// so a reset restores the very same users an open demo page is signed in as.
import { generateSecret, generateURI } from 'otplib';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { generateRecoveryCode, RECOVERY_CODES_PER_USER, type RecoveryCodeHasher } from './recovery-codes.js';
import type { User } from './store.js';

export const TOTP_ISSUER = 'step-up-kit demo';

/** Plaintext secrets the dev routes reveal; they exist only here, never in the store. */
export interface DevSecrets {
  totpSecret?: string;
  otpauthUri?: string;
  recoveryCodes?: string[];
  walletAddress?: string;
  walletPrivateKey?: string;
  /** Passkeys registered since the last reset (not secrets, but only a test needs them). */
  passkeys?: { id: string; name: string }[];
}

export interface DevSeed {
  users: User[];
  secrets: Map<string, DevSecrets>;
}

export function createDevSeed(hashRecoveryCode: RecoveryCodeHasher): DevSeed {
  const aliceEmail = 'alice@example.com';
  const totpSecret = generateSecret();
  const recoveryCodes = Array.from({ length: RECOVERY_CODES_PER_USER }, generateRecoveryCode);
  const walletPrivateKey = generatePrivateKey();
  const walletAddress = privateKeyToAccount(walletPrivateKey).address;

  const alice: User = {
    id: 'alice',
    label: 'Alice (MFA: authenticator app + recovery codes)',
    credentials: [
      { kind: 'email', id: 'alice-email', address: aliceEmail },
      { kind: 'totp', id: 'alice-totp', secret: totpSecret },
    ],
    signInCredentialId: 'alice-email',
    defaultMfaCredentialId: 'alice-totp',
    recoveryCodes: recoveryCodes.map((code) => ({ hash: hashRecoveryCode(code) })),
  };

  const bob: User = {
    id: 'bob',
    label: 'Bob (email, SMS, Google, wallet)',
    credentials: [
      { kind: 'email', id: 'bob-email', address: 'bob@example.com' },
      { kind: 'phone', id: 'bob-phone', isoCountryCode: 'US', phoneCountryCode: '1', phoneNumber: '2025550123' },
      { kind: 'social', id: 'bob-google', provider: 'google', accountEmail: 'bob.demo@gmail.com' },
      { kind: 'wallet', id: 'bob-wallet', chain: 'evm', address: walletAddress },
    ],
    signInCredentialId: 'bob-email',
    recoveryCodes: [],
  };

  return {
    users: [alice, bob],
    secrets: new Map([
      [
        alice.id,
        {
          totpSecret,
          otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: aliceEmail, secret: totpSecret }),
          recoveryCodes,
        },
      ],
      [bob.id, { walletAddress, walletPrivateKey }],
    ]),
  };
}
