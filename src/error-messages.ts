// The sentence a user reads for every error code. The general ones can come from any request;
// the others belong to one method and travel with it (its module passes its table to its
// requests and to the errors it raises), so a page that never verifies by passkey, wallet,
// social sign-in or external auth does not carry their sentences.

export const GENERAL_ERROR_MESSAGES = {
  cancelled: 'Verification was cancelled.',
  invalid_code: 'That code is not correct. Check it and try again.',
  code_expired: 'That code has expired. Ask for a new one.',
  code_already_used: 'That code has already been used. Wait for a new one and try again.',
  too_many_attempts: 'Too many wrong codes. Ask for a new code.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
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
  /** A passkey's or a wallet's single-use challenge that lapsed. */
  challenge_expired: 'This request has expired. Try again.',
  request_failed: 'That did not work. Try again.',
  configuration_error: 'This page cannot verify you right now. Reload it and try again.',
} as const;

export const PASSKEY_ERROR_MESSAGES = {
  webauthn_unsupported: 'This browser cannot use passkeys.',
  no_passkey: 'No passkey for this account is available on this device.',
  invalid_credential: 'The passkey could not be verified. Try again.',
} as const;

export const WALLET_ERROR_MESSAGES = {
  wallet_missing: 'No wallet was found in this browser.',
  wallet_address_mismatch: 'That wallet is not the one linked to your account. Switch to the linked wallet and try again.',
  wallet_signature_rejected: 'The signature was declined in the wallet.',
  wallet_connection_rejected: 'The wallet connection was declined.',
  invalid_signature: 'The wallet signature could not be verified. Try again.',
} as const;

export const SOCIAL_ERROR_MESSAGES = {
  popup_blocked: 'The sign-in window was blocked. Allow pop-ups for this site, or continue in this window.',
  invalid_state: 'The sign-in answer did not match this request. Try again.',
  invalid_grant: 'The sign-in could not be confirmed. Try again.',
} as const;

export const EXTERNAL_AUTH_ERROR_MESSAGES = {
  external_jwt_invalid: 'The identity assertion could not be verified.',
  external_jwt_expired: 'The identity assertion has expired.',
  external_jwt_replayed: 'The identity assertion has already been used.',
} as const;

/** The built-in English sentence of every code (also the English table's `errors`). */
export const ERROR_MESSAGES: Readonly<
  typeof GENERAL_ERROR_MESSAGES &
    typeof PASSKEY_ERROR_MESSAGES &
    typeof WALLET_ERROR_MESSAGES &
    typeof SOCIAL_ERROR_MESSAGES &
    typeof EXTERNAL_AUTH_ERROR_MESSAGES
> = /* @__PURE__ */ Object.assign(
  {}, // (a call marked pure, unlike an object spread, is dropped by bundlers when unused)
  GENERAL_ERROR_MESSAGES,
  PASSKEY_ERROR_MESSAGES,
  WALLET_ERROR_MESSAGES,
  SOCIAL_ERROR_MESSAGES,
  EXTERNAL_AUTH_ERROR_MESSAGES,
);

export type StepUpErrorCode = keyof typeof ERROR_MESSAGES;
export type GeneralErrorCode = keyof typeof GENERAL_ERROR_MESSAGES;

/** A method's own codes and their sentences: what its requests may answer besides the general ones. */
export type MethodErrorMessages = Readonly<Partial<Record<StepUpErrorCode, string>>>;
