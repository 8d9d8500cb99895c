// step-up-kit — the headless core: check → verify → proceed.
export { createStepUpClient, StepUpClient, type StepUpClientConfig, type OtpChannel } from './client.js';
export { initializeStepUp, getDefaultClient } from './default-client.js';
export { createStepUpBackend, offersMethod, type StepUpBackend, type StepUpMethodCalls } from './backend.js';
export { checkStepUpAuth, checkStepUpAuthWithReason, type StepUpCheckOutcome } from './check.js';
export { methodOf, displayAlias, type StepUpMethod } from './methods.js';
export { elevationOf, type StepUpElevation } from './elevation.js';
export { isFresh, type Prefetch } from './prefetch.js';
export { hasElevatedAccessToken, getElevatedAccessToken } from './tokens.js';
export { sendEmailOTP, sendSmsOTP, verifyOTP, hasPendingOTP } from './otp.js';
export { authenticateTotpMfaDevice, authenticateMfaRecoveryCode } from './mfa.js';
export { requestExternalAuthElevatedToken } from './external-auth.js';
export { authenticatePasskeyMFA, prefetchPasskeyOptions, PASSKEY_OPTIONS_MAX_AGE_MS, type PasskeyOptionsPrefetch } from './passkey.js';
export { verifyWallet, prefetchWalletNonce, WALLET_NONCE_MAX_AGE_MS, type WalletNoncePrefetch } from './wallet.js';
export { listWallets, registerWalletProvider, type AvailableWallet } from './wallets/wallet-registry.js';
export { shortenAddress } from './wallets/address.js';
export type { Eip1193Provider, WalletInfo, WalletProviderDetail } from './wallets/eip1193.js';
export { verifySocial, completeSocialRedirect, type VerifySocialParams } from './social.js';
export { handleSocialCallback } from './social-callback.js';
export { elevatedFetch, type ElevatedFetchInit } from './elevated-fetch.js';
export {
  stepUpFetch,
  withStepUp,
  type StepUpAbout,
  type StepUpDetail,
  type StepUpFetchInit,
  type StepUpFetchOptions,
  type StepUpPrompt,
  type StepUpRefusal,
} from './step-up-fetch.js';
export { CLOCK_SKEW_MARGIN_SECONDS, type HeldTokenSummary } from './token-store.js';
export { StepUpTokenEvent, StepUpCheckFailedEvent, type StepUpClientEventMap, type TokenEventType } from './client-events.js';
export { StepUpError, isStepUpError, ERROR_MESSAGES, type StepUpErrorCode } from './errors.js';
export { TokenScope, JwtVerifiedCredentialFormatEnum, ProviderEnum, ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
export type * from '@step-up-kit/protocol';
