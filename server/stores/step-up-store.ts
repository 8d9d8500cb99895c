// Short-lived state that every instance of the step-up server (and every app checking its
// tokens) must agree on, behind one small interface of atomic operations. In memory for one
// process (the embedded default), or in Redis for several (redis-store.ts). Every key expires:
// nothing here outlives the code, challenge or token it is about.
//
// What lives here: spent ids of single-use tokens and assertions; one-time code requests (as
// keyed hashes) with their attempt counts (both deleted once the code is spent), cooldowns and
// daily budgets; MFA failure counts and
// lockouts; TOTP time steps used; passkey challenges and SIWE nonces; OAuth states and codes;
// and the dev outbox. Durable user data goes through the UserDirectory instead.
import { splitUuidKey, UuidExpiryTable } from './uuid-expiry-table.js';

export interface StepUpStore {
  /**
   * Marks `key` as taken until `untilMs` (epoch ms) unless it already is: true when this call
   * took it. Atomic across everything that shares the store, so the first caller wins.
   */
  setOnce(key: string, untilMs: number, value?: string): Promise<boolean>;
  /** Stores `value` under `key` until `untilMs`, replacing what was there. */
  put(key: string, value: string, untilMs: number): Promise<void>;
  /** The live value under `key`. */
  get(key: string): Promise<string | undefined>;
  /** Gets and deletes in one step: of two concurrent callers, one gets the value. */
  take(key: string): Promise<string | undefined>;
  /** Counts one more under `key`; the count lives until `untilMs` of its first increment. Returns the new count. */
  increment(key: string, untilMs: number): Promise<number>;
  delete(key: string): Promise<void>;
  /** Adds `value` at the front of the list under `key`, keeps its newest `keep` values, and keeps the list until `untilMs`. */
  pushToList(key: string, value: string, untilMs: number, keep: number): Promise<void>;
  /** The list under `key`, newest first. */
  list(key: string): Promise<string[]>;
  /** Releases connections (Redis); nothing for memory. */
  close(): Promise<void>;
}

/** The fewest writes between two sweeps of the memory store. */
const MIN_WRITES_BETWEEN_SWEEPS = 256;

/** A value, or a list's values newest first (kept as an array: a push neither parses nor re-writes the list). */
type Entry = { value: string | string[]; until: number };

/** A list's values as a copy the caller may change; a list key that holds a plain value reads as empty. */
const listOf = (entry: Entry | undefined): string[] => (Array.isArray(entry?.value) ? [...entry.value] : []);
/** A plain value (a list reads as its JSON). */
const textOf = (entry: Entry | undefined): string | undefined => (Array.isArray(entry?.value) ? JSON.stringify(entry.value) : entry?.value);

/** The memory store, with what only a store in the server's own process can offer. */
export interface MemoryStepUpStore extends StepUpStore {
  /** Deletes every key that starts with `prefix` (a dev reset's old generation, which nothing reads again). */
  forgetPrefix(prefix: string): void;
  /** The keys held now, expired ones not yet swept included (for diagnostics and tests). */
  keys(): string[];
  /** The prefixes whose keys are packed now, one table of at least 24 KB each (for diagnostics and tests, as keys()). */
  packedPrefixes(): string[];
}

/**
 * The most prefixes packed at once. A table keeps at least 24 KB however few ids it holds, so it
 * pays only for a prefix with many keys; the kit's own are a handful (`elevated:`, `external:`,
 * the generation's OAuth states). Without a cap, ids chosen from outside, such as an external
 * issuer's jtis `<counter>-<uuid>`, would keep a table per key.
 */
const MAX_PACKED_TABLES = 8;

/** The value setOnce stores when given none: the key's presence is all it says. */
const TAKEN = '1';

/**
 * One process's store: a map with expiries, swept as it grows, so it holds only live keys. Keys
 * taken with setOnce and no value that end in a UUID (the spent ids of elevated tokens, by far
 * the most numerous) are kept apart, packed (uuid-expiry-table.ts), in a table per prefix for at
 * most MAX_PACKED_TABLES prefixes at once; the others' keys go in the map. Either way they read
 * exactly as if they were in the map.
 */
