import { StepUpOtp } from '../step-up-otp/step-up-otp.js';

StepUpOtp.define('step-up-otp');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-otp': StepUpOtp;
  }
}

export { StepUpOtp };
