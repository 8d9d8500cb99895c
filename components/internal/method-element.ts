// Shared by every method element: where the client, scope and credential come from (the
// dialog's session, else the element's own properties), cancellation, and how success and
// failure are reported (to the dialog, else as events from the element itself).
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import {
  elevationOf,
  getDefaultClient,
  isStepUpError,
  StepUpError,
  type StepUpClient,
  type StepUpCredential,
  type StepUpMethod,
} from '../../src/index.js';
import { StepUpElevatedEvent } from '../events/elevated-event.js';
import { StepUpErrorEvent } from '../events/error-event.js';
import type { StepUpStringOverrides } from '../translations/strings.js';
import type { StepUpSession } from './session-context.js';
import { StepUpElement } from './step-up-element.js';

/** Any failure as a StepUpError (a thrown TypeError becomes `request_failed`). */
export const asStepUpError = (error: unknown): StepUpError =>
  isStepUpError(error) ? error : new StepUpError('request_failed', { cause: error });

export abstract class StepUpMethodElement extends StepUpElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The step-up client; defaults to the dialog's, else the default client. */
  @property({ attribute: false }) client?: StepUpClient;

  /** The scope to elevate, e.g. `wallet:export`; defaults to the dialog's. */
  @property() scope?: string;

  /** The credential to present (from `checkStepUpAuth`); defaults to the dialog's. */
  @property({ attribute: false }) credential?: StepUpCredential;

  /**
   * Set by `<step-up-dialog>` on the method element it renders; unset when the element stands alone.
   * @internal
   */
  @property({ attribute: false }) session?: StepUpSession;

  /** Which method this element is. */
  abstract readonly method: StepUpMethod;

  #connection = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#connection.signal.aborted) this.#connection = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection.abort(); // whatever is in flight stops with the element
  }

  protected get activeClient(): StepUpClient {
    return this.client ?? this.session?.client ?? getDefaultClient();
  }

  protected get activeScope(): string {
    return this.scope ?? this.session?.scope ?? '';
  }

  protected get activeCredential(): StepUpCredential | undefined {
    return this.credential ?? this.session?.credential;
  }

  protected override inheritedStrings(): StepUpStringOverrides | undefined {
    return this.session?.strings;
  }

  /** A signal that fires when the task is superseded, the element leaves the page, or the dialog closes. */
  protected signalFor(taskSignal: AbortSignal): AbortSignal {
    const signals = [taskSignal, this.#connection.signal];
    if (this.session) signals.push(this.session.signal);
    return AbortSignal.any(signals);
  }

  /** True once the element or its dialog has been closed: nothing may be reported any more. */
  protected get stopped(): boolean {
    return this.#connection.signal.aborted || Boolean(this.session?.signal.aborted);
  }

  /** Reports success: to the dialog, or as an `elevated` event when standing alone. */
  protected reportElevated(): void {
    if (this.stopped) return;
    const credentialId = this.activeCredential?.id;
    if (this.session) {
      this.session.elevated(this.method, credentialId);
      return;
    }
    const elevation = { scope: this.activeScope, method: this.method, credentialId, alreadyElevated: false };
    this.dispatchEvent(new StepUpElevatedEvent(elevationOf(elevation, this.activeClient)));
  }

  /** Reports a failed attempt: to the dialog, or as a `stepuperror` event when standing alone. */
  protected reportFailure(error: StepUpError): void {
    if (this.stopped) return;
    if (this.session) this.session.failed(this.method, error);
    else this.dispatchEvent(new StepUpErrorEvent({ error, method: this.method, scope: this.activeScope }));
  }

  /** The sentence for an error, from the string table. */
  protected messageFor(error: StepUpError): string {
    return this.t.errors[error.code] ?? this.t.errors.request_failed;
  }
}
