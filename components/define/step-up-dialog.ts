// The dialog, with the method elements defined on demand: their module loads the first time
// the dialog shows a method (the dialog stays usable meanwhile).
// Import a method's own define module to have it defined at once (standalone use).
import { registerElementLoader } from '../internal/element-loaders.js';
import { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

const mfaMethods = () => import('./step-up-mfa-methods.js');
registerElementLoader('step-up-totp', mfaMethods);
registerElementLoader('step-up-recovery-code', mfaMethods);
registerElementLoader('step-up-otp', () => import('./step-up-otp.js'));
registerElementLoader('step-up-passkey', () => import('./step-up-passkey.js'));
registerElementLoader('step-up-social', () => import('./step-up-social.js'));
registerElementLoader('step-up-wallet', () => import('./step-up-wallet.js'));

StepUpDialog.define('step-up-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-dialog': StepUpDialog;
  }
}

export { StepUpDialog };
