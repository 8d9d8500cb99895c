// Every method element, defined. The dialog's define module loads this on demand, the first
// time the dialog shows a method: one chunk for the six elements and what only they need —
// the WebAuthn library, the SIWE message builder, popup handling. One request instead of one
// per method: the elements share most of their code, and per-method chunks would cost more
// in total (each compressed on its own) than they save a page that shows one method.
import './step-up-passkey.js';
import './step-up-totp.js';
import './step-up-otp.js';
import './step-up-recovery-code.js';
import './step-up-social.js';
import './step-up-wallet.js';
