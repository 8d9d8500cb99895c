// Methods driven by one button and a browser or wallet prompt (passkey, social, wallet):
// a task per attempt, a pending message, and an error with the button offered again.
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { StepUpError } from '../../src/index.js';
import { Task, TaskStatus } from '@lit/task';
import { icon } from './icons.js';
import { asStepUpError, StepUpMethodElement } from './method-element.js';

export abstract class StepUpActionElement<A extends readonly unknown[] = readonly []> extends StepUpMethodElement {
  /** One attempt; a new run aborts the one in flight, whose late outcome is then ignored. */
  protected readonly actionTask = new Task<A, unknown>(this, {
    task: (args, { signal }) => this.perform(args, this.signalFor(signal)),
    autoRun: false,
    onComplete: () => this.reportElevated(),
    onError: (error) => this.#failed(asStepUpError(error)),
  });

  /** The failure on screen, if any. */
  @state() protected error?: StepUpError;

  /** One attempt: resolves when the elevated token is stored. Called synchronously from the click. */
  protected abstract perform(args: A, signal: AbortSignal): Promise<unknown>;

  protected get pending(): boolean {
    return this.actionTask.status === TaskStatus.PENDING;
  }

  /** Starts an attempt; call it straight from a click handler (popups and prompts need the gesture). */
  protected start(...args: A): void {
    if (this.pending) return;
    this.error = undefined;
    void this.actionTask.run(args);
  }

  /** Text for an error; elements refine it (a refused passkey prompt is not an error of the user's). */
  protected describe(error: StepUpError): string {
    return this.messageFor(error);
  }

  #failed(error: StepUpError): void {
    if (this.stopped) return;
    this.reportFailure(error);
    this.error = error;
  }

  protected renderError(): TemplateResult {
    return html`<p part="error" class="error" role="alert">${this.error ? html`${icon('alert')}<span>${this.describe(this.error)}</span>` : nothing}</p>`;
  }

  protected renderStatus(waiting: string): TemplateResult {
    return html`<p part="status" class="status" role="status">${this.actionTask.render({ pending: () => waiting, complete: () => this.t.verified })}</p>`;
  }
}
