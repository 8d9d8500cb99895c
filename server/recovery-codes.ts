// MFA recovery codes: generated from an alphabet without look-alike characters, stored only
// as a keyed hash so a leaked store does not leak usable codes.
import { createHmac, randomBytes, randomInt } from 'node:crypto';

export const RECOVERY_CODES_PER_USER = 10;

// No 0/O, 1/I/L: a code read off paper must not be ambiguous.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `XXXXX-XXXXX`. `pick(n)` answers a uniform whole number below n (the dev seed derives them from a key). */
export function generateRecoveryCode(pick: (n: number) => number = randomInt): string {
  const half = () => Array.from({ length: 5 }, () => ALPHABET[pick(ALPHABET.length)]).join('');
  return `${half()}-${half()}`;
}

/** What the user types and what was printed compare equal regardless of case, spaces and dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export type RecoveryCodeHasher = (code: string) => string;

/** Hashes with HMAC-SHA256 under `secret`: the app stores what this answers, with the same secret as the server's `recoveryCodeKey`. */
export function createRecoveryCodeHasher(secret: Uint8Array | string = new Uint8Array(randomBytes(32))): RecoveryCodeHasher {
  return (code) => createHmac('sha256', secret).update(normalizeRecoveryCode(code)).digest('hex');
}
