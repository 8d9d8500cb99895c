// The documented entry: defines <step-up-dialog> now and each method element the first time
// the dialog shows it (its code loads then), so a page pays only for the methods its users
// see. A method element used on its own needs its define module
// (components/define/step-up-totp, …), which defines it at once.
import './define/step-up-dialog.js';

import type { StepUpPasskey } from './step-up-passkey/step-up-passkey.js';
import type { StepUpTotp } from './step-up-totp/step-up-totp.js';
import type { StepUpOtp } from './step-up-otp/step-up-otp.js';
import type { StepUpRecoveryCode } from './step-up-recovery-code/step-up-recovery-code.js';
import type { StepUpSocial } from './step-up-social/step-up-social.js';
import type { StepUpWallet } from './step-up-wallet/step-up-wallet.js';

// Every tag typed (`document.querySelector('step-up-otp')`), though a method's class loads later.
declare global {
  interface HTMLElementTagNameMap {
    'step-up-passkey': StepUpPasskey;
    'step-up-totp': StepUpTotp;
    'step-up-otp': StepUpOtp;
    'step-up-recovery-code': StepUpRecoveryCode;
    'step-up-social': StepUpSocial;
    'step-up-wallet': StepUpWallet;
  }
}

export { StepUpDialog } from './define/step-up-dialog.js';
export type { StepUpPasskey, StepUpTotp, StepUpOtp, StepUpRecoveryCode, StepUpSocial, StepUpWallet };
export * from './events/index.js';
export type { StepUpMethod } from '../src/index.js';
export { registerTranslation, registerTranslationLoader, loadTranslation } from './internal/localize.js';
export type { StepUpStrings, StepUpStringOverrides } from './translations/strings.js';
