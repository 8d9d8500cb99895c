// Every method element, defined. The dialog's define module loads this on demand, the first
// time the dialog shows a method: one chunk for the six elements (they share most of their
// code), while the heaviest parts — the WebAuthn library, wallet message signing — load
// inside the core only when that method is used.
import './step-up-passkey.js';
import './step-up-totp.js';
import './step-up-otp.js';
import './step-up-recovery-code.js';
import './step-up-social.js';
import './step-up-wallet.js';
