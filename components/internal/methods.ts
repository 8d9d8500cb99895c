// Which element presents which method: a UI concern, so it lives here; the method vocabulary
// itself (StepUpMethod, methodOf, displayAlias) is the core's.
import type { StepUpMethod } from '../../src/index.js';

/** The element that presents each method. */
export const METHOD_TAGS: Record<StepUpMethod, string> = {
  passkey: 'step-up-passkey',
  totp: 'step-up-totp',
  'recovery-code': 'step-up-recovery-code',
  email: 'step-up-otp',
  sms: 'step-up-otp',
  social: 'step-up-social',
  wallet: 'step-up-wallet',
};
