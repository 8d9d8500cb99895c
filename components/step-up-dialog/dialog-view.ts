// What <step-up-dialog> does once it is used: the run (check, method, outcome), the modal and
// its focus, and everything it renders while open. Loaded the first time the dialog is asked
// for a step-up, or earlier when the page is idle, so the page's first load carries only the
// element (its properties and public methods) and Lit.
import { adoptStyles, html, nothing, type LitElement, type TemplateResult } from 'lit';
import { MULTI_USE_LIFETIME_SECONDS, SINGLE_USE_SCOPES } from '@step-up-kit/protocol';
import { createStepUpBackend, displayAlias, getDefaultClient, methodOf } from '../../src/index.js';
import type { StepUpAbout, StepUpBackend, StepUpClient, StepUpCredential, StepUpElevation, StepUpError } from '../../src/index.js';
import { StepUpMethodChangeEvent } from '../events/method-change-event.js';
import { icon, spinner } from '../internal/icons.js';
import type { StepUpStringOverrides, StepUpStrings } from '../translations/strings.js';
import { StepUpMethodHost } from './method-host.js';
import { StepUpRunController, type StepUpRun } from './run-controller.js';
import styles from './step-up-dialog.styles.js';

/** The element's side: what the view reads from it and does through it. */
export interface StepUpDialogViewHost extends LitElement {
  readonly client?: StepUpClient;
  readonly backend?: StepUpBackend;
  readonly strings?: StepUpStringOverrides;
  readonly socialRedirectUrl?: string;
}

/** The dialogs of this page whose modal is showing. */
const openDialogs = new Set<StepUpDialogView>();

