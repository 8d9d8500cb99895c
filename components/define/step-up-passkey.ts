import { StepUpPasskey } from '../step-up-passkey/step-up-passkey.js';

StepUpPasskey.define('step-up-passkey');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-passkey': StepUpPasskey;
  }
}

export { StepUpPasskey };
