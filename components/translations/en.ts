// English, built in and registered explicitly by the localizer.
import { ERROR_MESSAGES } from '../../src/index.js';
import type { StepUpStrings } from './strings.js';

/** Providers whose name is not just their id capitalized ('google' → 'Google'). */
const PROVIDERS: Record<string, string> = {
  github: 'GitHub', gitlab: 'GitLab', linkedin: 'LinkedIn', twitter: 'X', coinbasesocial: 'Coinbase', tiktok: 'TikTok',
  epicgames: 'Epic Games',
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
  actionDescription: (action) => `To continue with “${action}”, confirm it’s you.`,
  detailsLabel: 'What you are approving',
  approvalOnce: 'Your approval covers this one action.',
  approvalFor: (minutes) => `Your approval lasts ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  approved: (approval) => `Confirmed. ${approval}`,
  waitingForOtherTab: 'Finish confirming in your other tab or window first. This continues by itself afterwards.',

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
  attemptsLeft: (count) => (count === 1 ? '1 attempt left.' : `${count} attempts left.`),
  lockedUntil: (time) => `Locked until ${time}.`,
  unlocked: 'You can try again now.',
  codeIncomplete: 'Enter the whole code.',

  totpIntro: 'Open your authenticator app and enter the 6‑digit code it shows.',
  totpLabel: 'Authenticator code',

  otpSending: (alias) => `Sending a code to ${alias}…`,
  otpSentTo: (alias) => `We sent a code to ${alias}.`,
  otpNotSentYet: (alias) => `A new code can’t be sent to ${alias} yet. Ask for one when the timer ends.`,
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
  socialWaiting: 'Continue in the sign-in window that opened…',
  socialRedirect: 'Continue in this window',

  walletIntro: 'Sign a message with the wallet linked to your account. Signing costs nothing.',
  walletExpected: 'Linked wallet',
  walletUse: (name) => `Sign with ${name}`,
  walletWaiting: 'Confirm the request in your wallet…',
  walletNone: 'No wallet was found in this browser. Install or unlock your wallet, then try again.',

  errors: ERROR_MESSAGES,
};

export default en;
