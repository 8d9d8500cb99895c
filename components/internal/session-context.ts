// What <step-up-dialog> hands the method element it renders, as its `session` property. A
// property, not @lit/context: the dialog creates the element itself, and the
// context library weighed ~1 kB gz of the 18 kB the dialog may load before a method shows.
import type { Prefetch, StepUpBackend, StepUpCredential, StepUpError, StepUpMethod } from '../../src/index.js';
import type { StepUpStringOverrides } from '../translations/strings.js';

export interface StepUpSession {
  backend: StepUpBackend;
  scope: string;
  credential: StepUpCredential;
  /** Aborted when the dialog closes: whatever the method has in flight stops. */
  signal: AbortSignal;
  strings: StepUpStringOverrides | undefined;
  /**
   * What the dialog fetches for the method while it opens (passkey options, wallet nonce):
   * await it and hand it to the core call, so that only the verify request is left. Settles
   * to undefined when nothing was prefetched. Updated in place when the user switches methods.
   * Keyed by method; the method's element class produced it (`static prefetch`), so it knows
   * the type.
   */
  prefetched: Partial<Record<StepUpMethod, Promise<Prefetch<unknown> | undefined>>>;
  /** The method verified the user; the dialog announces it (once, and never after a close). */
  elevated(method: StepUpMethod, credentialId: string | undefined): void;
  /** An attempt failed; the method shows it, the dialog reports it. */
  failed(method: StepUpMethod, error: StepUpError): void;
}

/** A method element class that fetches ahead what its first request needs; the dialog calls it while opening. */
export interface PrefetchingMethod {
  prefetch(backend: StepUpBackend, signal: AbortSignal): Prefetch<unknown> | undefined;
}
