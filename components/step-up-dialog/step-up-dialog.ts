import { html, nothing, type LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
// Core modules by name, not the barrel: what the dialog shell loads stays small (see scripts/size.mjs).
import { checkStepUpAuth } from '../../src/check.js';
import type { StepUpCheckFailedEvent } from '../../src/client-events.js';
import type { StepUpClient } from '../../src/client.js';
import { getDefaultClient } from '../../src/default-client.js';
import { isFresh } from '../../src/prefetch.js';
import { StepUpError } from '../../src/errors.js';
import type { StepUpCheckResponse, StepUpCredential } from '@step-up-kit/protocol';
import { StepUpCancelEvent } from '../events/cancel-event.js';
import { elevationOf, StepUpElevatedEvent, type StepUpElevation } from '../events/elevated-event.js';
import { StepUpErrorEvent } from '../events/error-event.js';
import { StepUpMethodChangeEvent } from '../events/method-change-event.js';
import { icon, spinner } from '../internal/icons.js';
import { isElementReady, loadElement } from '../internal/element-loaders.js';
import { displayAlias, METHOD_TAGS, methodOf, type StepUpMethod } from '../internal/methods.js';
import type { PrefetchingMethod, StepUpSession } from '../internal/session-context.js';
import { StepUpElement } from '../internal/step-up-element.js';
import styles from './step-up-dialog.styles.js';

/** A check that answers faster than this never shows the dialog (no flash when no step-up is needed). */
export const CHECK_SHOW_DELAY_MS = 250;

/** Parts of the method elements, exported as `method-…` parts of the dialog. */
const METHOD_PARTS = [
  'form', 'intro', 'label', 'input', 'error', 'countdown', 'button', 'submit-button', 'status', 'resend',
  'resend-button', 'retry-button', 'wallet-list', 'wallet-button', 'expected', 'icon',
]
  .map((part) => `${part}: method-${part}`)
  .join(', ');

/** One requestStepUp from start to end. */
interface Run {
  scope: string;
  client: StepUpClient;
  abort: AbortController;
  promise: Promise<StepUpElevation>;
  resolve(detail: StepUpElevation): void;
  reject(error: unknown): void;
  opener: HTMLElement | null;
  /** Fetched while the dialog opens, for the method shown (see StepUpSession.prefetched). */
  prefetched: StepUpSession['prefetched'];
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Asks the signed-in user to prove themselves again before a sensitive action. Runs the
 * step-up check; when no step-up is needed it shows nothing and reports success at once;
 * otherwise it opens a modal with the account's default method first and the others under
 * "use another method".
 *
 * ```html
 * <step-up-dialog scope="wallet:export"></step-up-dialog>
 * <script type="module">
 *   const detail = await document.querySelector('step-up-dialog').requestStepUp();
 * </script>
 * ```
 *
 * @tag step-up-dialog
 * @summary Step-up authentication dialog.
 * @event elevated - The user verified (or already was: `detail.alreadyElevated`). Detail: scope, method, credentialId, expiresAt, alreadyElevated.
 * @event stepupcancel - The user closed the dialog (Escape, close button, `close()`).
 * @event stepuperror - A verification attempt failed; the dialog stays open and says why.
 * @event stepupmethodchange - The user chose another method.
 * @slot header - Above the title (a logo).
 * @slot footer - At the bottom of the dialog.
 * @slot help - Shown when no method is available (a link to support).
 * @csspart dialog - The native `<dialog>`. @csspart panel - Its content box.
 * @csspart header - Title row. @csspart title - The title. @csspart close-button - The close button.
 * @csspart description - The sentence under the title. @csspart body - The changing middle.
 * @csspart checking - The "checking" state. @csspart no-method - The "no method available" state.
 * @csspart check-error - The check failed (network, server): the error and a retry button.
 * @csspart method - The current method. @csspart method-title - Its heading.
 * @csspart other-methods - The "use another method" section. @csspart method-list - Its list.
 * @csspart method-option - One other method. @csspart method-alias - The account shown on it.
 * @csspart footer - The footer. @csspart method-form, method-input, method-button, … - Parts of the method element.
 * @cssproperty --step-up-color-scheme - `light dark` (default, follows the user), `light` or `dark`.
 * @cssproperty --step-up-color-text - Text. @cssproperty --step-up-color-muted - Secondary text.
 * @cssproperty --step-up-color-surface - Dialog background. @cssproperty --step-up-color-subtle - Hover backgrounds.
 * @cssproperty --step-up-color-border - Borders. @cssproperty --step-up-color-accent - Primary buttons and links.
 * @cssproperty --step-up-color-on-accent - Text on primary buttons. @cssproperty --step-up-color-danger - Errors.
 * @cssproperty --step-up-radius - Corner radius. @cssproperty --step-up-spacing - Base spacing.
 * @cssproperty --step-up-font-family - Font. @cssproperty --step-up-font-size - Base font size.
 * @cssproperty --step-up-focus-ring - Focus indicator (a box-shadow). @cssproperty --step-up-dialog-width - Dialog width.
 * @cssproperty --step-up-dialog-shadow - Dialog shadow. @cssproperty --step-up-backdrop - Backdrop colour.
 */
export class StepUpDialog extends StepUpElement {
  static override styles = styles;

  /** The native modal (always rendered). */
  protected get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  /** The scope to elevate, e.g. `wallet:export`. */
  @property({ reflect: true }) scope = '';

  /** The step-up client; the default client (`initializeStepUp`) when not set. */
  @property({ attribute: false }) client?: StepUpClient;

  /** Passed to `<step-up-social>` as `redirect-url`: the page that finishes a social sign-in. */
  @property({ attribute: 'social-redirect-url' }) socialRedirectUrl?: string;

  /** What the current method element is handed (client, scope, credential, signal, reporting). */
  @state() protected session?: StepUpSession;

  /** The credential whose method is shown. */
  @state() protected currentId?: string;

  @state() protected run?: Run;

  /** The answer of the current run's check. */
  @state() protected checkResult?: StepUpCheckResponse;

  @state() protected checking = false;

  /** Why the last check failed (network, server, signed out): "try again", not "no method". */
  @state() protected checkError?: StepUpError;

  /** The current method's code could not be loaded (offline): "try again". */
  @state() protected loadError?: StepUpError;

  /** The check in flight (once per step-up and on "try again"); a newer one supersedes it. */
  #pendingCheck?: Promise<StepUpCheckResponse>;

  /** The current method's element, for the credential it was made for. */
  #method?: { id: string; element: HTMLElement };

  /** The run the modal was last shown for. */
  #shownRun?: Run;

  /** Resolves when the current method's element is defined (its code loads on first use). */
  #methodReady: Promise<void> = Promise.resolve();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancel();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('run') || changed.has('currentId') || changed.has('strings')) this.session = this.#session();
    if (changed.has('currentId')) this.#prepareMethod();
  }

  /** True while the modal is showing. */
  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /**
   * Runs the step-up for `scope` (default: the `scope` attribute). Resolves with the elevation
   * (at once, with `alreadyElevated: true`, when a valid token is held); rejects with a
   * `StepUpError` of code `cancelled` when the user closes the dialog. A second call while one
   * is running for the same scope returns the same promise.
   */
  requestStepUp(scope: string = this.scope): Promise<StepUpElevation> {
    if (this.run?.scope === scope) return this.run.promise;
    this.#cancel();
    let client: StepUpClient;
    try {
      client = this.client ?? getDefaultClient();
    } catch (error) {
      return Promise.reject(error);
    }
    let resolve!: Run['resolve'];
    let reject!: Run['reject'];
    const promise = new Promise<StepUpElevation>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const run: Run = {
      scope,
      client,
      abort: new AbortController(),
      promise,
      resolve,
      reject,
      opener: deepActiveElement(),
      prefetched: {},
    };
    this.run = run;
    void this.#start(run);
    return promise;
  }

  /** Starts the step-up and forgets the promise: listen for `elevated` and `stepupcancel`. */
  show(): void {
    this.requestStepUp().catch(() => undefined);
  }

  /** Closes the dialog as the user would: aborts whatever is in flight and fires `stepupcancel`. */
  close(): void {
    this.#cancel();
  }

  async #start(run: Run): Promise<void> {
    const showSoon = setTimeout(() => void this.#showModal(run), CHECK_SHOW_DELAY_MS);
    const result = await this.#check(run);
    clearTimeout(showSoon);
    if (!result || this.run !== run) return;
    if (!result.isRequired) {
      this.#succeed(run, undefined, undefined, true);
      return;
    }
    await this.#showModal(run);
    await this.#focusMethod();
  }

  async #check(run: Run): Promise<StepUpCheckResponse | undefined> {
    let failure: StepUpError | undefined;
    const onFailed = (event: StepUpCheckFailedEvent) => {
      if (event.scope === run.scope) failure = event.error;
    };
    run.client.addEventListener('checkfailed', onFailed);
    this.checking = true;
    // Never rejects: any failure answers "required" with no credentials (fail closed).
    const pending = checkStepUpAuth({ scope: run.scope, signal: run.abort.signal }, run.client);
    this.#pendingCheck = pending;
    const result = await pending.finally(() => run.client.removeEventListener('checkfailed', onFailed));
    if (this.run !== run || this.#pendingCheck !== pending) return undefined;
    this.checking = false;
    this.checkError = failure;
    this.checkResult = result;
    const usable = result.credentials.filter((c) => methodOf(c));
    this.currentId = (usable.find((c) => c.id === result.defaultCredentialId) ?? usable[0])?.id;
    return result;
  }

  async #showModal(run: Run): Promise<void> {
    if (this.run !== run) return;
    await this.updateComplete;
    const dialog = this.dialog;
    if (this.run !== run || !dialog || dialog.open) return;
    dialog.showModal();
    this.#shownRun = run;
  }

  /**
   * Gets the current method ready while the dialog renders: loads its element (first use
   * only) and fetches what its first request needs (passkey options, wallet nonce), so that
   * after the user acts only the verify request is left.
   */
  #prepareMethod(): void {
    const run = this.run;
    const credential = this.#credentials().find((c) => c.id === this.currentId);
    this.loadError = undefined;
    if (!run || !credential) return;
    const method = methodOf(credential)!;
    this.#prefetch(run, method);
    const tag = METHOD_TAGS[method];
    if (isElementReady(tag)) {
      this.#methodReady = Promise.resolve();
      return;
    }
    const id = credential.id;
    this.#methodReady = loadElement(tag).then(
      () => this.requestUpdate(),
      (cause: unknown) => {
        if (this.run === run && this.currentId === id) {
          this.loadError = new StepUpError('network_error', { message: 'This method could not be loaded.', cause });
        }
      },
    );
  }

  /**
   * Passkey options or a wallet nonce, requested now so that the user's press leaves only the
   * verify request. The method's element class knows what it needs (`static prefetch`); it
   * comes with the method elements' chunk, which loads in parallel with the dialog's render.
   */
  #prefetch(run: Run, method: StepUpMethod): void {
    const previous = run.prefetched[method];
    const next = async () => {
      const held = await previous;
      if (held && isFresh(run.client, held)) return held;
      await loadElement(METHOD_TAGS[method]);
      const element = customElements.get(METHOD_TAGS[method]) as Partial<PrefetchingMethod> | undefined;
      return this.run === run ? element?.prefetch?.(run.client, run.abort.signal) : undefined;
    };
    run.prefetched[method] = next().catch(() => undefined);
  }

  #retryLoad(): void {
    this.#prepareMethod();
    void this.#focusMethod();
  }

  /** Focus into the current method (its first control), else the dialog's first control. */
  async #focusMethod(): Promise<void> {
    await this.#methodReady;
    await this.updateComplete;
    const method = this.renderRoot.querySelector<LitElement>('.current > *');
    if (method) {
      await method.updateComplete;
      method.focus();
    } else {
      this.renderRoot.querySelector<HTMLElement>('.none button, .close')?.focus();
    }
  }

  #session(): StepUpSession | undefined {
    const run = this.run;
    const credential = this.#credentials().find((c) => c.id === this.currentId);
    if (!run || !credential) return undefined;
    return {
      client: run.client,
      scope: run.scope,
      credential,
      signal: run.abort.signal,
      strings: this.strings,
      prefetched: run.prefetched,
      elevated: (method, credentialId) => this.#succeed(run, method, credentialId, false),
      failed: (method, error) => {
        if (this.run === run) this.dispatchEvent(new StepUpErrorEvent({ error, method, scope: run.scope }));
      },
    };
  }

  #credentials(): StepUpCredential[] {
    return (this.checkResult?.credentials ?? []).filter((c) => methodOf(c));
  }

  #end(run: Run): void {
    this.run = undefined;
    this.currentId = undefined;
    this.#method = undefined;
    this.checkResult = undefined;
    this.checking = false;
    this.#shownRun = undefined;
    run.abort.abort();
    if (this.dialog?.open) this.dialog.close();
    if (run.opener?.isConnected) run.opener.focus();
  }

  #succeed(run: Run, method: StepUpMethod | undefined, credentialId: string | undefined, alreadyElevated: boolean): void {
    if (this.run !== run || run.abort.signal.aborted) return; // closed: nothing may be reported late
    const detail = elevationOf(run.client, run.scope, method, credentialId, alreadyElevated);
    this.#end(run);
    run.resolve(detail);
    this.dispatchEvent(new StepUpElevatedEvent(detail));
  }

  #cancel(): void {
    const run = this.run;
    if (!run) return;
    this.#end(run);
    run.reject(new StepUpError('cancelled'));
    this.dispatchEvent(new StepUpCancelEvent({ scope: run.scope }));
  }

  #onCancel(event: Event): void {
    if (event.target !== this.dialog) return;
    event.preventDefault(); // Escape: close our way (abort, restore focus, report)
    this.#cancel();
  }

  #onClose(event: Event): void {
    // `close` arrives a task after the dialog closed: by then a new run may have started (an
    // app that asks again at once), and it must not be cancelled by the old run's close.
    const dialog = this.dialog;
    if (event.target === dialog && !dialog?.open && this.run && this.run === this.#shownRun) this.#cancel();
  }

  #switchTo(credential: StepUpCredential): void {
    this.currentId = credential.id;
    this.dispatchEvent(new StepUpMethodChangeEvent({ method: methodOf(credential)!, credentialId: credential.id }));
    void this.#focusMethod();
  }

  #retryCheck(): void {
    const run = this.run;
    if (run) void this.#check(run).then(() => this.#focusMethod());
  }

  #label(credential: StepUpCredential): string {
    const method = methodOf(credential)!;
    return method === 'social' ? this.t.socialLabel(this.t.providerName(credential.type ?? '')) : this.t.methodLabels[method];
  }

  /**
   * The element of the current method: created once per credential (a fresh element, never
   * one reused from another credential), handed the session, rendered as a node.
   */
  #methodElement(credential: StepUpCredential): HTMLElement {
    const method = methodOf(credential)!;
    if (this.#method?.id !== credential.id) {
      const element = document.createElement(METHOD_TAGS[method]);
      element.setAttribute('exportparts', METHOD_PARTS);
      if (method === 'email' || method === 'sms') element.setAttribute('channel', method);
      if (method === 'social') element.setAttribute('provider', credential.type ?? '');
      this.#method = { id: credential.id, element };
    }
    const { element } = this.#method;
    if (method === 'social' && this.socialRedirectUrl) element.setAttribute('redirect-url', this.socialRedirectUrl);
    else element.removeAttribute('redirect-url');
    (element as HTMLElement & { session?: StepUpSession }).session = this.session;
    return element;
  }

  /** What failed (the check, loading a method) and a button to try again. */
  #renderFailure(part: string, error: StepUpError, retry: () => void) {
    const t = this.t;
    return html`<div part=${part} class="none">
      <p role="alert">${t.errors[error.code] ?? t.errors.request_failed}</p>
      <button part="retry-button" class="secondary" type="button" @click=${retry}>${t.tryAgain}</button>
    </div>`;
  }

  /** The current method's element, or while its code loads a status line (the rest of the dialog stays usable). */
  #renderCurrent(current: StepUpCredential) {
    const t = this.t;
    if (this.loadError) return this.#renderFailure('load-error', this.loadError, this.#retryLoad);
    if (!isElementReady(METHOD_TAGS[methodOf(current)!])) {
      return html`<p part="method-loading" class="checking" role="status">${spinner}${t.loadingMethod}</p>`;
    }
    return html`<div class="current">${this.#methodElement(current)}</div>`;
  }

  #renderMethods() {
    const t = this.t;
    const credentials = this.#credentials();
    const current = credentials.find((c) => c.id === this.currentId);
    if (!current) {
      return this.checkError
        ? this.#renderFailure('check-error', this.checkError, this.#retryCheck)
        : html`<div part="no-method" class="none">
            <p role="status">${t.noMethod}</p>
            <slot name="help"></slot>
          </div>`;
    }
    const others = credentials.filter((c) => c !== current);
    return html`
      <section part="method" aria-labelledby="method-title">
        <h3 part="method-title" class="method-title" id="method-title">${icon(methodOf(current)!)}${this.#label(current)}</h3>
        ${this.#renderCurrent(current)}
      </section>
      ${others.length === 0
        ? nothing
        : html`<section part="other-methods" class="others" aria-labelledby="others-title">
            <h3 id="others-title" part="other-methods-title">${t.useAnotherMethod}</h3>
            <ul part="method-list">
              ${others.map((c) => {
                const alias = displayAlias(c);
                return html`<li>
                  <button part="method-option" class="option" type="button" @click=${() => this.#switchTo(c)}>
                    ${icon(methodOf(c)!)}<span class="label">${this.#label(c)}</span>
                    ${alias ? html`<span part="method-alias" class="alias">${alias}</span>` : nothing}
                  </button>
                </li>`;
              })}
            </ul>
          </section>`}
    `;
  }

  override render() {
    const t = this.t;
    return html`
      <dialog part="dialog" aria-labelledby="title" aria-describedby="description" @cancel=${this.#onCancel} @close=${this.#onClose}>
        ${this.run
          ? html`<div part="panel" class="panel">
              <slot name="header"></slot>
              <div part="header" class="header">
                <h2 id="title" part="title">${t.dialogTitle}</h2>
                <button part="close-button" class="close" type="button" aria-label=${t.close} @click=${this.close}>
                  ${icon('close')}
                </button>
              </div>
              <p id="description" part="description" class="intro">${t.dialogDescription}</p>
              <div part="body" class="body">
                ${this.checking
                  ? html`<p part="checking" class="checking" role="status">
                      ${spinner}${t.checking}
                    </p>`
                  : this.#renderMethods()}
              </div>
              <slot name="footer" part="footer"></slot>
            </div>`
          : nothing}
      </dialog>
    `;
  }
}
