// <step-up-dialog>: its properties and public methods, in the page's first load. What it does
// once used (the run, the modal, what it renders while open) is the view, loaded the first
// time a step-up is requested or earlier when the page is idle (./dialog-view.ts).
import { css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { StepUpError } from '../../src/errors.js';
import type { StepUpAbout, StepUpBackend, StepUpClient, StepUpDetail, StepUpElevation } from '../../src/index.js';
import { StepUpElement } from '../internal/step-up-element.js';
import type { StepUpDialogView } from './dialog-view.js';

/** Runs `work` when the browser has nothing else to do (soon after, where it cannot say). */
const whenIdle = (work: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(work) : setTimeout(work);

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
  // The open dialog's sheets arrive with the view; closed, a <dialog> is hidden by the browser.
  static override styles = css`
    :host {
      display: contents;
    }
  `;

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

  #view?: StepUpDialogView;
  #loadingView?: Promise<StepUpDialogView>;

  /** Requests made while the view loads, by scope: a second one for the same scope gets the same promise. */
  readonly #waiting = new Map<string, Promise<StepUpElevation>>();

  override connectedCallback(): void {
    super.connectedCallback();
    // fetched ahead, off the page's critical path, so the first step-up does not wait for it
    whenIdle(() => void this.#loadView().catch(() => undefined));
  }

  /** The view, loaded once; a failed load (offline) is forgotten so the next request tries again. */
  #loadView(): Promise<StepUpDialogView> {
    this.#loadingView ??= import('./dialog-view.js').then(
      ({ StepUpDialogView }) => (this.#view ??= new StepUpDialogView(this, () => this.t)),
      (cause: unknown) => {
        this.#loadingView = undefined;
        throw new StepUpError('network_error', { message: 'The step-up dialog could not be loaded.', cause });
      },
    );
    return this.#loadingView;
  }

  protected override willUpdate(): void {
    this.#view?.willUpdate();
  }

  /** True while the modal is showing. */
  get open(): boolean {
    return Boolean(this.renderRoot?.querySelector('dialog')?.open);
  }

  /**
   * Runs the step-up for `scope` (default: the `scope` attribute). Resolves with the elevation
   * (at once, with `alreadyElevated: true`, when a valid token is held); rejects with a
   * `StepUpError` of code `cancelled` when the user closes the dialog, or `network_error` when
   * the dialog's code cannot be loaded (offline; the next call tries again). A second call while one
   * is running for the same scope returns the same promise. `about` names the action and its
   * details for this run (what it leaves out: the `action` and `details` properties).
   */
  requestStepUp(scope: string = this.scope, about: StepUpAbout = {}): Promise<StepUpElevation> {
    const completed = { action: about.action ?? this.action, details: about.details ?? this.details };
    if (this.#view) return this.#view.request(scope, completed);
    let waiting = this.#waiting.get(scope);
    if (!waiting) {
      waiting = this.#loadView().then((view) => view.request(scope, completed));
      this.#waiting.set(scope, waiting);
      const forget = () => this.#waiting.delete(scope);
      waiting.then(forget, forget);
    }
    return waiting;
  }

  /** Starts the step-up and forgets the promise: listen for `elevated` and `stepupcancel`. */
  show(): void {
    this.requestStepUp().catch(() => undefined);
  }

  /** Closes the dialog as the user would: aborts whatever is in flight and fires `stepupcancel`. */
  close(): void {
    if (this.#view) this.#view.cancel();
    // after the requests already waiting for the view: they start, then this ends them
    else void this.#loadingView?.then((view) => view.cancel(), () => undefined);
  }

  override render(): TemplateResult {
    // one <dialog> from the start, so what an app holds of it (a listener) stays when the view arrives
    const view = this.#view;
    return html`
      <dialog part="dialog" aria-labelledby="title" aria-describedby="description" @cancel=${view?.onCancel} @close=${view?.onClose}>
        ${view?.renderPanel()}
      </dialog>
      ${view?.renderAnnouncement()}
    `;
  }
}
