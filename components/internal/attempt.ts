// One asynchronous operation of an element (send a code, verify it, run a prompt) and its state
// for rendering. A new run aborts the one in flight and that run's outcome is ignored, so a
// late answer can never overwrite a newer one. This is the part of @lit/task we used,
// in ~0.2 kB gz instead of ~0.8: the size budgets of `npm run size` had no room for the library.
import type { ReactiveControllerHost } from 'lit';

export type AttemptStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface AttemptOptions<A extends readonly unknown[], T> {
  task(args: A, signal: AbortSignal): Promise<T>;
  onComplete?(value: T): void;
  onError?(error: unknown): void;
}

export class Attempt<A extends readonly unknown[], T = unknown> {
  status: AttemptStatus = 'initial';
  value?: T;
  error?: unknown;
  #current?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AttemptOptions<A, T>,
  ) {}

  get pending(): boolean {
    return this.status === 'pending';
  }

  /** Runs the operation; resolves (never rejects) once it settled or was superseded. */
  async run(args: A): Promise<void> {
    this.#current?.abort();
    const current = (this.#current = new AbortController());
    this.#settle('pending');
    try {
      const value = await this.options.task(args, current.signal);
      if (current !== this.#current) return;
      this.value = value;
      this.#settle('complete');
      this.options.onComplete?.(value);
    } catch (error) {
      if (current !== this.#current) return;
      this.error = error;
      this.#settle('error');
      this.options.onError?.(error);
    }
  }

  #settle(status: AttemptStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
