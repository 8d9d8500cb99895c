// Elevated access tokens, minted after a successful step-up: ES256 with the configured signing
// key (its `kid` in the header), issuer and audience (the environment). They are checked by
// the server kit (kit/verify-elevation.ts) against the key set published here, so a
// rotated-out key still verifies.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { MULTI_USE_LIFETIME_SECONDS, normalizeScopes, SINGLE_USE_LIFETIME_SECONDS } from '@step-up-kit/protocol';
import type { Scope, ScopePolicy } from './scope-policy.js';
import { loadSigningKeys, type SigningKeys } from './signing-keys.js';

// The lifetimes are the protocol's: the dialog says them before the step-up.
export { MULTI_USE_LIFETIME_SECONDS, SINGLE_USE_LIFETIME_SECONDS };

/**
 * How the user proved themselves, as RFC 8176 authentication method references (the token's
 * `amr`): a passkey is proof of a hardware key with user presence, a wallet signature of a
 * software key; `fed` (a federated re-login) and `ext` (an assertion of the app's backend) are
 * ours, where RFC 8176 has none.
 */
export const AMR = {
  passkey: ['hwk', 'user'],
  totp: ['otp'],
  recovery: ['otp'],
  email: ['otp'],
  sms: ['sms'],
  social: ['fed'],
  wallet: ['swk'],
  external: ['ext'],
} as const satisfies Record<string, readonly string[]>;

export type ProofMethod = keyof typeof AMR;

export interface ElevatedTokens {
  /** A token for `scopes`, proved just now by `method` (its `auth_time` and `amr`). */
  mint(userId: string, scopes: readonly Scope[], method: ProofMethod): Promise<string>;
  /** A new signing key when dev mode made the key up: every token minted so far stops working (dev reset). */
  rotateKey(): void;
  /** The public keys tokens verify against, as published at `.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
  /** The same keys as a resolver for jose (the current ones, after a dev reset too). */
  keySet: JWTVerifyGetKey;
}

export interface ElevatedTokenDeps {
  environmentId: string;
  /** The `iss` of every token. */
  issuer: string;
  now: () => number;
  policy: ScopePolicy;
  keys: SigningKeys;
}

export function createElevatedTokens({ environmentId, issuer, now, policy, keys: configured }: ElevatedTokenDeps): ElevatedTokens {
  let keys = configured;

  return {
    rotateKey() {
      if (keys.generated) keys = loadSigningKeys({}, true);
    },

    jwks: () => keys.jwks,
    keySet: (header, token) => keys.keySet(header, token),

    async mint(userId, scopes, method) {
      const scope = normalizeScopes(scopes);
      const singleUse = scope.some((s) => policy.isSingleUse(s));
      const iat = Math.floor(now() / 1000);
      const lifetime = singleUse ? SINGLE_USE_LIFETIME_SECONDS : MULTI_USE_LIFETIME_SECONDS;
      const claims = { scope: scope.join(' '), singleUse, environment_id: environmentId, auth_time: iat, amr: [...AMR[method]] };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.kid })
        .setIssuer(issuer)
        .setAudience(environmentId)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .sign(keys.privateKey);
    },
  };
}
