// The demo users of dev mode. Their secrets are derived from a key (made from the signing key):
// random per process when dev mode makes its signing key up, the same on every instance that is
// given one key, so two dev instances show the same demo users. Made once at creation, so a
// reset restores the very same users an open demo page is signed in as.
import { createHmac } from 'node:crypto';
import { generateURI } from 'otplib';
import { privateKeyToAccount } from 'viem/accounts';
import { generateRecoveryCode, RECOVERY_CODES_PER_USER, type RecoveryCodeHasher } from './recovery-codes.js';
import type { User } from './users.js';

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

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Bytes derived from `key` for one named secret (HMAC-SHA256; 32 bytes). */
const derive = (key: Uint8Array, name: string) => createHmac('sha256', key).update(`step-up-kit dev seed: ${name}`).digest();

/** A 160-bit TOTP secret in base32, as authenticator apps take it. */
const totpSecretFrom = (bytes: Uint8Array) => Array.from(bytes.subarray(0, 32), (byte) => BASE32[byte % 32]).join('');

/** Uniform whole numbers below n, drawn from a stream of derived bytes (rejection sampling). */
function pickerFrom(key: Uint8Array, name: string): (n: number) => number {
  let block = 0;
  let bytes = derive(key, `${name} 0`);
  let at = 0;
  return (n) => {
    for (;;) {
      if (at === bytes.length) {
        bytes = derive(key, `${name} ${++block}`);
        at = 0;
      }
      const byte = bytes[at++]!;
      if (byte < 256 - (256 % n)) return byte % n;
    }
  };
}

export function createDevSeed(hashRecoveryCode: RecoveryCodeHasher, seedKey: Uint8Array): DevSeed {
  const aliceEmail = 'alice@example.com';
  const totpSecret = totpSecretFrom(derive(seedKey, 'alice totp'));
  const pick = pickerFrom(seedKey, 'alice recovery codes');
  const recoveryCodes = Array.from({ length: RECOVERY_CODES_PER_USER }, () => generateRecoveryCode(pick));
  // Any 32 bytes below the curve order make a key; HMAC output is below it but for ~2^-128 of values.
  const walletPrivateKey = `0x${derive(seedKey, 'bob wallet').toString('hex')}` as const;
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
