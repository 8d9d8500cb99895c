// The development outbox (dev mode only): where one-time codes "arrive" so the demo and tests
// can read them. In the shared store, so a code sent through one instance can be read through
// another; kept per user and capped, so a long load run holds a few codes per user.
import type { ServerContext } from './server-context.js';
import type { Channel } from './users.js';

export interface OutboxMessage {
  channel: Channel;
  to: string;
  code: string;
  sentAt: string;
  userId: string;
}

/** Newest messages kept per user; older ones fall off. */
export const DEV_OUTBOX_PER_USER = 20;
/** Most messages `GET dev/outbox` answers without a user. */
export const DEV_OUTBOX_LISTED = 100;
/** A message is kept this long after the newest send to its list (codes live 10 minutes). */
const KEPT_MS = 60 * 60 * 1000;

export async function addToDevOutbox(ctx: ServerContext, message: OutboxMessage): Promise<void> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const value = JSON.stringify(message);
  const until = ctx.now() + KEPT_MS;
  await shared.pushToList(keys.devOutbox(message.userId), value, until, DEV_OUTBOX_PER_USER);
  await shared.pushToList(keys.devOutbox(), value, until, DEV_OUTBOX_LISTED);
}

/** Newest first: one user's messages, or everyone's (capped). */
export async function listDevOutbox(ctx: ServerContext, userId?: string): Promise<OutboxMessage[]> {
  const values = await ctx.sharedStore.list(ctx.resettableKeys.devOutbox(userId));
  return values.map((value) => JSON.parse(value) as OutboxMessage);
}
