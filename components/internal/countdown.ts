// A per-second countdown that re-renders its host: rate limits and resend cooldowns.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CountdownController implements ReactiveController {
  /** Whole seconds left; 0 when not running. */
  remaining = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #endsAt = 0;
  readonly #host: ReactiveControllerHost;
  readonly #onEnd: () => void;

  constructor(host: ReactiveControllerHost, onEnd: () => void = () => {}) {
    this.#host = host;
    this.#onEnd = onEnd;
    host.addController(this);
  }

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.stop();
    this.#endsAt = Date.now() + Math.max(1, Math.ceil(seconds)) * 1000;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), 250);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.remaining = 0;
  }

  hostDisconnected(): void {
    this.stop();
  }

  #tick(): void {
    const remaining = Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
    if (remaining === this.remaining) return;
    this.remaining = remaining;
    this.#host.requestUpdate();
    if (remaining === 0) {
      this.stop();
      this.#onEnd();
    }
  }
}