export function createMemoryStore(now: () => number = Date.now): MemoryStepUpStore {
  const entries = new Map<string, Entry>();
  /** The packed keys, by the part of the key before the UUID (e.g. 'elevated:'). */
  const packed = new Map<string, UuidExpiryTable>();
  // Writes since the last sweep. A sweep reads every entry, so it waits for as many writes as
  // half the entries (at least MIN_WRITES_BETWEEN_SWEEPS): its cost per write stays constant
  // however many keys are live, where a sweep every 256 writes slowed a long load run down.
  let writesSinceSweep = 0;
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.until <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const write = (key: string, value: Entry['value'], until: number) => {
    if (++writesSinceSweep >= Math.max(MIN_WRITES_BETWEEN_SWEEPS, entries.size / 2)) {
      writesSinceSweep = 0;
      const nowMs = now();
      for (const [k, e] of entries) if (e.until <= nowMs) entries.delete(k);
    }
    entries.set(key, { value, until });
  };
  /** Where a packed key would be: its table (when there is one yet) and its UUID's words. */
  const packedSlot = (key: string) => {
    if (packed.size === 0) return undefined;
    const split = splitUuidKey(key);
    const table = split && packed.get(split.prefix);
    return table && { table, words: split.words };
  };
  /** Removes a packed key, answering its expiry when it was live: a write of a value takes its place. */
  const unpack = (key: string) => {
    const slot = packedSlot(key);
    return slot && slot.table.remove(slot.words);
  };
  const isPackedLive = (key: string) => {
    const slot = packedSlot(key);
    return slot !== undefined && slot.table.untilOf(slot.words) !== undefined;
  };
  /** Packs a setOnce of no value whose key ends in a UUID; false when the key is not one, or its prefix gets no table. */
  const pack = (key: string, untilMs: number) => {
    const split = Number.isFinite(untilMs) && untilMs > 0 ? splitUuidKey(key) : undefined;
    if (!split) return false;
    let table = packed.get(split.prefix);
    if (!table) {
      if (packed.size >= MAX_PACKED_TABLES) {
        // Tables with no live id answer nothing: dropping them changes no answer, and makes room
        // again once a burst of prefixes has expired, so the hot prefix gets its table back.
        const nowMs = now();
        for (const [prefix, t] of packed) if (t.size === 0 || t.latestUntil <= nowMs) packed.delete(prefix);
        // Still full: the key goes in the map, which frees it when it expires.
        if (packed.size >= MAX_PACKED_TABLES) return false;
      }
      packed.set(split.prefix, (table = new UuidExpiryTable(now)));
    }
    table.add(split.words, untilMs);
    return true;
  };
  // Every operation runs to completion before the next starts (one thread): atomic as it is.
  return {
    async setOnce(key, untilMs, value = TAKEN) {
      if (live(key) || isPackedLive(key)) return false;
      if (value !== TAKEN || !pack(key, untilMs)) write(key, value, untilMs);
      return true;
    },
    async put(key, value, untilMs) {
      unpack(key);
      write(key, value, untilMs);
    },
    async get(key) {
      return textOf(live(key)) ?? (isPackedLive(key) ? TAKEN : undefined);
    },
    async take(key) {
      const entry = live(key);
      entries.delete(key);
      const packedUntil = unpack(key);
      return textOf(entry) ?? (packedUntil !== undefined ? TAKEN : undefined);
    },
    async increment(key, untilMs) {
      // A packed key counts as '1', in the window it was taken for (as a stored '1' would).
      const packedUntil = unpack(key);
      const entry = live(key) ?? (packedUntil !== undefined ? { value: TAKEN, until: packedUntil } : undefined);
      const count = Number(textOf(entry) ?? 0) + 1;
      write(key, String(count), entry?.until ?? untilMs);
      return count;
    },
    async delete(key) {
      entries.delete(key);
      unpack(key);
    },
    async pushToList(key, value, untilMs, keep) {
      unpack(key);
      const stored = live(key)?.value;
      const values = Array.isArray(stored) ? stored : [];
      values.unshift(value);
      if (values.length > keep) values.length = keep;
      write(key, values, untilMs);
    },
    async list(key) {
      return listOf(live(key));
    },
    async close() {},
    forgetPrefix(prefix) {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
      for (const [tablePrefix, table] of packed) {
        if (tablePrefix.startsWith(prefix)) packed.delete(tablePrefix);
        else if (prefix.startsWith(tablePrefix)) table.removeWhere((uuid) => (tablePrefix + uuid).startsWith(prefix));
      }
    },
    keys() {
      return [...entries.keys(), ...[...packed].flatMap(([prefix, table]) => table.ids().map((uuid) => prefix + uuid))];
    },
    packedPrefixes() {
      return [...packed.keys()];
    },
  };
}
