import { html } from 'lit';
import { authenticateTotpMfaDevice, type StepUpMethod } from '../../src/index.js';
import { StepUpCodeElement } from '../internal/code-element.js';
import styles from './step-up-totp.styles.js';

/**
 * A code from the user's authenticator app (TOTP).
 *
 * @tag step-up-totp
 * @summary Step-up with an authenticator-app code.
 * @event elevated - The code was accepted (standalone use; inside the dialog, the dialog fires it).
 * @event stepuperror - A code was refused or the request failed (standalone use).
 * @csspart form - The form around the code field.
 * @csspart intro - The instructions.
 * @csspart label - The field's label.
 * @csspart input - The code field.
 * @csspart error - The error message (a live region).
 * @csspart icon - The error message's icon (decorative).
 * @csspart countdown - Time left before another try, when rate limited.
 * @csspart button - Any button.
 * @csspart submit-button - The Verify button.
 * @csspart status - The status message (a live region).
 * @cssproperty --step-up-color-accent - Buttons and links.
 * @cssproperty --step-up-color-danger - Error text and invalid fields.
 * @cssproperty --step-up-radius - Corner radius of fields and buttons.
 */
export class StepUpTotp extends StepUpCodeElement {
  static override styles = styles;

  readonly method: StepUpMethod = 'totp';

  protected get codeLabel(): string {
    return this.t.totpLabel;
  }

  protected verifyCode(code: string, signal: AbortSignal) {
    const credential = this.activeCredential;
    return this.backendCall('authenticateTotpMfaDevice', authenticateTotpMfaDevice)({
      code,
      requestedScopes: [this.activeScope],
      signal,
      ...(credential?.type === 'totp' ? { deviceId: credential.id } : {}),
    });
  }

  protected renderIntro() {
    return html`${this.t.totpIntro}`;
  }
}
