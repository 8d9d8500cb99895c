// Every failure the core reports is a StepUpError with a stable `code` that UIs and apps
// branch on; `message` is a sentence a user could read (error-messages.ts holds them; they are
// also the English table's error messages in the elements, one copy of each in a bundle).

import { GENERAL_ERROR_MESSAGES, type GeneralErrorCode, type MethodErrorMessages, type StepUpErrorCode } from './error-messages.js';

export { ERROR_MESSAGES, type StepUpErrorCode } from './error-messages.js';

/**
 * True when `code` is one of the general codes, or one of `methodCodes` (the method whose
 * request answered): a code no request of that kind can give is not trusted.
 */
export function isStepUpErrorCode(code: unknown, methodCodes?: MethodErrorMessages): code is StepUpErrorCode {
  return typeof code === 'string' && (Object.hasOwn(GENERAL_ERROR_MESSAGES, code) || (!!methodCodes && Object.hasOwn(methodCodes, code)));
}

export interface StepUpErrorOptions {
  message?: string | undefined;
  /** HTTP status, when the error came from a response. */
  status?: number | undefined;
  /** Seconds to wait before retrying (rate_limited). */
  retryAfter?: number | undefined;
  /** Attempts left with this code or device, when the server says. */
  attemptsRemaining?: number | undefined;
  /** When a lock ends (ms since the epoch), when the server says. */
  lockedUntil?: number | undefined;
  cause?: unknown;
}

export class StepUpError extends Error {
  override readonly name = 'StepUpError';
  readonly code: StepUpErrorCode;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  readonly attemptsRemaining: number | undefined;
  readonly lockedUntil: number | undefined;

  constructor(code: StepUpErrorCode, options: StepUpErrorOptions = {}) {
    // A method's own code brings its sentence from the method (methodError); one made up
    // elsewhere without a message still gets a sentence a user can read.
    super(options.message ?? GENERAL_ERROR_MESSAGES[code as GeneralErrorCode] ?? GENERAL_ERROR_MESSAGES.request_failed, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.attemptsRemaining = options.attemptsRemaining;
    this.lockedUntil = options.lockedUntil;
  }
}

/** An error of one method's own codes, with that method's sentence unless `options` has one. */
export function methodError<C extends StepUpErrorCode>(messages: Readonly<Record<C, string>>, code: C, options: StepUpErrorOptions = {}): StepUpError {
  return new StepUpError(code, { ...options, message: options.message ?? messages[code] });
}

/** True for a StepUpError, optionally with the given code. */
export function isStepUpError(error: unknown, code?: StepUpErrorCode): error is StepUpError {
  return error instanceof StepUpError && (code === undefined || error.code === code);
}

/** The server answered with something the client cannot use (a missing field, a wrong type): fail closed. */
export const unusableAnswer = (cause?: unknown): StepUpError =>
  new StepUpError('server_error', { message: 'The server sent an answer that could not be used.', cause });

/** Throws `cancelled` when the caller's signal has fired (a closed dialog, a navigation). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new StepUpError('cancelled', { cause: signal.reason });
}
