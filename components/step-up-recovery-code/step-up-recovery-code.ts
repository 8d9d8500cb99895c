import { html } from 'lit';
import { authenticateMfaRecoveryCode, type StepUpMethod } from '../../src/index.js';
import { StepUpCodeElement } from '../internal/code-element.js';
import styles from './step-up-recovery-code.styles.js';

/** Recovery codes are ten letters and digits, printed as XXXXX-XXXXX. */
const RECOVERY_CODE_LENGTH = 10;

/**
 * One of the user's MFA recovery codes (single use). The field takes letters and digits, so it
 * uses `inputmode="text"` and no one-time-code autofill (these codes come from paper, not a message).
 *
 * @tag step-up-recovery-code
 * @summary Step-up with a recovery code.
 * @event elevated - The code was accepted (standalone use).
 * @event stepuperror - A code was refused or the request failed (standalone use).
 * @csspart form - The form.
 * @csspart intro - The instructions.
 * @csspart label - The label.
 * @csspart input - The code field.
 * @csspart error - The error message.
 * @csspart icon - The error message's icon (decorative).
 * @csspart countdown - Rate-limit countdown.
 * @csspart button - Any button.
 * @csspart submit-button - The Verify button.
 * @csspart status - The status message.
 * @cssproperty --step-up-color-accent - Buttons and links.
 */
export class StepUpRecoveryCode extends StepUpCodeElement {
  static override styles = styles;

  readonly method: StepUpMethod = 'recovery-code';
  protected override readonly codeLength = RECOVERY_CODE_LENGTH;
  protected override readonly codeInputMode = 'text';

  protected get codeLabel(): string {
    return this.t.recoveryLabel;
  }

  protected override normalizeCode(value: string): string {
    return value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, RECOVERY_CODE_LENGTH);
  }

  protected override display(code: string): string {
    return code.length > 5 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
  }

  protected verifyCode(code: string, signal: AbortSignal) {
    return this.backendCall('authenticateMfaRecoveryCode', authenticateMfaRecoveryCode)({ code, requestedScopes: [this.activeScope], signal });
  }

  protected renderIntro() {
    return html`${this.t.recoveryIntro}`;
  }
}
