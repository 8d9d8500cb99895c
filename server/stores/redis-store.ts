// The StepUpStore on Redis, for several instances: each operation one atomic command (`SET NX
// PX`, `GETDEL`) or one transaction (`INCR` with `PEXPIRE NX`; `LPUSH`, `LTRIM`, `PEXPIRE`), so
// the first caller wins across instances.
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
  const ttl = (untilMs: number) => Math.max(1, Math.ceil(untilMs - now()));
  const k = (key: string) => `${prefix}${key}`;
  return {
    async setOnce(key, untilMs, value = '1') {
      return (await client.set(k(key), value, { NX: true, PX: ttl(untilMs) })) === 'OK';
    },
    async put(key, value, untilMs) {
      await client.set(k(key), value, { PX: ttl(untilMs) });
    },
    async get(key) {
      return (await client.get(k(key))) ?? undefined;
    },
    async take(key) {
      return (await client.getDel(k(key))) ?? undefined;
    },
    async increment(key, untilMs) {
      // One transaction: the count and its expiry (set by the first increment only, NX) together.
      const [count] = await client.multi().incr(k(key)).pExpire(k(key), ttl(untilMs), 'NX').exec();
      return Number(count);
    },
    async delete(key) {
      await client.del(k(key));
    },
    async pushToList(key, value, untilMs, keep) {
      await client.multi().lPush(k(key), value).lTrim(k(key), 0, keep - 1).pExpire(k(key), ttl(untilMs)).exec();
    },
    async list(key) {
      return client.lRange(k(key), 0, -1);
    },
    async close() {
      // close() lets pending commands finish; when Redis is gone, destroy() also stops the reconnect loop.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
