// The WebAuthn user handle: stable per user so an authenticator replaces rather than piles up
// a user's resident credential, and opaque so it reveals nothing about the user.
import { createHmac } from 'node:crypto';

export type UserHandles = (userId: string) => Uint8Array<ArrayBuffer>;

/**
 * Derived, not stored: a reset leaves every user's handle unchanged. The secret must be the same
 * on every instance and across restarts: a passkey returns the handle it was registered with,
 * and an assertion whose handle differs is refused.
 */
export function createUserHandles(secret: Uint8Array | string): UserHandles {
  return (userId) => new Uint8Array(createHmac('sha256', secret).update(userId).digest());
}
