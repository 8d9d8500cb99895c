// Elevated access tokens: minted after a successful step-up, checked by protected endpoints.
// ES256 with the configured signing key (its `kid` in the header), issuer and audience (the
// environment); verified against the published key set, so a rotated-out key still verifies.
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { normalizeScopes, type ElevatedTokenClaims, type WireErrorCode } from '@step-up-kit/protocol';
import { ApiError } from './errors.js';
import type { Scope, ScopePolicy } from './scope-policy.js';
import { loadSigningKeys, type SigningKeys } from './signing-keys.js';
import { isRemembered, rememberUntil } from './store.js';

export const SINGLE_USE_LIFETIME_SECONDS = 5 * 60;
export const MULTI_USE_LIFETIME_SECONDS = 10 * 60;

export interface ElevatedTokens {
  mint(userId: string, scopes: readonly Scope[]): Promise<string>;
  /**
   * Throws a 403 ApiError unless `token` is a live token of this server for `userId` that
   * grants `scope`. Spends a single-use token.
   */
  consume(token: string | undefined, userId: string, scope: Scope): Promise<ElevatedTokenClaims>;
  /** A new signing key when dev mode made the key up: every token minted so far stops working (dev reset). */
  rotateKey(): void;
  /** The public keys tokens verify against, as published at `.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
}

export interface ElevatedTokenDeps {
  environmentId: string;
  /** The `iss` of every token. */
  issuer: string;
  now: () => number;
  policy: ScopePolicy;
  /** Where spent single-use jtis are kept (the store, replaced on reset). */
  usedJtis: () => Map<string, number>;
  keys: SigningKeys;
}

const refuse = (code: WireErrorCode, message: string) => new ApiError(403, code, message);

export function createElevatedTokens({ environmentId, issuer, now, policy, usedJtis, keys: configured }: ElevatedTokenDeps): ElevatedTokens {
  let keys = configured;

  return {
    rotateKey() {
      if (keys.generated) keys = loadSigningKeys({}, true);
    },

    jwks: () => keys.jwks,

    async mint(userId, scopes) {
      const scope = normalizeScopes(scopes);
      const singleUse = scope.some((s) => policy.isSingleUse(s));
      const iat = Math.floor(now() / 1000);
      const lifetime = singleUse ? SINGLE_USE_LIFETIME_SECONDS : MULTI_USE_LIFETIME_SECONDS;
      return new SignJWT({ scope: scope.join(' '), singleUse, environment_id: environmentId })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.kid })
        .setIssuer(issuer)
        .setAudience(environmentId)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .sign(keys.privateKey);
    },

    async consume(token, userId, scope) {
      if (!token) {
        throw refuse('elevated_token_missing', 'This action needs you to confirm your identity first.');
      }
      const invalid = () => refuse('elevated_token_invalid', 'The confirmation for this action is not valid. Confirm your identity again.');
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys.keySet, {
          algorithms: ['ES256'],
          issuer,
          audience: environmentId,
          currentDate: new Date(now()),
          requiredClaims: ['sub', 'scope', 'jti', 'exp'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) {
          throw refuse('elevated_token_expired', 'Your confirmation has expired. Confirm your identity again.');
        }
        throw invalid();
      }
      const { sub, jti, exp, iat } = payload;
      if (sub !== userId || payload.environment_id !== environmentId) throw invalid();
      if (typeof payload.scope !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') {
        throw invalid();
      }
      if (!payload.scope.split(' ').includes(scope)) {
        throw refuse('elevated_token_wrong_scope', 'Your confirmation does not cover this action. Confirm your identity for it.');
      }
      const singleUse = payload.singleUse === true;
      if (singleUse) {
        const used = usedJtis();
        const nowMs = now();
        if (isRemembered(used, jti, nowMs)) {
          throw refuse('elevated_token_used', 'This confirmation was already used. Confirm your identity again.');
        }
        rememberUntil(used, jti, exp * 1000, nowMs);
      }
      return { sub, scope: payload.scope, jti, exp, iat, singleUse };
    },
  };
}
