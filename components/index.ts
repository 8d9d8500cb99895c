// The drop-in entry: defines every element. Class modules (components/step-up-*/…) and
// define modules (components/define/…) can be imported one by one instead.
import './define/step-up-dialog.js';

export { StepUpDialog } from './define/step-up-dialog.js';
export { StepUpPasskey } from './define/step-up-passkey.js';
export { StepUpTotp } from './define/step-up-totp.js';
export { StepUpOtp } from './define/step-up-otp.js';
export { StepUpRecoveryCode } from './define/step-up-recovery-code.js';
export { StepUpSocial } from './define/step-up-social.js';
export { StepUpWallet } from './define/step-up-wallet.js';
export * from './events/index.js';
export type { StepUpMethod } from '../src/index.js';
export { registerTranslation, registerTranslationLoader, loadTranslation } from './internal/localize.js';
export type { StepUpStrings, StepUpStringOverrides } from './translations/strings.js';
