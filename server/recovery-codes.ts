// MFA recovery codes: generated from an alphabet without look-alike characters, stored only
// as a keyed hash so a leaked store does not leak usable codes.
import { createHmac, randomBytes, randomInt } from 'node:crypto';

export const RECOVERY_CODES_PER_USER = 10;

// No 0/O, 1/I/L: a code read off paper must not be ambiguous.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `XXXXX-XXXXX`. */
export function generateRecoveryCode(): string {
  const half = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${half()}-${half()}`;
}

/** What the user types and what was printed compare equal regardless of case, spaces and dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export type RecoveryCodeHasher = (code: string) => string;

export function createRecoveryCodeHasher(secret: Uint8Array = new Uint8Array(randomBytes(32))): RecoveryCodeHasher {
  return (code) => createHmac('sha256', secret).update(normalizeRecoveryCode(code)).digest('hex');
}
