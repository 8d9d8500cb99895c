// Error answers, after Dynamic's models (`@dynamic-labs/sdk-api-core`: BadRequest,
// Unauthorized, Forbidden, NotFound, UnprocessableEntity, TooManyRequests): a flat body whose
// `error` is a sentence a user can read, with a `code` to branch on and an optional `payload`.

/** Codes of Dynamic's API (UnprocessableEntityErrorCode, and `mfa_rate_limited` that its SDK maps). */
export const DYNAMIC_ERROR_CODES = [
  'invalid_scopes',
  'wrong_email_verification_token',
  'wrong_sms_verification_token',
  'invalid_email_verification',
  'invalid_sms_verification',
  'too_many_email_verification_attempts',
  'too_many_sms_verification_attempts',
  'lock_too_many_attempts',
  'mfa_invalid_code',
  'mfa_device_not_found',
  'mfa_rate_limited',
  'passkey_not_found',
] as const;

/** Codes step-up-kit adds where Dynamic's models have none (listed as extensions in the server README). */
export const EXTENSION_ERROR_CODES = [
  'already_used',
  'challenge_expired',
  'code_already_used',
  'code_expired',
  'credential_not_found',
  'delivery_failed',
  'environment_not_found',
  'external_jwt_expired',
  'external_jwt_invalid',
  'external_jwt_replayed',
  'forbidden',
  'invalid_credential',
  'invalid_grant',
  'invalid_request',
  'invalid_signature',
  'invalid_state',
  'method_not_allowed',
  'not_found',
  'not_signed_in',
  'payload_too_large',
  'rate_limited',
  'server_error',
  'step_up_required',
  'step_up_unavailable',
  'too_many_users',
  'user_not_found',
  'wallet_address_mismatch',
] as const;

export type WireErrorCode = (typeof DYNAMIC_ERROR_CODES)[number] | (typeof EXTENSION_ERROR_CODES)[number];

export interface WireErrorPayload {
  /** Seconds until a retry can succeed (also sent as `Retry-After`). */
  retryAfter?: number;
  /** The scope a step-up refusal asks for. */
  scope?: string;
  [key: string]: unknown;
}

/** Every error answer of the step-up API and of the server kit's refusals. */
export interface WireErrorBody {
  error: string;
  code?: WireErrorCode | (string & {});
  payload?: WireErrorPayload;
}
