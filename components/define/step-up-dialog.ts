// The dialog renders every method element, so defining it defines them too.
import './step-up-passkey.js';
import './step-up-totp.js';
import './step-up-otp.js';
import './step-up-recovery-code.js';
import './step-up-social.js';
import './step-up-wallet.js';
import { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

StepUpDialog.define('step-up-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-dialog': StepUpDialog;
  }
}

export { StepUpDialog };
