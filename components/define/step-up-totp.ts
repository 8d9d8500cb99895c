import { StepUpTotp } from '../step-up-totp/step-up-totp.js';

StepUpTotp.define('step-up-totp');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-totp': StepUpTotp;
  }
}

export { StepUpTotp };
