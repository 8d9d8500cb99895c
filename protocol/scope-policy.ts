// The default scope policy: which scopes mint single-use elevated tokens. A server may
// override it per scope; a client uses it to say before a step-up how long an approval lasts.
import type { TokenScope } from './enums.js';

export type Scope = `${TokenScope}`;

export interface ScopeRule {
  singleUse: boolean;
}

// Keyed by every TokenScope value, so the compiler reports a scope added to the enum and
// missing here.
export const DEFAULT_SCOPE_POLICY: Readonly<Record<Scope, Readonly<ScopeRule>>> = /* @__PURE__ */ Object.freeze({
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
});

export function isKnownScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(DEFAULT_SCOPE_POLICY, value);
}
