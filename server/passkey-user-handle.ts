// The WebAuthn user handle: stable per user so an authenticator replaces rather than piles up
// a user's resident credential, and opaque so it reveals nothing about the user.
import { createHmac, randomBytes } from 'node:crypto';

export type UserHandles = (userId: string) => Uint8Array<ArrayBuffer>;

/** Derived, not stored: a reset leaves every user's handle unchanged. */
export function createUserHandles(secret: Uint8Array = new Uint8Array(randomBytes(32))): UserHandles {
  return (userId) => new Uint8Array(createHmac('sha256', secret).update(userId).digest());
}
