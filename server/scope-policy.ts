// Which scopes exist and which of them mint single-use elevated tokens.
import type { TokenScope } from '../src/enums.js';

export type Scope = `${TokenScope}`;

export interface ScopeRule {
  singleUse: boolean;
}

export type ScopePolicyOverrides = Partial<Record<string, ScopeRule>>;

// Keyed by every TokenScope value, so the compiler reports a scope added to the enum and
// missing here, without the server importing runtime code from src/.
const DEFAULT_POLICY: Record<Scope, ScopeRule> = {
  'business_account:governance:update': { singleUse: false },
  'business_account:link_wallet': { singleUse: false },
  'business_account:member:add': { singleUse: false },
  'business_account:member:remove': { singleUse: false },
  'business_account:member:role:update': { singleUse: false },
  'business_account:proposal:approve': { singleUse: false },
  'business_account:proposal:veto': { singleUse: false },
  'business_account:role:define': { singleUse: false },
  'business_account:role:delete': { singleUse: false },
  'business_account:signer:add': { singleUse: false },
  'business_account:signer:remove': { singleUse: false },
  'business_account:transfer_ownership': { singleUse: true },
  'business_account:wallet:create': { singleUse: false },
  'business_account:wallet:remove': { singleUse: false },
  'console:admin_action:review': { singleUse: false },
  'console:approval_workflow:update': { singleUse: false },
  'console:member:invite': { singleUse: false },
  'console:mfa:reset': { singleUse: true },
  'console:project:delete': { singleUse: true },
  'console:settings:update': { singleUse: false },
  'console:sso:update': { singleUse: false },
  'console:user:delete': { singleUse: true },
  'credential:link': { singleUse: false },
  'credential:update': { singleUse: false },
  'credential:unlink': { singleUse: true },
  'user:update': { singleUse: false },
  'user:delete': { singleUse: true },
  'wallet:export': { singleUse: true },
  'wallet:delete': { singleUse: true },
  'wallet:refresh': { singleUse: false },
  'wallet:reshare': { singleUse: true },
  'wallet:delegate': { singleUse: false },
  'wallet:sign': { singleUse: false },
  'wallet:restore': { singleUse: true },
};

export const KNOWN_SCOPES: readonly Scope[] = Object.keys(DEFAULT_POLICY) as Scope[];

export function isKnownScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(DEFAULT_POLICY, value);
}

/** Deduplicated and sorted: the canonical form that goes into a token's `scope` claim. */
export function normalizeScopes(scopes: readonly Scope[]): Scope[] {
  return [...new Set(scopes)].sort();
}

export interface ScopePolicy {
  isSingleUse(scope: Scope): boolean;
}

export function createScopePolicy(overrides: ScopePolicyOverrides = {}): ScopePolicy {
  const policy: Record<string, ScopeRule> = { ...DEFAULT_POLICY };
  for (const [scope, rule] of Object.entries(overrides)) {
    // A typo in the operator's policy must not silently leave a scope on its default.
    if (!isKnownScope(scope)) throw new TypeError(`scopePolicy names an unknown scope: ${scope}`);
    if (rule) policy[scope] = { singleUse: rule.singleUse };
  }
  return { isSingleUse: (scope) => policy[scope]?.singleUse ?? false };
}
