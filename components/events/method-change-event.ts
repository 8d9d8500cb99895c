import type { StepUpMethod } from '../../src/index.js';

/** `stepupmethodchange`: the user chose another method in the dialog. Bubbles, composed. */
export class StepUpMethodChangeEvent extends Event {
  static readonly eventName = 'stepupmethodchange';
  readonly detail: { method: StepUpMethod; credentialId: string };

  constructor(detail: { method: StepUpMethod; credentialId: string }) {
    super(StepUpMethodChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    [StepUpMethodChangeEvent.eventName]: StepUpMethodChangeEvent;
  }
}
