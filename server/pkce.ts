// PKCE (RFC 7636) with S256 only: the plain method would hand the verifier to anyone who saw
// the authorization request.
import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** BASE64URL of a SHA-256 digest: always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export const isCodeVerifier = (value: string): boolean => VERIFIER.test(value);
export const isS256Challenge = (value: string): boolean => S256_CHALLENGE.test(value);

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
