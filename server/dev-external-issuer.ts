// A stand-in for the customer backend that issues external-auth assertions, so dev mode can
// demonstrate and test `externalAuth/verify` and `externalAuth/signin` without a second service.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, type JSONWebKeySet, type JWK } from 'jose';

export const DEV_EXTERNAL_ISSUER = 'step-up-kit-dev-issuer';
export const DEV_EXTERNAL_DEFAULT_LIFETIME_SECONDS = 120;

export interface ExternalJwtRequest {
  userId: string;
  /** The scopes an elevation assertion grants; left out of a sign-in assertion (externalAuth/signin). */
  scope?: string;
  expiresInSeconds?: number;
  jti?: string;
}

export interface DevExternalIssuer {
  issuer: string;
  /** The public half, which the server trusts. */
  jwks: JSONWebKeySet;
  sign(request: ExternalJwtRequest): Promise<string>;
}

export function createDevExternalIssuer(now: () => number): DevExternalIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = 'dev-external-issuer';
  const publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'ES256', use: 'sig' };
  return {
    issuer: DEV_EXTERNAL_ISSUER,
    jwks: { keys: [publicJwk] },
    async sign({ userId, scope, expiresInSeconds = DEV_EXTERNAL_DEFAULT_LIFETIME_SECONDS, jti = randomUUID() }) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT(scope === undefined ? {} : { scope })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid })
        .setIssuer(DEV_EXTERNAL_ISSUER)
        .setSubject(userId)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresInSeconds)
        .sign(privateKey);
    },
  };
}
