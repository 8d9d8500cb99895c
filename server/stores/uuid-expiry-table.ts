// The memory store's most numerous entries, packed: keys that end in a UUID and are taken with
// setOnce and no value of their own — the spent ids of elevated tokens, kept until the token
// would have expired (5 or 10 minutes), so under load every step-up of the last minutes. As a Map
// entry each cost about 190 bytes of heap (the key string, an entry object, the expiry as a heap
// number, the map's slot); here an id is its 16 bytes and its expiry in typed arrays, about 40
// bytes a live id, and expired ones are dropped by a sweep as the table fills.
//
// Open addressing with linear probing; a deletion shifts the rest of its run back (no
// tombstones), so a slot is either empty (expiry 0) or holds an id. The slot comes from the id's
// words mixed with a random seed of this process: ids from outside (an external issuer's) cannot
// be chosen to pile up in one run.
import { randomFillSync } from 'node:crypto';

/** Slots of a new table, and the fewest a table shrinks to. */
const MIN_CAPACITY = 1024;
/** Above this share of slots used, the table is swept, and doubles when that did not make room. */
const MAX_LOAD = 0.7;
/** The fewest additions between two sweeps; otherwise one sweep per half the ids held. */
const MIN_ADDS_BETWEEN_SWEEPS = 256;
const UUID_LENGTH = 36;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID as four 32-bit words, read from its lowercase hex (the only spelling packed). */
export type UuidWords = [number, number, number, number];

/** The key's part before a trailing lowercase UUID, and the UUID's words; undefined for any other key. */
export function splitUuidKey(key: string): { prefix: string; words: UuidWords } | undefined {
  if (key.length < UUID_LENGTH) return undefined;
  const id = key.slice(-UUID_LENGTH);
  if (!UUID.test(id)) return undefined;
  const word = (hex: string) => Number.parseInt(hex, 16) | 0;
  return {
    prefix: key.slice(0, -UUID_LENGTH),
    words: [word(id.slice(0, 8)), word(id.slice(9, 13) + id.slice(14, 18)), word(id.slice(19, 23) + id.slice(24, 28)), word(id.slice(28))],
  };
}

