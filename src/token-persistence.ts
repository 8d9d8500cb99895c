// Where elevated tokens live between reads. 'memory' keeps them in this page only;
// 'session' also keeps them in sessionStorage so they survive a reload of the same tab.
// Nothing ever goes to localStorage or cookies.

export interface TokenPersistence {
  load(): string[];
  save(tokens: string[]): void;
}

export function memoryPersistence(): TokenPersistence {
  let tokens: string[] = [];
  return {
    load: () => [...tokens],
    save: (next) => {
      tokens = [...next];
    },
  };
}

/**
 * sessionStorage is the single source of truth (re-read on every load), so two clients
 * of one environment in the same tab never both hand out one single-use token. When
 * sessionStorage is unavailable (privacy modes, sandboxed frames) tokens stay in memory.
 */
export function sessionPersistence(key: string): TokenPersistence {
  const fallback = memoryPersistence();
  let storage: Storage | undefined;
  try {
    storage = globalThis.sessionStorage;
    storage.getItem(key);
  } catch {
    storage = undefined;
  }
  if (!storage) return fallback;
  const session = storage;
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(session.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
      } catch {
        return [];
      }
    },
    save(tokens) {
      try {
        if (tokens.length === 0) session.removeItem(key);
        else session.setItem(key, JSON.stringify(tokens));
      } catch {
        // Quota or access errors: the token is still usable from the caller's result.
      }
    },
  };
}
