// @step-up-kit/protocol — what the step-up client and server agree on: the wire shapes, the
// enums, the header name, scope normalisation and the default scope policy. No dependencies.
export { TokenScope, JwtVerifiedCredentialFormatEnum, ProviderEnum, type EnumObject } from './enums.js';
export type * from './wire.js';
export { ELEVATED_TOKEN_HEADER } from './header.js';
export {
  DYNAMIC_ERROR_CODES,
  EXTENSION_ERROR_CODES,
  type WireErrorBody,
  type WireErrorCode,
  type WireErrorPayload,
} from './errors.js';
export { normalizeScopes, parseScopeClaim } from './scopes.js';
export {
  DEFAULT_SCOPE_POLICY,
  isKnownScope,
  MULTI_USE_LIFETIME_SECONDS,
  OTP_CODE_LIFETIME_SECONDS,
  SINGLE_USE_LIFETIME_SECONDS,
  SINGLE_USE_SCOPES,
  type Scope,
  type ScopeRule,
} from './scope-policy.js';
