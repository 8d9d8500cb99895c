// The server's scope policy: the protocol's default (which scopes mint single-use tokens),
// with the operator's overrides.
import { DEFAULT_SCOPE_POLICY, isKnownScope, type Scope, type ScopeRule } from '@step-up-kit/protocol';

export type { Scope, ScopeRule };
export { isKnownScope };

export type ScopePolicyOverrides = Partial<Record<string, ScopeRule>>;

export interface ScopePolicy {
  isSingleUse(scope: Scope): boolean;
}

export function createScopePolicy(overrides: ScopePolicyOverrides = {}): ScopePolicy {
  const policy: Record<string, ScopeRule> = { ...DEFAULT_SCOPE_POLICY };
  for (const [scope, rule] of Object.entries(overrides)) {
    // A typo in the operator's policy must not silently leave a scope on its default.
    if (!isKnownScope(scope)) throw new TypeError(`scopePolicy names an unknown scope: ${scope}`);
    if (rule) policy[scope] = { singleUse: rule.singleUse };
  }
  return { isSingleUse: (scope) => policy[scope]?.singleUse ?? false };
}
