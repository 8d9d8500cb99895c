import { StepUpRecoveryCode } from '../step-up-recovery-code/step-up-recovery-code.js';

StepUpRecoveryCode.define('step-up-recovery-code');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-recovery-code': StepUpRecoveryCode;
  }
}

export { StepUpRecoveryCode };
