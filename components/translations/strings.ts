// The one table of every string a user can see or hear. A locale is a complete StepUpStrings;
// apps override single entries through the `strings` property.
import type { StepUpErrorCode, StepUpMethod } from '../../src/index.js';

export interface StepUpStrings {
  /** BCP 47 tag of this table. */
  $lang: string;

  dialogTitle: string;
  dialogDescription: string;
  close: string;
  checking: string;
  /** While a method's code loads (the first time it is shown). */
  loadingMethod: string;
  useAnotherMethod: string;
  noMethod: string;
  tryAgain: string;
  /** The description when the app names the action (`action`: a label such as 'Export private key'). */
  actionDescription(action: string): string;
  /** The accessible name of the list of `details` (amount, destination…). */
  detailsLabel: string;
  /** How long the approval lasts: one call (single-use scope), or minutes. */
  approvalOnce: string;
  approvalFor(minutes: number): string;
  /** Announced once verified, with the approval the token actually carries. */
  approved(approval: string): string;
  /** While another tab or window of this site is asking: this one waits its turn. */
  waitingForOtherTab: string;

  methodLabels: Record<StepUpMethod, string>;
  /** Name of a social provider ('google' → 'Google'). */
  providerName(provider: string): string;
  /** The label of the social method for a provider. */
  socialLabel(providerName: string): string;

  verify: string;
  verifying: string;
  verified: string;
  /** A countdown, e.g. 75 → '1:15'. */
  duration(seconds: number): string;
  /** Under the rate-limit message, counting down. */
  retryIn(duration: string): string;
  /** After a wrong code, when the server says how many attempts are left. */
  attemptsLeft(count: number): string;
  /** While locked: the time it ends, already formatted for the language (e.g. '14:35'). */
  lockedUntil(time: string): string;
  /** Announced when a lock ends. */
  unlocked: string;
  codeIncomplete: string;

  totpIntro: string;
  totpLabel: string;

  otpSending(alias: string): string;
  otpSentTo(alias: string): string;
  /** The server refused to send now (a code went out moments ago, elsewhere): nothing was sent. */
  otpNotSentYet(alias: string): string;
  otpLabelEmail: string;
  otpLabelSms: string;
  otpResend: string;
  otpResendIn(duration: string): string;
  otpResent: string;

  recoveryIntro: string;
  recoveryLabel: string;

  passkeyIntro: string;
  passkeyButton: string;
  passkeyWaiting: string;
  passkeyUnsupported: string;
  passkeyRefused: string;

  socialIntro(providerName: string, alias: string | undefined): string;
  socialWaiting: string;
  socialRedirect: string;

  walletIntro: string;
  walletExpected: string;
  walletUse(walletName: string): string;
  walletWaiting: string;
  walletNone: string;

  /** What went wrong, for every error code the core reports. */
  errors: Record<StepUpErrorCode, string>;
}

/** What an app may override: any top-level entry, and any single error message. */
export type StepUpStringOverrides = Partial<Omit<StepUpStrings, 'errors' | 'methodLabels'>> & {
  errors?: Partial<StepUpStrings['errors']>;
  methodLabels?: Partial<StepUpStrings['methodLabels']>;
};

/** A locale table with overrides applied on top. */
export function withOverrides(base: StepUpStrings, ...overrides: (StepUpStringOverrides | undefined)[]): StepUpStrings {
  let result = base;
  for (const o of overrides) {
    if (!o) continue;
    result = {
      ...result,
      ...o,
      errors: { ...result.errors, ...o.errors },
      methodLabels: { ...result.methodLabels, ...o.methodLabels },
    } as StepUpStrings;
  }
  return result;
}
