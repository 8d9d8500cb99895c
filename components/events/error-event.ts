import type { StepUpError, StepUpMethod } from '../../src/index.js';

/**
 * `stepuperror`: a verification attempt failed (wrong code, refused prompt, network). The
 * element shows it to the user and stays usable; this is for logging and analytics. Not
 * named `error`: a bubbling `error` reaches `window` and global error trackers. Bubbles, composed.
 */
export class StepUpErrorEvent extends Event {
  static readonly eventName = 'stepuperror';
  readonly detail: { error: StepUpError; method: StepUpMethod; scope: string };

  constructor(detail: { error: StepUpError; method: StepUpMethod; scope: string }) {
    super(StepUpErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    [StepUpErrorEvent.eventName]: StepUpErrorEvent;
  }
}
