// The one-time code each channel's next verify answers: what identifies it, where it went and
// when. Kept until the code is used or can never work, so that a dialog reopened for the same
// step-up asks for that code instead of sending one that would void it. The core keeps one map
// per client, step-up-kit/dynamic one per backend. Functions over a plain map, not a class: the
// client that holds the map loads before any method, these only with the code methods.
import { OTP_CODE_LIFETIME_SECONDS } from '@step-up-kit/protocol';
import type { OtpChannel } from './client.js';
import { isStepUpError, StepUpError } from './errors.js';

export type PendingCodes<V> = Map<OtpChannel, { value: V; to: string; sentAt: number }>;

/** A code this long before its end is no longer offered for typing: a new one is sent instead. */
const TYPING_MARGIN_MS = 60_000;

/** Failures after which the pending code can never work (too many attempts, expired, used, gone). */
const ENDS_CODE = /^(too_many_attempts|code_expired|already_used|verification_not_found)$/;

/** True while the channel's code (sent to `to`, when given) is unused and young enough to type at `now` (ms). */
export function isPending(codes: PendingCodes<unknown>, channel: OtpChannel, to: string | undefined, now: number): boolean {
  const code = codes.get(channel);
  if (!code || (to !== undefined && code.to !== to)) return false;
  return now < code.sentAt + OTP_CODE_LIFETIME_SECONDS * 1000 - TYPING_MARGIN_MS;
}

/**
 * Verifies the channel's code with `verify`: `verification_not_found` when none was sent. The
 * code is forgotten once the server took it, or refused it for good; a wrong guess keeps it
 * (unless a newer code was sent meanwhile, which is kept either way).
 */
export async function answerPendingCode<V, R>(codes: PendingCodes<V>, channel: OtpChannel, verify: (value: V) => Promise<R>): Promise<R> {
  const code = codes.get(channel);
  if (!code) throw new StepUpError('verification_not_found');
  const forget = () => codes.get(channel) === code && codes.delete(channel);
  let answer: R;
  try {
    answer = await verify(code.value);
  } catch (error) {
    if (isStepUpError(error) && ENDS_CODE.test(error.code)) forget();
    throw error;
  }
  forget();
  return answer;
}
