// Every failure the core reports is a StepUpError with a stable `code` that UIs and apps
// branch on; `message` is a sentence a user could read. These sentences are also the English
// table's error messages in the elements (one copy of each in a bundle).

const MESSAGES = {
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
  method_not_allowed: 'This way of confirming your identity is not available for your account now. Use one of the ways offered.',
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
  configuration_error: 'This page cannot verify you right now. Reload it and try again.',
} as const;

export type StepUpErrorCode = keyof typeof MESSAGES;

/** True when `code` is one of the core's stable error codes. */
export function isStepUpErrorCode(code: unknown): code is StepUpErrorCode {
  return typeof code === 'string' && Object.hasOwn(MESSAGES, code);
}

/** The built-in English sentence of every code (also the English table's `errors`). */
export const ERROR_MESSAGES: Readonly<Record<StepUpErrorCode, string>> = MESSAGES;

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
    super(options.message ?? MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.attemptsRemaining = options.attemptsRemaining;
    this.lockedUntil = options.lockedUntil;
  }
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