/** The UUID the words were read from. */
export function uuidOf(words: ArrayLike<number>): string {
  const hex = Array.from({ length: 4 }, (_, i) => ((words[i] as number) >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const seed = randomFillSync(new Int32Array(4));

/** UUIDs, each until a time (ms); one that is past it counts as absent. */
export class UuidExpiryTable {
  #words = new Int32Array(MIN_CAPACITY * 4);
  /** Expiry of each slot's id; 0 for an empty slot. */
  #until = new Float64Array(MIN_CAPACITY);
  #size = 0;
  #addsSinceSweep = 0;
  #latestUntil = 0;

  constructor(private readonly now: () => number) {}

  /** Slots in use, expired ids not yet swept included. */
  get size(): number {
    return this.#size;
  }

  /** Slots held (for tests: the memory a table keeps is 24 bytes a slot). */
  get capacity(): number {
    return this.#until.length;
  }

  /** The latest expiry ever added: once it has passed, every id held has expired (known without a scan). */
  get latestUntil(): number {
    return this.#latestUntil;
  }

  /** The expiry of a live id, or undefined. */
  untilOf(words: UuidWords): number | undefined {
    const slot = this.#find(words);
    const until = slot >= 0 ? (this.#until[slot] as number) : 0;
    return until > this.now() ? until : undefined;
  }

  /** Holds `words` until `untilMs` (> 0), replacing an id held already. */
  add(words: UuidWords, untilMs: number): void {
    if (!(untilMs > 0)) throw new RangeError('An expiry must be a time after the epoch.');
    this.#latestUntil = Math.max(this.#latestUntil, untilMs);
    // A full table first drops what has expired, and grows only when that did not make room.
    const full = () => this.#size + 1 > this.capacity * MAX_LOAD;
    if (++this.#addsSinceSweep >= Math.max(MIN_ADDS_BETWEEN_SWEEPS, this.#size / 2) || full()) this.sweep();
    if (full()) this.#resize(this.capacity * 2);
    const slot = this.#find(words);
    if (slot >= 0) {
      this.#until[slot] = untilMs;
      return;
    }
    this.#put(~slot, words, untilMs);
    this.#size += 1;
  }

  /** Removes `words`; answers the expiry it had when it was live. */
  remove(words: UuidWords): number | undefined {
    const slot = this.#find(words);
    if (slot < 0) return undefined;
    const until = this.#until[slot] as number;
    this.#clear(slot);
    return until > this.now() ? until : undefined;
  }

  /** Drops every expired id, in place; shrinks a table that has become mostly empty. */
  sweep(): void {
    this.#addsSinceSweep = 0;
    const nowMs = this.now();
    const until = this.#until;
    const mask = until.length - 1;
    // From an empty slot (the load keeps one) once around: no run crosses it, so an id shifted
    // back by a removal lands on a slot this loop has yet to look at, or on the one it is at.
    let start = 0;
    while (until[start] !== 0) start += 1;
    for (let step = 1; step <= mask; step++) {
      const slot = (start + step) & mask;
      while (until[slot] !== 0 && (until[slot] as number) <= nowMs) this.#clear(slot);
    }
    if (this.capacity > MIN_CAPACITY && this.#size < this.capacity / 8) this.#resize(this.capacity / 2);
  }

  /** Every live id, as UUID text (diagnostics and tests). */
  ids(): string[] {
    const nowMs = this.now();
    const out: string[] = [];
    for (let slot = 0; slot < this.capacity; slot++) {
      if ((this.#until[slot] as number) > nowMs) out.push(uuidOf(this.#words.subarray(slot * 4, slot * 4 + 4)));
    }
    return out;
  }

  /** Removes every id whose text `test` accepts. */
  removeWhere(test: (uuid: string) => boolean): void {
    const kept = new UuidExpiryTable(this.now);
    for (let slot = 0; slot < this.capacity; slot++) {
      const until = this.#until[slot] as number;
      const words = Array.from(this.#words.subarray(slot * 4, slot * 4 + 4)) as UuidWords;
      if (until !== 0 && !test(uuidOf(words))) kept.add(words, until);
    }
    [this.#words, this.#until, this.#size] = [kept.#words, kept.#until, kept.#size];
  }

  #home(w: ArrayLike<number>, mask: number): number {
    let h = Math.imul((w[0] as number) ^ (seed[0] as number), 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16) ^ (w[1] as number) ^ (seed[1] as number), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ (w[2] as number) ^ (seed[2] as number), 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16) ^ (w[3] as number) ^ (seed[3] as number), 0x27d4eb2f);
    return (h ^ (h >>> 15)) & mask;
  }

  /** The slot holding `w`, or the complement (~) of the empty slot where its run ends. */
  #find(w: ArrayLike<number>): number {
    const words = this.#words;
    const until = this.#until;
    const mask = until.length - 1;
    for (let slot = this.#home(w, mask); ; slot = (slot + 1) & mask) {
      if (until[slot] === 0) return ~slot;
      const at = slot * 4;
      if (words[at] === w[0] && words[at + 1] === w[1] && words[at + 2] === w[2] && words[at + 3] === w[3]) return slot;
    }
  }

  #put(slot: number, w: ArrayLike<number>, untilMs: number): void {
    this.#words.set(w, slot * 4);
    this.#until[slot] = untilMs;
  }

  /** Empties `slot` and shifts back the ids after it in its run that would no longer be found. */
  #clear(slot: number): void {
    const words = this.#words;
    const until = this.#until;
    const mask = until.length - 1;
    let hole = slot;
    for (let next = (hole + 1) & mask; until[next] !== 0; next = (next + 1) & mask) {
      const home = this.#home(words.subarray(next * 4, next * 4 + 4), mask);
      // The id at `next` stays unless its home lies cyclically outside (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      words.copyWithin(hole * 4, next * 4, next * 4 + 4);
      until[hole] = until[next] as number;
      hole = next;
    }
    until[hole] = 0;
    this.#size -= 1;
  }

  #resize(capacity: number): void {
    const words = this.#words;
    const until = this.#until;
    const nowMs = this.now();
    this.#words = new Int32Array(capacity * 4);
    this.#until = new Float64Array(capacity);
    this.#size = 0;
    for (let slot = 0; slot < until.length; slot++) {
      const u = until[slot] as number;
      if (u > nowMs) {
        const w = words.subarray(slot * 4, slot * 4 + 4);
        const free = ~this.#find(w);
        this.#put(free, w, u);
        this.#size += 1;
      }
    }
  }
}
