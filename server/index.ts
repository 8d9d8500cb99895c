// Public entry of the reference backend (`@step-up-kit/server`).
export { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
export { createNodeMiddleware, type NodeMiddleware } from './node-middleware.js';
export type { ExternalAuthOptions, ReferenceServerOptions } from './server-context.js';
export type { ScopePolicyOverrides, ScopeRule } from './scope-policy.js';
export type { WebAuthnOptions } from './site-options.js';
export { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
// The server kit, for an app's own API (framework adapters: '@step-up-kit/server/hono', '/fetch').
export {
  verifyElevation,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  type ElevationClaims,
  type ElevationKeys,
  type ElevationRefusal,
  type ElevationResult,
  type RefusalReason,
  type VerifyElevationOptions,
} from './kit/verify-elevation.js';
export { challengeHeader, refusalBody, refusalResponse, type ChallengeOptions, type RequireElevationOptions } from './kit/refusal.js';
export type { KeyInput, SigningKeyOptions } from './signing-keys.js';
export { createMemoryStore, type MemoryStepUpStore, type StepUpStore } from './stores/step-up-store.js';
export { createRedisStore, type RedisStoreOptions } from './stores/redis-store.js';
export { counterMayBecome, createMemoryUserDirectory, type MemoryUserDirectory, type UserDirectory } from './user-directory.js';
export type { Credential, EmailCredential, PasskeyCredential, PhoneCredential, RecoveryCodeRecord, SocialCredential, TotpCredential, User, WalletCredential } from './users.js';
export { createRecoveryCodeHasher, generateRecoveryCode, type RecoveryCodeHasher } from './recovery-codes.js';
