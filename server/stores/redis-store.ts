// The StepUpStore on Redis, for several instances: `SET key 1 NX PX ttl` takes a key for its
// lifetime only if nobody has, in one atomic command, so the first use wins across instances.
import { createClient } from 'redis';
import type { StepUpStore } from './step-up-store.js';

export interface RedisStoreOptions {
  /** e.g. 'redis://127.0.0.1:6379'. */
  url: string;
  /** Prefix of every key, so one Redis can serve several environments. Default 'step-up:'. */
  prefix?: string;
  now?: () => number;
}

export async function createRedisStore({ url, prefix = 'step-up:', now = Date.now }: RedisStoreOptions): Promise<StepUpStore> {
  // No offline queue: a command while Redis is down fails at once, and the caller refuses (503)
  // instead of hanging or, worse, accepting. Reconnects in the background once it was up; a
  // Redis that cannot be reached at start is an error at start.
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(1000, 50 * 2 ** retries) : cause) },
  });
  client.on('error', () => undefined); // each failed command rejects on its own; no unhandled 'error' event
  await client.connect();
  connected = true;
  return {
    async setOnce(key, untilMs) {
      const ttl = Math.max(1, Math.ceil(untilMs - now()));
      return (await client.set(`${prefix}${key}`, '1', { NX: true, PX: ttl })) === 'OK';
    },
    async close() {
      // close() lets pending commands finish; when Redis is gone, destroy() also stops the reconnect loop.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
