import { html, nothing, type LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { MULTI_USE_LIFETIME_SECONDS, SINGLE_USE_SCOPES } from '@step-up-kit/protocol';
import { createStepUpBackend, displayAlias, getDefaultClient, methodOf } from '../../src/index.js';
import type { StepUpAbout, StepUpBackend, StepUpClient, StepUpCredential, StepUpDetail, StepUpElevation, StepUpError } from '../../src/index.js';
import { StepUpMethodChangeEvent } from '../events/method-change-event.js';
import { icon, spinner } from '../internal/icons.js';
import { StepUpElement } from '../internal/step-up-element.js';
import { StepUpMethodHost } from './method-host.js';
import { StepUpRunController, type StepUpRun } from './run-controller.js';
import styles from './step-up-dialog.styles.js';

/** The dialogs of this page whose modal is showing. */
const openDialogs = new Set<StepUpDialog>();

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
 * @slot reason - Under the description: why the app asks (e.g. "Exports are checked again after 10 minutes.").
 * @csspart dialog - The native `<dialog>`.
 * @csspart panel - Its content box.
 * @csspart header - Title row.
 * @csspart title - The title.
 * @csspart close-button - The close button.
 * @csspart icon - The icons (decorative): each method's, the close button's.
 * @csspart description - The sentence under the title (naming the `action` when set).
 * @csspart details - The `details` being approved (a description list).
 * @csspart approval - How long the approval lasts: this one action, or some minutes.
 * @csspart waiting - Shown while another tab or window of the site is asking first.
 * @csspart body - The changing middle.
 * @csspart checking - The "checking" state.
 * @csspart no-method - The "no method available" state.
 * @csspart check-error - The check failed (network, server): the error and a retry button.
 * @csspart load-error - The current method could not be loaded (offline): the error and a retry button.
 * @csspart retry-button - The retry button of `check-error` and `load-error`.
 * @csspart method - The current method.
 * @csspart method-title - Its heading.
 * @csspart method-loading - Shown while the current method's code loads.
 * @csspart other-methods - The "use another method" section.
 * @csspart other-methods-title - Its heading.
 * @csspart method-list - Its list.
 * @csspart method-option - One other method.
 * @csspart method-alias - The account shown on it.
 * @csspart footer - The footer.
 * @csspart method-form - The method element's parts, each as `method-<part>`: method-form, method-input, method-button, ….
 * @cssproperty --step-up-color-scheme - `light dark` (default, follows the user), `light` or `dark`.
 * @cssproperty --step-up-color-text - Text.
 * @cssproperty --step-up-color-muted - Secondary text.
 * @cssproperty --step-up-color-surface - Dialog background.
 * @cssproperty --step-up-color-subtle - Hover backgrounds.
 * @cssproperty --step-up-color-border - Borders.
 * @cssproperty --step-up-color-accent - Primary buttons and links.
 * @cssproperty --step-up-color-on-accent - Text on primary buttons.
 * @cssproperty --step-up-color-danger - Errors.
 * @cssproperty --step-up-radius - Corner radius.
 * @cssproperty --step-up-spacing - Base spacing.
 * @cssproperty --step-up-font-family - Font.
 * @cssproperty --step-up-font-size - Base font size.
 * @cssproperty --step-up-focus-ring - Focus indicator (a box-shadow).
 * @cssproperty --step-up-dialog-width - Dialog width.
 * @cssproperty --step-up-dialog-shadow - Dialog shadow.
 * @cssproperty --step-up-backdrop - Backdrop colour.
 */
export class StepUpDialog extends StepUpElement {
  static override styles = styles;

  /** The run: requestStepUp's promise and outcome, the check and its retry, the credential shown. */
  protected readonly runController = new StepUpRunController(this, {
    backend: () => this.backend ?? createStepUpBackend(this.client ?? getDefaultClient()),
    started: () => {
      this.#opener = deepActiveElement();
      this.#announcement = '';
    },
    show: (run, checked) => void this.#show(run, checked),
    ended: () => this.#hide(),
  });

  /** The current method's element: loaded on demand, its first request fetched ahead. */
  protected readonly methodHost = new StepUpMethodHost(this);

  /** The native modal (always rendered). */
  protected get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  /** The scope to elevate, e.g. `wallet:export`. */
  @property({ reflect: true }) scope = '';

  /** The step-up client; the default client (`initializeStepUp`) when not set. */
  @property({ attribute: false }) client?: StepUpClient;

  /**
   * Another backend than the core's, e.g. `createDynamicBackend(sdk)` from `step-up-kit/dynamic`:
   * the dialog then checks, verifies and keeps tokens through it. Takes precedence over `client`.
   */
  @property({ attribute: false }) backend?: StepUpBackend;

  /** A human label of the action being approved, e.g. `Export private key`: the description names it. */
  @property() action?: string;

  /** Label/value pairs shown with the action: amount, destination, device. */
  @property({ attribute: false }) details?: readonly StepUpDetail[];

  /** Passed to `<step-up-social>` as `redirect-url`: the page that finishes a social sign-in. */
  @property({ attribute: 'social-redirect-url' }) socialRedirectUrl?: string;

  /** Where focus was when the run started: it goes back there when the run ends. */
  #opener: HTMLElement | null = null;

  /** The run the modal was last shown for. */
  #shownRun?: StepUpRun;

  /** Said to assistive technology once a run succeeds: the approval the token actually carries. */
  #announcement = '';

  protected override willUpdate(): void {
    this.methodHost.prepare(this.runController.run, this.runController.current);
  }

  /** True while the modal is showing. */
  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /**
   * Runs the step-up for `scope` (default: the `scope` attribute). Resolves with the elevation
   * (at once, with `alreadyElevated: true`, when a valid token is held); rejects with a
   * `StepUpError` of code `cancelled` when the user closes the dialog. A second call while one
   * is running for the same scope returns the same promise. `about` names the action and its
   * details for this run (what it leaves out: the `action` and `details` properties).
   */
  requestStepUp(scope: string = this.scope, about: StepUpAbout = {}): Promise<StepUpElevation> {
    const request = this.runController.request(scope, { action: about.action ?? this.action, details: about.details ?? this.details });
    void request.then((elevation) => this.#announce(elevation), () => undefined);
    return request;
  }

  /** Starts the step-up and forgets the promise: listen for `elevated` and `stepupcancel`. */
  show(): void {
    this.requestStepUp().catch(() => undefined);
  }

  /** Closes the dialog as the user would: aborts whatever is in flight and fires `stepupcancel`. */
  close(): void {
    this.runController.cancel();
  }

  /** What the approval covers: one call for a single-use scope, else the minutes a token lives. */
  #approval(singleUse: boolean, minutes: number): string {
    return singleUse ? this.t.approvalOnce : this.t.approvalFor(minutes);
  }

  /** After a step-up the user was asked for: says what the token received allows. */
  #announce(elevation: StepUpElevation): void {
    if (elevation.alreadyElevated || elevation.singleUse === undefined || elevation.expiresAt === undefined) return;
    const minutes = Math.max(1, Math.round((elevation.expiresAt * 1000 - Date.now()) / 60_000));
    this.#announcement = this.t.approved(this.#approval(elevation.singleUse, minutes));
    this.requestUpdate();
  }

  /** Opens the modal for `run` (once); once its check has answered, focus goes into the method. */
  async #show(run: StepUpRun, checked: boolean): Promise<void> {
    await this.updateComplete;
    const dialog = this.dialog;
    if (this.runController.run !== run || !dialog) return;
    // Waiting behind another dialog of this page: a modal on top would leave that one unusable.
    // (Behind another tab's, it shows why nothing happens yet.) Shown once its turn comes.
    if (this.runController.waiting && [...openDialogs].some((other) => other !== this)) return;
    if (!dialog.open) {
      dialog.showModal();
      openDialogs.add(this);
      this.#shownRun = run;
    }
    if (checked) await this.#focusMethod();
  }

  /** The run is over: close the modal and put focus back where it was. */
  #hide(): void {
    const opener = this.#opener;
    this.#opener = null;
    this.#shownRun = undefined;
    openDialogs.delete(this);
    if (this.dialog?.open) this.dialog.close();
    if (opener?.isConnected) opener.focus();
  }

  /** Focus into the current method (its first control), else the dialog's first control. */
  async #focusMethod(): Promise<void> {
    await this.updateComplete; // the method host has taken up the current credential
    await this.methodHost.ready;
    await this.updateComplete;
    const method = this.renderRoot.querySelector<LitElement>('.current > *');
    if (method) {
      await method.updateComplete;
      method.focus();
    } else {
      // "Try again" when the check failed; Close only when there is nothing else to do
      (this.renderRoot.querySelector<HTMLElement>('.none button') ?? this.renderRoot.querySelector<HTMLElement>('.close'))?.focus();
    }
  }

  #onCancel(event: Event): void {
    if (event.target !== this.dialog) return;
    event.preventDefault(); // Escape: close our way (abort, restore focus, report)
    this.runController.cancel();
  }

  #onClose(event: Event): void {
    // `close` arrives a task after the dialog closed: by then a new run may have started (an
    // app that asks again at once), and it must not be cancelled by the old run's close.
    const dialog = this.dialog;
    const run = this.runController.run;
    if (event.target === dialog && !dialog?.open && run && run === this.#shownRun) this.runController.cancel();
  }

  #switchTo(credential: StepUpCredential): void {
    this.runController.choose(credential);
    this.dispatchEvent(new StepUpMethodChangeEvent({ method: methodOf(credential)!, credentialId: credential.id }));
    void this.#focusMethod();
  }

  #retryLoad(): void {
    this.methodHost.retry();
    void this.#focusMethod();
  }

  #label(credential: StepUpCredential): string {
    const method = methodOf(credential)!;
    return method === 'social' ? this.t.socialLabel(this.t.providerName(credential.type ?? '')) : this.t.methodLabels[method];
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
    const { methodHost, runController } = this;
    if (methodHost.loadError) return this.#renderFailure('load-error', methodHost.loadError, this.#retryLoad);
    if (!methodHost.isReady(current)) {
      return html`<p part="method-loading" class="checking" role="status">${spinner}${this.t.loadingMethod}</p>`;
    }
    const session = runController.session(this.strings, methodHost.prefetched);
    return html`<div class="current">${methodHost.element(current, session, this.socialRedirectUrl)}</div>`;
  }

  #renderMethods() {
    const t = this.t;
    const { credentials, current, checkError } = this.runController;
    if (!current) {
      return checkError
        ? this.#renderFailure('check-error', checkError, () => this.runController.retry()) // focus follows in #show
        : html`<div part="no-method" class="none">
            <p role="status">${t.noMethod}</p>
            <slot name="help"></slot>
          </div>`;
    }
    const others = credentials.filter((c) => c.id !== current.id);
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
                    ${alias ? html`<span part="method-alias" class="alias" title=${alias}>${alias}</span>` : nothing}
                  </button>
                </li>`;
              })}
            </ul>
          </section>`}
    `;
  }

  /** The sentence under the title, what is being approved, and how long the approval lasts (from the scope policy). */
  #renderAbout(run: StepUpRun) {
    const t = this.t;
    const { action, details = [] } = run.about;
    const singleUse = (SINGLE_USE_SCOPES as readonly string[]).includes(run.scope);
    return html`
      <p id="description" part="description" class="intro">
        ${action ? t.actionDescription(action) : t.dialogDescription}
        <span part="approval" class="approval">${this.#approval(singleUse, MULTI_USE_LIFETIME_SECONDS / 60)}</span>
      </p>
      ${details.length === 0
        ? nothing
        : html`<dl part="details" class="details" aria-label=${t.detailsLabel}>
            ${details.map(({ label, value }) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
          </dl>`}
      <slot name="reason"></slot>
    `;
  }

  #renderBody() {
    const { runController, t } = this;
    if (runController.waiting) return html`<p part="waiting" class="checking" role="status">${spinner}${t.waitingForOtherTab}</p>`;
    if (runController.checking) return html`<p part="checking" class="checking" role="status">${spinner}${t.checking}</p>`;
    return this.#renderMethods();
  }

  /**
   * The title takes focus when the modal opens (the HTML dialog focusing steps honour autofocus),
   * so it is read first and focus never stops on Close on its way to the method.
   */
  #renderTitle() {
    // eslint-disable-next-line lit-a11y/no-autofocus -- a dialog's initial focus, not a page's
    return html`<h2 id="title" part="title" tabindex="-1" autofocus>${this.t.dialogTitle}</h2>`;
  }

  override render() {
    const t = this.t;
    const run = this.runController.run;
    return html`
      <dialog part="dialog" aria-labelledby="title" aria-describedby="description" @cancel=${this.#onCancel} @close=${this.#onClose}>
        ${run
          ? html`<div part="panel" class="panel">
              <slot name="header"></slot>
              <div part="header" class="header">
                ${this.#renderTitle()}
                <button part="close-button" class="close" type="button" aria-label=${t.close} @click=${this.close}>
                  ${icon('close')}
                </button>
              </div>
              ${this.#renderAbout(run)}
              <div part="body" class="body">${this.#renderBody()}</div>
              <slot name="footer" part="footer"></slot>
            </div>`
          : nothing}
      </dialog>
      <p class="visually-hidden" role="status">${this.#announcement}</p>
    `;
  }
}
