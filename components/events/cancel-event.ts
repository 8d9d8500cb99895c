/**
 * `stepupcancel`: the user closed the step-up (Escape, close button, `close()`); nothing was
 * elevated. Not named `cancel`: that is the native `<dialog>` event, and an app's own dialog
 * around ours must not take ours for its own. Bubbles, composed.
 */
export class StepUpCancelEvent extends Event {
  static readonly eventName = 'stepupcancel';
  readonly detail: { scope: string };

  constructor(detail: { scope: string }) {
    super(StepUpCancelEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    [StepUpCancelEvent.eventName]: StepUpCancelEvent;
  }
}
