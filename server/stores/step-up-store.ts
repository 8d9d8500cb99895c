// Short-lived state that every instance of the step-up server (and every app checking its
// tokens) must agree on, behind one small interface with atomic operations: today the spent
// ids of single-use tokens and assertions. In memory for one process (the embedded default),
// or in Redis for several (redis-store.ts).

export interface StepUpStore {
  /**
   * Marks `key` as taken until `untilMs` (epoch ms) unless it already is: true when this call
   * took it. Atomic across everything that shares the store, so the first caller wins.
   * Rejects when the store cannot be reached: callers refuse, they never accept.
   */
  setOnce(key: string, untilMs: number): Promise<boolean>;
  /** Releases connections (Redis); nothing for memory. */
  close(): Promise<void>;
}

/** How often the memory store drops lapsed keys: at most once per this many insertions. */
const SWEEP_EVERY = 256;

/** One process's store: a map with expiries, swept as it grows, so it holds only live keys. */
export function createMemoryStore(now: () => number = Date.now): StepUpStore {
  const taken = new Map<string, number>();
  let insertions = 0;
  const sweep = (nowMs: number) => {
    for (const [key, until] of taken) if (until <= nowMs) taken.delete(key);
  };
  return {
    async setOnce(key, untilMs) {
      const nowMs = now();
      const until = taken.get(key);
      if (until !== undefined && until > nowMs) return false;
      if (++insertions % SWEEP_EVERY === 0) sweep(nowMs);
      taken.set(key, untilMs);
      return true;
    },
    async close() {},
  };
}
