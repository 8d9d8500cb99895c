// The memory store keeps spent token ids (keys ending in a UUID, taken with no value) packed in
// typed arrays instead of its map: they must read exactly as map entries would, and be freed once
// expired, so a server under steady load holds a bounded amount however long it runs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryStore, type StepUpStore } from './stores/step-up-store.js';
import { splitUuidKey, UuidExpiryTable, uuidOf } from './stores/uuid-expiry-table.js';

/** A deterministic sequence, so a failure repeats. */
function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every operation of the store, setOnce of no value (the one that packs) the most often. */
const operations: [string, (s: StepUpStore, key: string, until: number) => Promise<unknown>][] = [
  ['setOnce', (s, key, until) => s.setOnce(key, until)],
  ['setOnce', (s, key, until) => s.setOnce(key, until)],
  ['setOnce', (s, key, until) => s.setOnce(key, until)],
  ['setOnce with a value', (s, key, until) => s.setOnce(key, until, 'v')],
  ['get', (s, key) => s.get(key)],
  ['get', (s, key) => s.get(key)],
  ['take', (s, key) => s.take(key)],
  ['delete', (s, key) => s.delete(key)],
  ['put', (s, key, until) => s.put(key, 'put', until)],
  ['increment', (s, key, until) => s.increment(key, until)],
  ['pushToList', (s, key, until) => s.pushToList(key, 'item', until, 3)],
  ['list', (s, key) => s.list(key)],
];

