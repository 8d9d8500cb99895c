// The development outbox (dev mode only): where one-time codes "arrive" so the demo and tests
// can read them. Kept per user and capped, so a long load run holds a few codes per user.
import type { OutboxMessage, Store } from './store.js';

/** Newest messages kept per user; older ones fall off. */
export const DEV_OUTBOX_PER_USER = 20;
/** Most messages `GET dev/outbox` answers without a user. */
export const DEV_OUTBOX_LISTED = 100;

export function addToDevOutbox(store: Store, message: OutboxMessage): void {
  const messages = store.devOutbox.get(message.userId) ?? [];
  messages.push(message);
  if (messages.length > DEV_OUTBOX_PER_USER) messages.splice(0, messages.length - DEV_OUTBOX_PER_USER);
  store.devOutbox.set(message.userId, messages);
}

/** Newest first: one user's messages, or everyone's (capped). */
export function listDevOutbox(store: Store, userId?: string): OutboxMessage[] {
  if (userId !== undefined) return (store.devOutbox.get(userId) ?? []).toReversed();
  const all = [...store.devOutbox.values()].flatMap((messages) => messages.toReversed());
  // ISO timestamps of one clock sort as strings; the stable sort keeps same-ms sends newest first.
  return all.sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0)).slice(0, DEV_OUTBOX_LISTED);
}
