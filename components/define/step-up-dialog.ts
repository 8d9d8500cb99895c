// The dialog, with the method elements defined on demand: their module loads the first time
// the dialog shows a method (the dialog stays usable meanwhile).
// Import a method's own define module to have it defined at once (standalone use).
import { registerElementLoader } from '../internal/element-loaders.js';
import { StepUpDialog } from '../step-up-dialog/step-up-dialog.js';

const methods = () => import('./step-up-methods.js');
for (const tag of ['step-up-passkey', 'step-up-totp', 'step-up-otp', 'step-up-recovery-code', 'step-up-social', 'step-up-wallet']) {
  registerElementLoader(tag, methods);
}

StepUpDialog.define('step-up-dialog');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-dialog': StepUpDialog;
  }
}

export { StepUpDialog };