describe('the memory store\'s packed spent ids', () => {
  it('reads a key ending in a UUID back as the same UUID, and packs no other spelling', () => {
    const id = randomUUID();
    const split = splitUuidKey(`elevated:${id}`);
    assert.equal(split?.prefix, 'elevated:');
    assert.equal(uuidOf(split!.words), id);
    assert.equal(uuidOf(splitUuidKey('ffffffff-ffff-ffff-ffff-ffffffffffff')!.words), 'ffffffff-ffff-ffff-ffff-ffffffffffff');
    for (const other of [`elevated:${id.toUpperCase()}`, `elevated:${id}x`, `elevated:${id.slice(1)}`, id.replaceAll('-', '_'), 'short']) {
      assert.equal(splitUuidKey(other), undefined, other);
    }
  });

  it('answers every operation on UUID keys as the map answers them on other keys (20,000 random operations)', async () => {
    let nowMs = 1_000_000;
    const store = createMemoryStore(() => nowMs);
    const random = pseudoRandom(17);
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    // The same operation on `elevated:<uuid>` (packed when taken with no value) and on
    // `plain:<uuid>!` (never packed: it does not end in a UUID) must answer the same.
    const packedKey = (id: string) => `elevated:${id}`;
    const plainKey = (id: string) => `plain:${id}!`;
    for (let i = 0; i < 20_000; i++) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const [name, run] = operations[Math.floor(random() * operations.length)]!;
      const until = nowMs + 1 + Math.floor(random() * 60_000);
      const [a, b] = [await run(store, packedKey(id), until), await run(store, plainKey(id), until)];
      assert.deepEqual(a, b, `operation ${i}: ${name} of ${id}`);
      nowMs += Math.floor(random() * 50);
    }
    let taken = 0;
    for (const id of ids) {
      const value = await store.get(packedKey(id));
      assert.equal(value, await store.get(plainKey(id)), `${id} at the end`);
      if (value === '1') taken += 1;
    }
    assert.ok(taken > 100, `many keys ended taken with no value, so packed: ${taken}`);
  });

  it('frees expired ids: under a steady load of 5-minute ids, the table stops growing once they turn over', () => {
    let nowMs = 1_000_000;
    const table = new UuidExpiryTable(() => nowMs);
    const LIFETIME_MS = 5 * 60_000;
    const PER_SECOND = 1000;
    const capacityAt: number[] = [];
    // Fifteen minutes of 1,000 ids a second, each kept 5 minutes: 300,000 live at any time.
    for (let second = 0; second < 15 * 60; second++) {
      for (let i = 0; i < PER_SECOND; i++) {
        nowMs += 1;
        table.add(splitUuidKey(randomUUID())!.words, nowMs + LIFETIME_MS);
      }
      if (second % 60 === 59) capacityAt.push(table.capacity);
    }
    const live = LIFETIME_MS * (PER_SECOND / 1000);
    assert.ok(table.size <= live * 1.5, `holds the live ids and the expired ones of one sweep at most: ${table.size}`);
    assert.deepEqual(capacityAt.slice(6), Array(capacityAt.length - 6).fill(capacityAt[5]), `the slots stop growing after the first minutes: ${capacityAt}`);
    assert.ok(capacityAt.at(-1)! <= 2 ** 19, `24 bytes a slot, about 40 a live id: ${capacityAt.at(-1)} slots for ${live} live ids`);

    // No more ids: one sweep later nothing expired is held, and the table shrinks back.
    nowMs += LIFETIME_MS;
    table.sweep();
    assert.equal(table.size, 0);
    while (table.capacity > 1024) table.sweep();
    assert.equal(table.capacity, 1024);
  });

  it('finds every id held, and none removed, through runs that wrap around the end of the table', () => {
    let nowMs = 1_000;
    const table = new UuidExpiryTable(() => nowMs);
    const random = pseudoRandom(5);
    const held = new Map<string, number>();
    for (let round = 0; round < 20_000; round++) {
      const id = random() < 0.5 && held.size > 0 ? [...held.keys()][Math.floor(random() * held.size)]! : randomUUID();
      const words = splitUuidKey(id)!.words;
      if (random() < 0.6) {
        const until = nowMs + 1 + Math.floor(random() * 2000);
        table.add(words, until);
        held.set(id, until);
      } else {
        const until = held.get(id);
        assert.equal(table.remove(words), until !== undefined && until > nowMs ? until : undefined, `remove ${id}`);
        held.delete(id);
      }
      nowMs += 1;
      if (round % 997 === 0) {
        for (const [heldId, until] of held) assert.equal(table.untilOf(splitUuidKey(heldId)!.words), until > nowMs ? until : undefined, heldId);
      }
    }
    assert.deepEqual(table.ids().sort(), [...held].filter(([, until]) => until > nowMs).map(([id]) => id).sort());
  });

  it('a dev reset forgets the old generation and keeps the spent ids', async () => {
    const store = createMemoryStore();
    const until = Date.now() + 60_000;
    const spent = `elevated:${randomUUID()}`;
    const generation = `g0:verification-taken:${randomUUID()}`;
    await store.setOnce(spent, until);
    await store.setOnce(generation, until);
    store.forgetPrefix('g0:');
    assert.equal(await store.get(spent), '1');
    assert.equal(await store.get(generation), undefined);
    assert.equal(await store.setOnce(spent, until), false);
  });

  it('keys ending in a UUID under many prefixes: only a bounded number of tables, the rest in the map, all answered the same and freed when they expire', async () => {
    let nowMs = 1_000_000;
    const store = createMemoryStore(() => nowMs);
    // The store's cap: each table keeps at least 24 KB, however few keys it holds.
    const MAX_TABLES = 8;
    // Spent ids of an external issuer whose jtis read `<counter>-<uuid>`: a prefix per key.
    const keyOf = (n: number) => `external:${n}-${randomUUID()}`;
    // The same operation on the key followed by '!' (never packed) must answer the same.
    const same = async (key: string, until: number, [name, run]: (typeof operations)[number]) =>
      assert.deepEqual(await run(store, key, until), await run(store, `${key}!`, until), `${name} of ${key}`);
    const [setOnce, , , , get] = operations;

    const until = nowMs + 60_000;
    const hot = `elevated:${randomUUID()}`;
    const first = [hot, ...Array.from({ length: 40 }, (_, n) => keyOf(n))];
    for (const key of first) await same(key, until, setOnce!);
    assert.ok(store.packedPrefixes().length <= MAX_TABLES, `tables: ${store.packedPrefixes().join(' ')}`);
    assert.ok(store.packedPrefixes().includes('elevated:'), 'the spent ids of elevated tokens stay packed');
    for (const key of first) {
      await same(key, until, setOnce!);
      await same(key, until, get!);
    }
    assert.deepEqual(store.keys().filter((key) => !key.endsWith('!')).sort(), [...first].sort());

    // Random operations on 50 prefixes, with expiries of up to 5 s: tables fill, expire and are
    // replaced, and a prefix's keys can be in the map and in its table at once.
    const random = pseudoRandom(23);
    const ids = Array.from({ length: 200 }, (_, n) => keyOf(n % 50));
    for (let i = 0; i < 5000; i++) {
      const key = ids[Math.floor(random() * ids.length)]!;
      await same(key, nowMs + 1 + Math.floor(random() * 5000), operations[Math.floor(random() * operations.length)]!);
      assert.ok(store.packedPrefixes().length <= MAX_TABLES, `operation ${i}: tables ${store.packedPrefixes().join(' ')}`);
      nowMs += Math.floor(random() * 20);
    }
    for (const key of [...first, ...ids]) await same(key, nowMs + 1000, get!);

    // Once all of it has expired, later keys take the tables over, and the map's next sweep
    // (a write of half as many keys as it holds at most) frees the rest.
    nowMs += 10 * 60_000;
    for (const key of [...first, ...ids]) await same(key, nowMs + 1000, get!);
    const later = Array.from({ length: 1000 }, (_, n) => `later:${n}-${randomUUID()}`);
    for (const key of later) assert.equal(await store.setOnce(key, nowMs + 60_000), true);
    assert.deepEqual(store.keys().sort(), later.sort());
    assert.ok(store.packedPrefixes().length <= MAX_TABLES, `tables: ${store.packedPrefixes().join(' ')}`);
    assert.ok(store.packedPrefixes().every((prefix) => prefix.startsWith('later:')), `tables: ${store.packedPrefixes().join(' ')}`);
  });
});
