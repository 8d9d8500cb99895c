// Session JWTs: how the reference backend knows who is signed in. HS256 with a secret derived
// from the signing key, so every instance of a deployment honours the sessions of the others
// (and a restart with the same key signs nobody out); a dev reset makes up a new one.
import { randomBytes, randomUUID, webcrypto } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, SignJWT } from 'jose';
import { notSignedIn } from './errors.js';
import type { User } from './users.js';

export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

export interface Session {
  userId: string;
  /** Session expiry, seconds since the epoch (the `expiresAt` of verify answers). */
  expiresAt: number;
  /** The session JWT as presented: verify answers hand it back (`minifiedJwt`), revoke names it. */
  token: string;
}

/** Hono environment of every authenticated route. */
export interface AppEnv {
  Variables: { session: Session; user: User };
}

export interface SessionIssuer {
  issue(userId: string): Promise<string>;
  verify(jwt: string): Promise<Session | undefined>;
  /** A new secret: every session issued so far stops working (dev reset). */
  rotateKey(): void;
}

const newSecret = () => new Uint8Array(randomBytes(32));

/**
 * The secret as a CryptoKey, imported once: given the bytes, jose imports them again on every
 * sign and verify.
 */
const hmacKey = (secret: Uint8Array): Promise<webcrypto.CryptoKey> =>
  webcrypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

/**
 * Sessions verified lately, by token. A step-up presents one session on each of its four or five
 * requests, and jose's verification is a WebCrypto HMAC whose dispatch was the backend's largest
 * cost (`npm run bench:server -- --cpu-prof`). The signature of a given token under a given
 * secret does not change, so only the expiry is checked again; the revocation list is read on
 * every request as before (session-revocation.ts), and a new secret empties the cache.
 */
const RECENTLY_VERIFIED = 1024;

export function createSessionIssuer(environmentId: string, now: () => number, initialSecret: Uint8Array): SessionIssuer {
  let secret = hmacKey(initialSecret);
  const verified = new Map<string, Session>();
  /** As jose: a session is live while its `exp` is after the current second. */
  const isLive = (session: Session) => session.expiresAt > Math.floor(now() / 1000);
  /** Keeps a copy of the newest sessions: the oldest entry makes way (a Map keeps insertion order). */
  const remember = (session: Session) => {
    verified.delete(session.token);
    if (verified.size >= RECENTLY_VERIFIED) verified.delete(verified.keys().next().value!);
    verified.set(session.token, { ...session });
  };
  return {
    rotateKey() {
      secret = hmacKey(newSecret());
      verified.clear();
    },
    async issue(userId) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT({ environment_id: environmentId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + SESSION_LIFETIME_SECONDS)
        // Every sign-in its own token: a sign-out (remembered by the token's hash) ends that
        // session only, and a sign-in right after a sign-out never hands back the revoked one.
        .setJti(randomUUID())
        .sign(await secret);
    },
    async verify(jwt) {
      // A revocation is remembered by the token's hash (session-revocation.ts), so a token is
      // taken in one spelling only: base64url decoding drops the low bits of a signature's last
      // character (and jose accepts trailing padding), which would let a revoked session back in
      // spelled otherwise. The header and payload cannot be re-spelled: the signature covers them.
      if (!hasCanonicalSignature(jwt)) return undefined;
      const cached = verified.get(jwt);
      if (cached) {
        if (isLive(cached)) return { ...cached };
        verified.delete(jwt);
        return undefined;
      }
      const key = secret;
      try {
        const { payload } = await jwtVerify(jwt, await key, {
          algorithms: ['HS256'],
          currentDate: new Date(now()),
          requiredClaims: ['sub', 'exp'],
        });
        if (payload.environment_id !== environmentId || !payload.sub || !payload.exp) return undefined;
        const session = { userId: payload.sub, expiresAt: payload.exp, token: jwt };
        // Not when the secret changed while this was verified: the token is of the old one.
        if (key === secret) remember(session);
        return session;
      } catch {
        return undefined;
      }
    },
  };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** True when the token's signature segment is the one spelling its bytes encode to. */
function hasCanonicalSignature(jwt: string): boolean {
  const signature = jwt.slice(jwt.lastIndexOf('.') + 1);
  return BASE64URL.test(signature) && Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The live session a request carries in `Authorization: Bearer …`, if any. */
export async function sessionOf(sessions: SessionIssuer, request: Request): Promise<Session | undefined> {
  const token = BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
  return token ? sessions.verify(token) : undefined;
}

/** Refuses the request with 401 `not_signed_in` unless it carries a live session of a known user. */
export function requireSession(
  sessions: SessionIssuer,
  findUser: (id: string) => Promise<User | undefined>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await sessionOf(sessions, c.req.raw);
    const user = session && (await findUser(session.userId));
    if (!session || !user) throw notSignedIn();
    c.set('session', session);
    c.set('user', user);
    await next();
  };
}
