// The methods the user answers with a typed code — authenticator app, email or SMS, recovery
// code — defined together: they share the code field, its countdown and most of their text,
// so one chunk for the three costs less than three that each carry the shared part.
import './step-up-totp.js';
import './step-up-otp.js';
import './step-up-recovery-code.js';
