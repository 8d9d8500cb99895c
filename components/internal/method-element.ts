// Shared by every method element: where the backend, scope and credential come from (the
// element's own properties, else the dialog's session), cancellation, and how success and
// failure are reported (to the dialog, else as events from the element itself).
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import {
  createStepUpBackend,
  getDefaultClient,
  isStepUpError,
  StepUpError,
  type StepUpBackend,
  type StepUpClient,
  type StepUpCredential,
  type StepUpMethod,
  type StepUpMethodCalls,
} from '../../src/index.js';
import { StepUpElevatedEvent } from '../events/elevated-event.js';
import { StepUpErrorEvent } from '../events/error-event.js';
import type { StepUpStringOverrides } from '../translations/strings.js';
import type { StepUpSession } from './session-context.js';
import { StepUpElement } from './step-up-element.js';

/** Any failure as a StepUpError (a thrown TypeError becomes `request_failed`). */
export const asStepUpError = (error: unknown): StepUpError =>
  isStepUpError(error) ? error : new StepUpError('request_failed', { cause: error });

/** The core's function behind a backend call: the same parameters, and the client last. */
export type CoreCall<K extends keyof StepUpMethodCalls> = (
  params: Parameters<StepUpMethodCalls[K]>[0],
  client: StepUpClient,
) => ReturnType<StepUpMethodCalls[K]>;

/**
 * `backend`'s own `name` call, else `core` on the backend's client (the core's backend leaves
 * method calls to the elements, so that a method's code loads with its element); undefined
 * when the backend has neither.
 */
export function callOf<K extends keyof StepUpMethodCalls>(backend: StepUpBackend, name: K, core: CoreCall<K>): StepUpMethodCalls[K] | undefined {
  const own = backend[name];
  if (own) return own.bind(backend) as StepUpMethodCalls[K];
  const client = backend.client;
  return client ? (((params: Parameters<StepUpMethodCalls[K]>[0]) => core(params, client)) as StepUpMethodCalls[K]) : undefined;
}

export abstract class StepUpMethodElement extends StepUpElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The step-up client; defaults to the dialog's, else the default client. */
  @property({ attribute: false }) client?: StepUpClient;

  /**
   * Another backend than the core's, e.g. `createDynamicBackend(sdk)` from `step-up-kit/dynamic`;
   * defaults to the dialog's. Takes precedence over `client`.
   */
  @property({ attribute: false }) backend?: StepUpBackend;

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

  protected get activeBackend(): StepUpBackend {
    if (this.backend) return this.backend;
    if (this.client) return createStepUpBackend(this.client);
    return this.session?.backend ?? createStepUpBackend(getDefaultClient());
  }

  /** The active backend's `name` call (see `callOf`); `configuration_error` when it has none. */
  protected backendCall<K extends keyof StepUpMethodCalls>(name: K, core: CoreCall<K>): StepUpMethodCalls[K] {
    return (
      callOf(this.activeBackend, name, core) ??
      ((() => {
        throw new StepUpError('configuration_error', { message: `step-up-kit: the backend has no ${name}.` });
      }) as StepUpMethodCalls[K])
    );
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
    this.dispatchEvent(new StepUpElevatedEvent(this.activeBackend.elevationOf(elevation)));
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
