// The server kit's one check of an elevated token, over the Fetch `Request`, for any framework:
// an ES256 signature against the step-up server's keys (local, or its JWKS fetched and cached),
// `exp` with a small skew, `iss`, `aud`, `sub` equal to the app's signed-in user, the scope;
// where the call asks for them, a proof recent enough (`maxAge`) and of the classes it names
// (`acrValues`); and a single-use token spent atomically, so that the first use wins everywhere
// the store is shared. The answer is the claims, or a refusal the adapters turn into an RFC
// 9470 challenge.
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** A token counts as expired this many seconds after `exp` at most: clocks differ a little. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

export interface ElevationClaims {
  sub: string;
  scopes: string[];
  singleUse: boolean;
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
  /** When the user proved themselves (seconds since the epoch). */
  auth_time: number | undefined;
  /** How (RFC 8176 method references), when the step-up server says. */
  amr: string[] | undefined;
}

export type RefusalReason = 'missing' | 'invalid' | 'expired' | 'used' | 'wrong_scope' | 'wrong_user' | 'wrong_method' | 'unavailable';

export interface ElevationRefusal {
  reason: RefusalReason;
  /** The scope the refused call needs. */
  scope: string;
  /** A sentence a user could read. */
  description: string;
}

export type ElevationResult = { ok: true; claims: ElevationClaims } | { ok: false; refusal: ElevationRefusal };

/** Where the step-up server's public keys come from: its JWKS URL, a key set, or a jose key resolver. */
export type ElevationKeys = URL | JSONWebKeySet | JWTVerifyGetKey;

export interface VerifyElevationOptions {
  /** The scope this call needs, e.g. 'wallet:export'. */
  scope: string;
  keys: ElevationKeys;
  /** The `iss` the step-up server puts in its tokens. */
  issuer: string;
  /** The `aud`: the step-up environment id. */
  audience: string;
  /** The signed-in user of this request, as the app knows it; the token must be theirs. */
  getUserId(request: Request): string | null | undefined | Promise<string | null | undefined>;
  /**
   * Spends `jti` until `expiresAtMs`, atomically: true for the first spend only, on every
   * instance that shares the store. Throwing (store down) refuses the call as `unavailable`.
   * `expiresAtMs` is past the last moment this check could accept the token (its `exp` plus
   * the clock tolerance), so a spent token is remembered for as long as it could be replayed.
   */
  spendOnce(jti: string, expiresAtMs: number): boolean | Promise<boolean>;
  /**
   * Seconds since the user's proof (`auth_time`) within which a token is accepted (RFC 9470
   * `max_age`). A token without `auth_time` is then refused.
   */
  maxAge?: number;
  /**
   * Authentication context class references the call accepts, space-separated (RFC 9470
   * `acr_values`): the token's `acr` claim must be one of them. A token without `acr` is then
   * refused; the reference backend's tokens carry none (they say how in `amr`).
   */
  acrValues?: string;
  clockToleranceSeconds?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

const DESCRIPTIONS: Record<RefusalReason, string> = {
  missing: 'This action needs you to confirm your identity first.',
  invalid: 'The confirmation for this action is not valid. Confirm your identity again.',
  expired: 'Your confirmation has expired. Confirm your identity again.',
  used: 'This confirmation was already used. Confirm your identity again.',
  wrong_scope: 'Your confirmation does not cover this action. Confirm your identity for it.',
  wrong_user: 'This confirmation was made by another account. Confirm your identity again.',
  wrong_method: 'This action needs another way of confirming your identity.',
  unavailable: 'Confirmations cannot be checked right now. Try again in a moment.',
};

const refuse = (reason: RefusalReason, scope: string): ElevationResult => ({
  ok: false,
  refusal: { reason, scope, description: DESCRIPTIONS[reason] },
});

// One resolver per key source: a remote JWKS is fetched once and cached by jose (and fetched
// again for a `kid` it does not know, which is how a rotation reaches verifiers).
const resolvers = new WeakMap<object, JWTVerifyGetKey>();
function resolverOf(keys: ElevationKeys): JWTVerifyGetKey {
  if (typeof keys === 'function') return keys;
  let resolver = resolvers.get(keys);
  if (!resolver) {
    resolver = keys instanceof URL ? createRemoteJWKSet(keys) : createLocalJWKSet(keys);
    resolvers.set(keys, resolver);
  }
  return resolver;
}

const stringArray = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

export async function verifyElevation(request: Request, options: VerifyElevationOptions): Promise<ElevationResult> {
  const { scope } = options;
  const token = request.headers.get(ELEVATED_TOKEN_HEADER)?.trim();
  if (!token) return refuse('missing', scope);
  const now = options.now ?? Date.now;
  const toleranceSeconds = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, resolverOf(options.keys), {
      algorithms: ['ES256'],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: toleranceSeconds,
      currentDate: new Date(now()),
      requiredClaims: ['sub', 'scope', 'jti', 'exp'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return refuse('expired', scope);
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isNetworkFailure(error)) {
      // The app cannot check anything without the keys: refused, and said once in its log.
      console.error(`step-up-kit: the step-up server's keys could not be fetched (${(error as Error).message}).`);
    }
    return refuse('invalid', scope);
  }

  const { sub, jti, exp } = payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof payload.scope !== 'string') {
    return refuse('invalid', scope);
  }
  const userId = await options.getUserId(request);
  if (!userId || sub !== userId) return refuse('wrong_user', scope);
  const scopes = payload.scope.split(' ').filter(Boolean);
  if (!scopes.includes(scope)) return refuse('wrong_scope', scope);
  const authTime = typeof payload.auth_time === 'number' ? payload.auth_time : undefined;
  if (options.maxAge !== undefined && !provedWithin(authTime, options.maxAge + toleranceSeconds, now())) return refuse('expired', scope);
  if (options.acrValues && !options.acrValues.split(/\s+/).includes(typeof payload.acr === 'string' ? payload.acr : '')) {
    return refuse('wrong_method', scope);
  }

  // Checked last: a token refused for any other reason is not spent.
  const singleUse = payload.singleUse === true;
  if (singleUse) {
    let first: boolean;
    try {
      // remembered one second past the last moment jose would still accept it (exp + tolerance)
      first = await options.spendOnce(jti, (exp + toleranceSeconds + 1) * 1000);
    } catch (error) {
      console.error(`step-up-kit: spent tokens cannot be recorded (${(error as Error).message}); refusing single-use tokens.`);
      return refuse('unavailable', scope);
    }
    if (!first) return refuse('used', scope);
  }
  return {
    ok: true,
    claims: {
      sub,
      scopes,
      singleUse,
      jti,
      exp,
      auth_time: authTime,
      amr: stringArray(payload.amr),
    },
  };
}

/** True when the proof at `authTime` (seconds) is at most `seconds` old at `nowMs`; false without one. */
function provedWithin(authTime: number | undefined, seconds: number, nowMs: number): boolean {
  return authTime !== undefined && nowMs / 1000 - authTime <= seconds;
}

/** A fetch that never reached the JWKS host (refused, DNS, offline). */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch/i.test(error.message);
}