/** The focused element, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export class StepUpDialogView {
  readonly #host: StepUpDialogViewHost;
  /** The element's string table in effect (its `t`). */
  readonly #t: () => StepUpStrings;

  /** The run: requestStepUp's promise and outcome, the check and its retry, the credential shown. */
  readonly #runController: StepUpRunController;

  /** The current method's element: loaded on demand, its first request fetched ahead. */
  readonly #methodHost: StepUpMethodHost;

  /** Where focus was when the run started: it goes back there when the run ends. */
  #opener: HTMLElement | null = null;

  /** The run the modal was last shown for. */
  #shownRun?: StepUpRun;

  /** Said to assistive technology once a run succeeds: the approval the token actually carries. */
  #announcement = '';

  constructor(host: StepUpDialogViewHost, t: () => StepUpStrings) {
    this.#host = host;
    this.#t = t;
    this.#runController = new StepUpRunController(host, {
      backend: () => host.backend ?? createStepUpBackend(host.client ?? getDefaultClient()),
      started: () => {
        this.#opener = deepActiveElement();
        this.#announcement = '';
      },
      show: (run, checked) => void this.#show(run, checked),
      ended: () => this.#hide(),
    });
    this.#methodHost = new StepUpMethodHost(host);
    host.requestUpdate();
  }

  /** Whether the open dialog's sheets have joined the element's own. */
  #styled = false;

  /** The native modal (the element always renders it). */
  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  /** Before each render: the method host takes up the current credential. */
  willUpdate(): void {
    if (!this.#styled) {
      // the element's own sheet stays first; the shadow root exists by the first update
      adoptStyles(this.#host.renderRoot as ShadowRoot, [...(this.#host.constructor as typeof LitElement).elementStyles, ...styles]);
      this.#styled = true;
    }
    this.#methodHost.prepare(this.#runController.run, this.#runController.current);
  }

  /** The element's requestStepUp, with its `about` already completed from the element's properties. */
  request(scope: string, about: StepUpAbout): Promise<StepUpElevation> {
    const request = this.#runController.request(scope, about);
    void request.then((elevation) => this.#announce(elevation), () => undefined);
    return request;
  }

  /** Closes the dialog as the user would: aborts whatever is in flight and reports `stepupcancel`. */
  readonly cancel = (): void => this.#runController.cancel();

  /** What the approval covers: one call for a single-use scope, else the minutes a token lives. */
  #approval(singleUse: boolean, minutes: number): string {
    return singleUse ? this.#t().approvalOnce : this.#t().approvalFor(minutes);
  }

  /** After a step-up the user was asked for: says what the token received allows. */
  #announce(elevation: StepUpElevation): void {
    if (elevation.alreadyElevated || elevation.singleUse === undefined || elevation.expiresAt === undefined) return;
    const minutes = Math.max(1, Math.round((elevation.expiresAt * 1000 - Date.now()) / 60_000));
    this.#announcement = this.#t().approved(this.#approval(elevation.singleUse, minutes));
    this.#host.requestUpdate();
  }

  /** Opens the modal for `run` (once); once its check has answered, focus goes into the method. */
  async #show(run: StepUpRun, checked: boolean): Promise<void> {
    await this.#host.updateComplete;
    const dialog = this.#dialog;
    if (this.#runController.run !== run || !dialog) return;
    // Waiting behind another dialog of this page: a modal on top would leave that one unusable.
    // (Behind another tab's, it shows why nothing happens yet.) Shown once its turn comes.
    if (this.#runController.waiting && [...openDialogs].some((other) => other !== this)) return;
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
    if (this.#dialog?.open) this.#dialog.close();
    if (opener?.isConnected) opener.focus();
  }

  /** Focus into the current method (its first control), else the dialog's first control. */
  async #focusMethod(): Promise<void> {
    const host = this.#host;
    await host.updateComplete; // the method host has taken up the current credential
    await this.#methodHost.ready;
    await host.updateComplete;
    const method = host.renderRoot.querySelector<LitElement>('.current > *');
    if (method) {
      await method.updateComplete;
      method.focus();
    } else {
      // "Try again" when the check failed; Close only when there is nothing else to do
      (host.renderRoot.querySelector<HTMLElement>('.none button') ?? host.renderRoot.querySelector<HTMLElement>('.close'))?.focus();
    }
  }

  // Listeners are arrow functions: Lit calls a template's listeners on the element, not on this view.
  /** The `<dialog>`'s `cancel` (Escape). */
  readonly onCancel = (event: Event): void => {
    if (event.target !== this.#dialog) return;
    event.preventDefault(); // Escape: close our way (abort, restore focus, report)
    this.#runController.cancel();
  };

  /** The `<dialog>`'s `close`. */
  readonly onClose = (event: Event): void => {
    // `close` arrives a task after the dialog closed: by then a new run may have started (an
    // app that asks again at once), and it must not be cancelled by the old run's close.
    const dialog = this.#dialog;
    const run = this.#runController.run;
    if (event.target === dialog && !dialog?.open && run && run === this.#shownRun) this.#runController.cancel();
  };

  #switchTo(credential: StepUpCredential): void {
    this.#runController.choose(credential);
    this.#host.dispatchEvent(new StepUpMethodChangeEvent({ method: methodOf(credential)!, credentialId: credential.id }));
    void this.#focusMethod();
  }

  readonly #retryLoad = (): void => {
    this.#methodHost.retry();
    void this.#focusMethod();
  };

  #label(credential: StepUpCredential): string {
    const method = methodOf(credential)!;
    const t = this.#t();
    return method === 'social' ? t.socialLabel(t.providerName(credential.type ?? '')) : t.methodLabels[method];
  }

  /** What failed (the check, loading a method) and a button to try again. */
  #renderFailure(part: string, error: StepUpError, retry: () => void) {
    const t = this.#t();
    return html`<div part=${part} class="none">
      <p role="alert">${t.errors[error.code] ?? t.errors.request_failed}</p>
      <button part="retry-button" class="secondary" type="button" @click=${retry}>${t.tryAgain}</button>
    </div>`;
  }

  /** The current method's element, or while its code loads a status line (the rest of the dialog stays usable). */
  #renderCurrent(current: StepUpCredential) {
    const methodHost = this.#methodHost;
    if (methodHost.loadError) return this.#renderFailure('load-error', methodHost.loadError, this.#retryLoad);
    if (!methodHost.isReady(current)) {
      return html`<p part="method-loading" class="checking" role="status">${spinner}${this.#t().loadingMethod}</p>`;
    }
    const session = this.#runController.session(this.#host.strings, methodHost.prefetched);
    return html`<div class="current">${methodHost.element(current, session, this.#host.socialRedirectUrl)}</div>`;
  }

  #renderMethods() {
    const t = this.#t();
    const { credentials, current, checkError } = this.#runController;
    if (!current) {
      return checkError
        ? this.#renderFailure('check-error', checkError, () => this.#runController.retry()) // focus follows in #show
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
    const t = this.#t();
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
    const t = this.#t();
    const runController = this.#runController;
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
    return html`<h2 id="title" part="title" tabindex="-1" autofocus>${this.#t().dialogTitle}</h2>`;
  }

  /** Inside the element's `<dialog>`: the panel while a run is on, else nothing. */
  renderPanel() {
    const t = this.#t();
    const run = this.#runController.run;
    if (!run) return nothing;
    return html`<div part="panel" class="panel">
      <slot name="header"></slot>
      <div part="header" class="header">
        ${this.#renderTitle()}
        <button part="close-button" class="close" type="button" aria-label=${t.close} @click=${this.cancel}>${icon('close')}</button>
      </div>
      ${this.#renderAbout(run)}
      <div part="body" class="body">${this.#renderBody()}</div>
      <slot name="footer" part="footer"></slot>
    </div>`;
  }

  /** After the `<dialog>`: the live region that says what the approval allows once it is given. */
  renderAnnouncement(): TemplateResult {
    return html`<p class="visually-hidden" role="status">${this.#announcement}</p>`;
  }
}
