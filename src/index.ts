// step-up-kit — the headless core: check → verify → proceed.
export { createStepUpClient, StepUpClient, type StepUpClientConfig, type OtpChannel } from './client.js';
export { initializeStepUp, getDefaultClient } from './default-client.js';
export { checkStepUpAuth } from './check.js';
export { hasElevatedAccessToken, getElevatedAccessToken } from './tokens.js';
export { sendEmailOTP, sendSmsOTP, verifyOTP } from './otp.js';
export { authenticateTotpMfaDevice, authenticateMfaRecoveryCode } from './mfa.js';
export { requestExternalAuthElevatedToken } from './external-auth.js';
export { elevatedFetch, ELEVATED_TOKEN_HEADER, type ElevatedFetchInit } from './elevated-fetch.js';
export { CLOCK_SKEW_MARGIN_SECONDS, type HeldTokenSummary } from './token-store.js';
export { StepUpTokenEvent, type StepUpClientEventMap, type TokenEventType } from './token-events.js';
export { StepUpError, isStepUpError, type StepUpErrorCode } from './errors.js';
export { TokenScope, JwtVerifiedCredentialFormatEnum, ProviderEnum } from './enums.js';
export type * from './wire.js';
