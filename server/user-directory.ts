// Durable user data — users, their credentials, passkey public keys and counters, recovery-code
// hashes — behind the interface an app implements over its own database. The step-up server
// reads users through it and changes them only through the few operations below, each of which
// the app's database must do atomically where it says so. Short-lived state is elsewhere (the
// StepUpStore); the demo's in-memory directory is one implementation.
import { credentialsOf, type PasskeyCredential, type User } from './users.js';

/** WebAuthn's counter rule: a counter rises, or stays at 0 on an authenticator that keeps none. */
export function counterMayBecome(stored: number, next: number): boolean {
  return next > stored || (stored === 0 && next === 0);
}

export interface UserDirectory {
  /** The user with this id, as it is now (a copy: changes go through the methods below). */
  find(userId: string): Promise<User | undefined>;
  /**
   * Adds a registered passkey to the user. False when a passkey with this credential id is
   * already registered, to anyone: a credential id names one key pair and belongs to one account.
   */
  addPasskey(userId: string, passkey: PasskeyCredential): Promise<boolean>;
  /** Removes the user's passkey (and makes it no longer their default MFA device). False when they have none with this id. */
  removePasskey(userId: string, credentialId: string): Promise<boolean>;
  /**
   * Raises a passkey's signature counter after a verified assertion, atomically: true when the
   * stored counter was lower (or both are 0: an authenticator that keeps no counter), false
   * otherwise — of two assertions verified at once, the one that would move the counter back
   * loses (in SQL: `UPDATE … SET counter = :new WHERE … AND (counter < :new OR (counter = 0 AND
   * :new = 0))`). Anything but true refuses the assertion.
   */
  setPasskeyCounter(userId: string, credentialId: string, counter: number): Promise<boolean>;
  /**
   * Marks the user's unused recovery code with this hash as used, atomically: of two concurrent
   * callers with the same code, one gets true (in SQL: `UPDATE … SET used_at = ? WHERE … AND used_at IS NULL`).
   */
  spendRecoveryCode(userId: string, hash: string, atMs: number): Promise<boolean>;
}

/** The demo's directory: users in this process's memory, and what the dev routes need on top. */
export interface MemoryUserDirectory extends UserDirectory {
  /** Adds or replaces a user. */
  put(user: User): void;
  list(): User[];
  readonly size: number;
}

/**
 * A deep copy of plain data (objects, arrays, primitives), as structuredClone would make it, at a
 * fraction of its cost on every lookup. Anything else inside is left to structuredClone.
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = copyPlain(inner);
  return copy as T;
}

export function createMemoryUserDirectory(users: readonly User[] = []): MemoryUserDirectory {
  const byId = new Map(users.map((user) => [user.id, copyPlain(user)]));
  // Every answer is a copy, as a database's would be: a route that changed a user in place
  // instead of through the directory would change nothing, in tests too.
  const copy = (user: User | undefined) => user && copyPlain(user);
  const passkeyOf = (userId: string, credentialId: string) =>
    byId.get(userId) && credentialsOf(byId.get(userId)!, 'passkey').find((p) => p.id === credentialId);
  return {
    async find(userId) {
      return copy(byId.get(userId));
    },
    async addPasskey(userId, passkey) {
      const user = byId.get(userId);
      if (!user) return false;
      for (const other of byId.values()) {
        if (credentialsOf(other, 'passkey').some((p) => p.id === passkey.id)) return false;
      }
      user.credentials.push(copyPlain(passkey));
      return true;
    },
    async removePasskey(userId, credentialId) {
      const user = byId.get(userId);
      const index = user?.credentials.findIndex((c) => c.kind === 'passkey' && c.id === credentialId) ?? -1;
      if (!user || index === -1) return false;
      user.credentials.splice(index, 1);
      if (user.defaultMfaCredentialId === credentialId) delete user.defaultMfaCredentialId;
      return true;
    },
    async setPasskeyCounter(userId, credentialId, counter) {
      // One synchronous read-check-write: atomic in this process.
      const passkey = passkeyOf(userId, credentialId);
      if (!passkey || !counterMayBecome(passkey.counter, counter)) return false;
      passkey.counter = counter;
      return true;
    },
    async spendRecoveryCode(userId, hash, atMs) {
      const record = byId.get(userId)?.recoveryCodes.find((r) => r.hash === hash);
      if (!record || record.usedAt !== undefined) return false;
      record.usedAt = atMs;
      return true;
    },
    put(user) {
      byId.set(user.id, copyPlain(user));
    },
    list() {
      return [...byId.values()].map((user) => copyPlain(user));
    },
    get size() {
      return byId.size;
    },
  };
}
