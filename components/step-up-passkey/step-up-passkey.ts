import { html, nothing } from 'lit';
import {
  authenticatePasskeyMFA,
  prefetchPasskeyOptions,
  type PasskeyOptionsPrefetch,
  type StepUpBackend,
  type StepUpError,
  type StepUpMethod,
} from '../../src/index.js';
import { StepUpActionElement } from '../internal/action-element.js';
import { callOf } from '../internal/method-element.js';
import { icon, spinner } from '../internal/icons.js';
import styles from './step-up-passkey.styles.js';

const webAuthnAvailable = () => typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/**
 * A passkey (WebAuthn). The browser prompt opens only when the user presses the button; a
 * refused or dismissed prompt can be tried again. Where WebAuthn is unavailable it says so.
 *
 * @tag step-up-passkey
 * @summary Step-up with a passkey.
 * @event elevated - The passkey was accepted (standalone use).
 * @event stepuperror - The prompt was refused or the check failed (standalone use).
 * @csspart intro - The explanation.
 * @csspart button - The button.
 * @csspart submit-button - Same button.
 * @csspart error - The error message (a live region).
 * @csspart icon - The icons (decorative): the button's, the error message's.
 * @csspart status - The status message (a live region).
 * @cssproperty --step-up-color-accent - The button.
 */
export class StepUpPasskey extends StepUpActionElement {
  static override styles = styles;

  readonly method: StepUpMethod = 'passkey';

  /** Called by the dialog while it opens: the request options, so that the press leaves only the verify request. */
  static prefetch(backend: StepUpBackend, signal: AbortSignal) {
    return webAuthnAvailable() ? callOf(backend, 'prefetchPasskeyOptions', prefetchPasskeyOptions)?.({ signal }) : undefined;
  }

  protected async perform(_args: readonly [], signal: AbortSignal) {
    // the options the dialog fetched while opening, if any: then only the verify request is left
    const options = (await this.session?.prefetched.passkey) as PasskeyOptionsPrefetch | undefined; // from prefetch() above
    const authenticate = this.backendCall('authenticatePasskeyMFA', authenticatePasskeyMFA);
    return authenticate({ requestedScopes: [this.activeScope], signal, ...(options ? { options } : {}) });
  }

  protected override describe(error: StepUpError): string {
    if (error.code === 'cancelled') return this.t.passkeyRefused;
    if (error.code === 'webauthn_unsupported') return this.t.passkeyUnsupported;
    return super.describe(error);
  }

  override render() {
    const t = this.t;
    if (!webAuthnAvailable()) {
      return html`<p part="intro error" class="error" role="alert">${icon('alert')}<span>${t.passkeyUnsupported}</span></p>`;
    }
    return html`<div class="stack">
      <p part="intro" class="intro">${t.passkeyIntro}</p>
      ${this.renderError()}
      <button part="button submit-button" class="primary" type="button" aria-disabled=${this.pending ? 'true' : 'false'} @click=${() => this.start()}>
        ${this.pending ? spinner : icon('passkey')}
        ${this.error ? t.tryAgain : t.passkeyButton}
      </button>
      ${this.renderStatus(t.passkeyWaiting)} ${nothing}
    </div>`;
  }
}
