// A class module (`step-up-kit/components/<element>`) registers nothing: an app that imports a
// class defines it under the tag it chooses, or not at all. Only the define modules register.
import { expect } from '@open-wc/testing';
import { StepUpDialog } from '../components/step-up-dialog/step-up-dialog.js';
import { StepUpOtp } from '../components/step-up-otp/step-up-otp.js';
import { StepUpPasskey } from '../components/step-up-passkey/step-up-passkey.js';
import { StepUpRecoveryCode } from '../components/step-up-recovery-code/step-up-recovery-code.js';
import { StepUpSocial } from '../components/step-up-social/step-up-social.js';
import { StepUpTotp } from '../components/step-up-totp/step-up-totp.js';
import { StepUpWallet } from '../components/step-up-wallet/step-up-wallet.js';

describe('class modules', () => {
  it('importing every element class defines no tag', () => {
    const classes = [StepUpDialog, StepUpOtp, StepUpPasskey, StepUpRecoveryCode, StepUpSocial, StepUpTotp, StepUpWallet];
    expect(classes.every((c) => typeof c === 'function')).to.equal(true);
    for (const tag of ['step-up-dialog', 'step-up-otp', 'step-up-passkey', 'step-up-recovery-code', 'step-up-social', 'step-up-totp', 'step-up-wallet']) {
      expect(customElements.get(tag), tag).to.equal(undefined);
    }
  });

  it('an app may define a class under a tag of its own', () => {
    customElements.define('acme-verify-code', StepUpTotp);
    expect(document.createElement('acme-verify-code')).to.be.instanceOf(StepUpTotp);
  });
});
