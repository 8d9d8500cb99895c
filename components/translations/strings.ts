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
  codeIncomplete: string;

  totpIntro: string;
  totpLabel: string;

  otpSending(alias: string): string;
  otpSentTo(alias: string): string;
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
