import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { verifySocial, type ProviderEnum, type StepUpError, type StepUpMethod } from '../../src/index.js';
import { StepUpActionElement } from '../internal/action-element.js';
import { icon, spinner } from '../internal/icons.js';
import styles from './step-up-social.styles.js';

/**
 * Signing in again with a social provider, in a popup opened by the user's click. When the
 * browser blocks the popup it offers to continue in this window (a full-page redirect: the
 * page at `redirect-url` must then call `completeSocialRedirect()` from the core).
 *
 * @tag step-up-social
 * @summary Step-up by signing in again with a social account.
 * @event elevated - The sign-in was confirmed (standalone use).
 * @event stepuperror - The popup was blocked or closed, or the sign-in failed (standalone use).
 * @csspart intro - The explanation.
 * @csspart button - Any button.
 * @csspart submit-button - The sign-in button.
 * @csspart retry-button - "Continue in this window" after a blocked popup.
 * @csspart error - The error message.
 * @csspart status - The status message.
 * @csspart icon - The icons (decorative): the sign-in button's, the error message's.
 * @cssproperty --step-up-color-accent - The sign-in button.
 */
export class StepUpSocial extends StepUpActionElement<readonly ['popup' | 'redirect']> {
  static override styles = styles;

  /** The provider, e.g. `google`; defaults to the credential's. */
  @property() provider = '';

  /**
   * Where the provider returns: a page of this origin that calls `handleSocialCallback()`
   * (popup) or `completeSocialRedirect()` (redirect). Default: the current page.
   */
  @property({ attribute: 'redirect-url' }) redirectUrl?: string;

  readonly method: StepUpMethod = 'social';

  get #provider(): string {
    return this.provider || this.activeCredential?.type || '';
  }

  protected perform([mode]: readonly ['popup' | 'redirect'], signal: AbortSignal) {
    return this.backendCall('verifySocial', verifySocial)({
      provider: this.#provider as `${ProviderEnum}`,
      requestedScopes: [this.activeScope],
      mode,
      signal,
      ...(this.redirectUrl ? { redirectUrl: this.redirectUrl } : {}),
    });
  }

  protected override describe(error: StepUpError): string {
    return error.code === 'cancelled' ? this.t.errors.cancelled : super.describe(error);
  }

  override render() {
    const t = this.t;
    const name = t.providerName(this.#provider);
    const blocked = this.error?.code === 'popup_blocked';
    return html`<div class="stack">
      <p part="intro" class="intro">${t.socialIntro(name, this.activeCredential?.alias)}</p>
      ${this.renderError()}
      <button part="button submit-button" class="primary" type="button" aria-disabled=${this.pending ? 'true' : 'false'} @click=${() => this.start('popup')}>
        ${this.pending ? spinner : icon('social')} ${t.socialLabel(name)}
      </button>
      ${blocked
        ? html`<button part="button retry-button" class="secondary" type="button" @click=${() => this.start('redirect')}>
            ${t.socialRedirect}
          </button>`
        : nothing}
      ${this.renderStatus(t.socialWaiting)}
    </div>`;
  }
}
