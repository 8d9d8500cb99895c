import type { StepUpElevation } from '../../src/index.js';

/** `elevated`: the user proved themselves; the token for `detail.scope` is stored. Bubbles, composed. */
export class StepUpElevatedEvent extends Event {
  static readonly eventName = 'elevated';
  readonly detail: StepUpElevation;

  constructor(detail: StepUpElevation) {
    super(StepUpElevatedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    [StepUpElevatedEvent.eventName]: StepUpElevatedEvent;
  }
}
