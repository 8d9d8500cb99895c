import { StepUpSocial } from '../step-up-social/step-up-social.js';

StepUpSocial.define('step-up-social');

declare global {
  interface HTMLElementTagNameMap {
    'step-up-social': StepUpSocial;
  }
}

export { StepUpSocial };
