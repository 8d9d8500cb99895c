import { StepUpWallet } from '../step-up-wallet/step-up-wallet.js';

StepUpWallet.define('step-up-wallet');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-wallet': StepUpWallet;
  }
}

export { StepUpWallet };
