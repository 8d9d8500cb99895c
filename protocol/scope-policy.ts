// The default scope policy: which scopes mint single-use elevated tokens. A server may
// override it per scope; a client uses it to say before a step-up how long an approval lasts.
import { TokenScope } from './enums.js';

export type Scope = `${TokenScope}`;

export interface ScopeRule {
  singleUse: boolean;
}

/** How long an elevated token lives: a single-use token long enough for its one call, a multi-use one for a few. */
export const SINGLE_USE_LIFETIME_SECONDS = 5 * 60;
export const MULTI_USE_LIFETIME_SECONDS = 10 * 60;

/** How long an email or SMS code works once sent. */
export const OTP_CODE_LIFETIME_SECONDS = 5 * 60;

/**
 * The scopes whose tokens are single-use by default: each approves one call. A list of its own,
 * so a client that only says "for this one action" does not carry the whole table.
 */
export const SINGLE_USE_SCOPES: readonly Scope[] = /* @__PURE__ */ Object.freeze([
  'business_account:transfer_ownership',
  'console:mfa:reset',
  'console:project:delete',
  'console:user:delete',
  'credential:unlink',
  'user:delete',
  'wallet:export',
  'wallet:delete',
  'wallet:reshare',
  'wallet:restore',
] as const);

// Keyed by every TokenScope value, so every scope has a rule; all but the single-use ones are multi-use.
export const DEFAULT_SCOPE_POLICY: Readonly<Record<Scope, Readonly<ScopeRule>>> = /* @__PURE__ */ Object.freeze(
  Object.fromEntries(Object.values(TokenScope).map((scope) => [scope, Object.freeze({ singleUse: SINGLE_USE_SCOPES.includes(scope) })])) as Record<Scope, ScopeRule>,
);

export function isKnownScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(DEFAULT_SCOPE_POLICY, value);
}
