// English, built in and registered explicitly by the localizer.
import type { StepUpStrings } from './strings.js';

const PROVIDERS: Record<string, string> = {
  google: 'Google', apple: 'Apple', github: 'GitHub', gitlab: 'GitLab', facebook: 'Facebook', discord: 'Discord',
  microsoft: 'Microsoft', twitter: 'X', linkedin: 'LinkedIn', twitch: 'Twitch', coinbasesocial: 'Coinbase',
};

const duration = (seconds: number) => {
  const s = Math.max(0, Math.ceil(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

const en: StepUpStrings = {
  $lang: 'en',
  dialogTitle: 'Confirm it’s you',
  dialogDescription: 'For your security, verify your identity to continue.',
  close: 'Close',
  checking: 'Checking how you can verify…',
  loadingMethod: 'Getting this method ready…',
  useAnotherMethod: 'Use another method',
  noMethod: 'No verification method is available for your account right now.',
  tryAgain: 'Try again',

  methodLabels: {
    passkey: 'Passkey',
    totp: 'Authenticator app',
    'recovery-code': 'Recovery code',
    email: 'Email code',
    sms: 'Text message code',
    social: 'Social sign-in',
    wallet: 'Wallet signature',
  },
  providerName: (provider) => PROVIDERS[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1),
  socialLabel: (name) => `Sign in with ${name}`,

  verify: 'Verify',
  verifying: 'Verifying…',
  verified: 'Verified.',
  duration,
  retryIn: (time) => `You can try again in ${time}.`,
  codeIncomplete: 'Enter the whole code.',

  totpIntro: 'Open your authenticator app and enter the 6-digit code it shows.',
  totpLabel: 'Authenticator code',

  otpSending: (alias) => `Sending a code to ${alias}…`,
  otpSentTo: (alias) => `We sent a code to ${alias}.`,
  otpLabelEmail: 'Code from the email',
  otpLabelSms: 'Code from the text message',
  otpResend: 'Send a new code',
  otpResendIn: (time) => `You can ask for a new code in ${time}.`,
  otpResent: 'A new code is on its way.',

  recoveryIntro: 'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.',
  recoveryLabel: 'Recovery code',

  passkeyIntro: 'Use the passkey saved on this device or on your security key.',
  passkeyButton: 'Use passkey',
  passkeyWaiting: 'Follow the prompt from your browser…',
  passkeyUnsupported: 'This browser cannot use passkeys. Choose another method or switch to a browser that supports them.',
  passkeyRefused: 'The passkey prompt was closed before it finished. Try again when you are ready.',

  socialIntro: (name, alias) => (alias ? `Sign in again with ${name} as ${alias}.` : `Sign in again with ${name}.`),
  socialWaiting: 'Finish signing in in the window that opened…',
  socialRedirect: 'Continue in this window',

  walletIntro: 'Sign a message with the wallet linked to your account. Signing costs nothing.',
  walletExpected: 'Linked wallet',
  walletUse: (name) => `Sign with ${name}`,
  walletWaiting: 'Confirm the request in your wallet…',
  walletNone: 'No wallet was found in this browser. Install or unlock your wallet, then try again.',

  errors: {
    cancelled: 'Verification was cancelled.',
    invalid_code: 'That code is not correct. Check it and try again.',
    code_expired: 'That code has expired. Ask for a new one.',
    code_already_used: 'That code has already been used. Wait for a new one and try again.',
    too_many_attempts: 'Too many wrong codes. Ask for a new code.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    webauthn_unsupported: 'This browser cannot use passkeys.',
    no_passkey: 'No passkey for this account is available on this device.',
    popup_blocked: 'The sign-in window was blocked. Allow pop-ups for this site, or continue in this window.',
    wallet_missing: 'No wallet was found in this browser.',
    wallet_address_mismatch: 'That wallet is not the one linked to your account. Switch to the linked wallet and try again.',
    wallet_signature_rejected: 'The signature was declined in the wallet.',
    wallet_connection_rejected: 'The wallet connection was declined.',
    network_error: 'The server could not be reached. Check your connection and try again.',
    server_error: 'Something went wrong on our side. Try again in a moment.',
    not_signed_in: 'You are signed out. Sign in and try again.',
    invalid_token: 'The verification could not be completed. Try again.',
    step_up_required: 'Please verify your identity again to continue.',
    invalid_request: 'The request was not valid.',
    invalid_scope: 'This action cannot be verified.',
    credential_not_found: 'This verification method is not available for your account.',
    verification_not_found: 'No code is waiting. Ask for a new code.',
    already_used: 'That code has already been used. Ask for a new one.',
    forbidden: 'You are not allowed to do this.',
    external_jwt_invalid: 'The identity assertion could not be verified.',
    external_jwt_expired: 'The identity assertion has expired.',
    external_jwt_replayed: 'The identity assertion has already been used.',
    invalid_state: 'The sign-in answer did not match this request. Try again.',
    invalid_grant: 'The sign-in could not be confirmed. Try again.',
    challenge_expired: 'This request has expired. Try again.',
    invalid_credential: 'The passkey could not be verified. Try again.',
    invalid_signature: 'The wallet signature could not be verified. Try again.',
    request_failed: 'That did not work. Try again.',
  },
};

export default en;
