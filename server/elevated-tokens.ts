// Elevated access tokens: minted after a successful step-up, checked by protected endpoints.
// ES256 with a key pair made per server instance; only this server can mint or accept them.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { ElevatedTokenClaims, WireErrorCode } from '@step-up-kit/protocol';
import { ApiError } from './errors.js';
import { normalizeScopes } from '@step-up-kit/protocol';
import type { Scope, ScopePolicy } from './scope-policy.js';
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
  /** A new signing key: every token minted so far stops working (dev reset). */
  rotateKey(): void;
}

export interface ElevatedTokenDeps {
  environmentId: string;
  now: () => number;
  policy: ScopePolicy;
  /** Where spent single-use jtis are kept (the store, replaced on reset). */
  usedJtis: () => Map<string, number>;
  /** Generated when absent; injectable so tests can prove the checks beyond the signature. */
  keyPair?: { privateKey: KeyObject; publicKey: KeyObject };
}

const newKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

const refuse = (code: WireErrorCode, message: string) => new ApiError(403, code, message);

export function createElevatedTokens({
  environmentId,
  now,
  policy,
  usedJtis,
  keyPair = newKeyPair(),
}: ElevatedTokenDeps): ElevatedTokens {
  let { privateKey, publicKey } = keyPair;

  return {
    rotateKey() {
      ({ privateKey, publicKey } = newKeyPair());
    },

    async mint(userId, scopes) {
      const scope = normalizeScopes(scopes);
      const singleUse = scope.some((s) => policy.isSingleUse(s));
      const iat = Math.floor(now() / 1000);
      const lifetime = singleUse ? SINGLE_USE_LIFETIME_SECONDS : MULTI_USE_LIFETIME_SECONDS;
      return new SignJWT({ scope: scope.join(' '), singleUse, environment_id: environmentId })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetime)
        .sign(privateKey);
    },

    async consume(token, userId, scope) {
      if (!token) {
        throw refuse('elevated_token_missing', 'This action needs you to confirm your identity first.');
      }
      const invalid = () => refuse('elevated_token_invalid', 'The confirmation for this action is not valid. Confirm your identity again.');
      let payload;
      try {
        ({ payload } = await jwtVerify(token, publicKey, {
          algorithms: ['ES256'],
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
