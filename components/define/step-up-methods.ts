// Every method element, defined at once, with its class: for the single-file bundle, whose
// no-build pages may use a method element on its own.
export { StepUpPasskey } from './step-up-passkey.js';
export { StepUpTotp } from './step-up-totp.js';
export { StepUpOtp } from './step-up-otp.js';
export { StepUpRecoveryCode } from './step-up-recovery-code.js';
export { StepUpSocial } from './step-up-social.js';
export { StepUpWallet } from './step-up-wallet.js';
