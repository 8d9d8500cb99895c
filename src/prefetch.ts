// A value requested ahead of the user's action (passkey options, a wallet nonce) so that only
// the verify request is left when they act. Used once, and only while fresh; otherwise the
// call that would have used it fetches a new one.
import type { StepUpClient } from './client.js';

export interface Prefetch<T> {
  /** Client-clock time (ms) from which the value is no longer used. */
  readonly staleAt: number;
  /** True once a call has taken it. */
  readonly used: boolean;
  /** The value (rejects as its request did). */
  readonly value: Promise<T>;
}

export function startPrefetch<T>(client: StepUpClient, request: Promise<T>, maxAgeMs: number): Prefetch<T> {
  request.catch(() => undefined); // reported, if ever, by the call that takes it
  return { staleAt: client.now() + maxAgeMs, used: false, value: request };
}

/** True while `prefetch` can still be taken: not used, not stale by `client`'s clock (a client's or a backend's). */
export function isFresh(client: Pick<StepUpClient, 'now'>, prefetch: Pick<Prefetch<unknown>, 'used' | 'staleAt'> | undefined): boolean {
  return prefetch !== undefined && !prefetch.used && client.now() < prefetch.staleAt;
}

/** The prefetched value when fresh and unused (marking it used), else undefined. */
export async function takeFresh<T>(client: StepUpClient, prefetch: Prefetch<T> | undefined): Promise<T | undefined> {
  if (!prefetch || !isFresh(client, prefetch)) return undefined;
  (prefetch as { used: boolean }).used = true;
  return prefetch.value.catch(() => undefined);
}
