// The two methods of a multi-factor account — authenticator app and recovery code — defined
// together: a user who has one has the other, and they share the code field and its text. The
// email/SMS element loads apart (define/step-up-otp): it alone carries the phone formats, the
// resend countdown and the sent-code bookkeeping, which a page whose users answer with an
// authenticator app never needs (`npm run size` prints both pages).
import './step-up-totp.js';
import './step-up-recovery-code.js';
