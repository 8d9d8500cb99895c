// The keys of elevated tokens: one ES256 signing key from configuration (a JWK or PKCS#8 PEM,
// with a `kid`), and extra verification keys so tokens signed before a rotation still verify.
// The public halves are published as a JWKS so the app's API — or any other service — can
// verify tokens itself. Only dev mode may make up a key, which then lives as long as the process.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';

/** A private or public P-256 key: a JWK object, or a PEM string (PKCS#8 / SPKI). */
export type KeyInput = JWK | string;

export interface SigningKeyOptions {
  /** The ES256 private key that signs elevated tokens (JWK or PKCS#8 PEM). Required outside dev mode. */
  signingKey?: KeyInput;
  /** Public keys (or private ones: only the public half is used) that also verify, for rotation. */
  verificationKeys?: KeyInput[];
}

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  /** The published key set: the signing key's public half and the verification keys. */
  jwks: JSONWebKeySet;
  /** What a verifier resolves a token's `kid` against. */
  keySet: ReturnType<typeof createLocalJWKSet>;
  /** True when dev mode made the key up (nothing was configured). */
  generated: boolean;
}

function readKey(input: KeyInput, usage: 'private' | 'public'): KeyObject {
  if (typeof input === 'string' && !input.includes('-----BEGIN')) {
    throw new TypeError('A key given as a string must be PEM (-----BEGIN …-----).');
  }
  const source: string | JsonWebKeyInput = typeof input === 'string' ? input : { key: { ...input }, format: 'jwk' };
  try {
    // createPublicKey takes a private key too, and derives its public half.
    return usage === 'private' ? createPrivateKey(source) : createPublicKey(source);
  } catch (cause) {
    throw new TypeError(`The ${usage === 'private' ? 'signing' : 'verification'} key could not be read.`, { cause });
  }
}

function assertP256(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError(`The ${what} key must be an EC P-256 key (ES256).`);
  }
}

/** RFC 7638 thumbprint of an EC public JWK: a stable `kid` when the configuration names none. */
function thumbprint(jwk: JWK): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

function publicJwk(key: KeyObject, kid?: string): JWK {
  const jwk = key.export({ format: 'jwk' }) as JWK;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: kid ?? thumbprint(jwk), alg: 'ES256', use: 'sig' };
}

const configuredKid = (input: KeyInput | undefined): string | undefined =>
  typeof input === 'object' && typeof input.kid === 'string' && input.kid ? input.kid : undefined;

export function loadSigningKeys(options: SigningKeyOptions, devMode: boolean): SigningKeys {
  if (!options.signingKey && !devMode) {
    throw new TypeError('signingKey is required outside dev mode: an ES256 private key as a JWK or PEM (STEP_UP_SIGNING_KEY for the standalone server).');
  }
  const generated = !options.signingKey;
  const privateKey = options.signingKey
    ? readKey(options.signingKey, 'private')
    : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  assertP256(privateKey, 'signing');
  const signing = publicJwk(createPublicKey(privateKey), configuredKid(options.signingKey));
  const others = (options.verificationKeys ?? []).map((input) => {
    const key = readKey(input, 'public');
    assertP256(key, 'verification');
    return publicJwk(key, configuredKid(input));
  });
  const kids = [signing, ...others].map((k) => k.kid);
  if (new Set(kids).size !== kids.length) throw new TypeError('Two keys share a kid: each key needs its own.');
  const jwks = { keys: [signing, ...others] };
  return { kid: signing.kid!, privateKey, jwks, keySet: createLocalJWKSet(jwks), generated };
}
