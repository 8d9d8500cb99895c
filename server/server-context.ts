// Everything a route needs, built once per server instance: clock, state, keys and services.
import { createHmac } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { createDevExternalIssuer, type DevExternalIssuer } from './dev-external-issuer.js';
import { createDevSeed, type DevSeed } from './dev-seed.js';
import { ApiError } from './errors.js';
import { createElevatedTokens, type ElevatedTokens } from './elevated-tokens.js';
import { createUserHandles, type UserHandles } from './passkey-user-handle.js';
import { createRecoveryCodeHasher, type RecoveryCodeHasher } from './recovery-codes.js';
import { createScopePolicy, type ScopePolicyOverrides } from './scope-policy.js';
import type { RequireElevationOptions } from './kit/refusal.js';
import { createSessionIssuer, type SessionIssuer } from './session.js';
import { loadSigningKeys, type KeyInput } from './signing-keys.js';
import {
  normalizeOrigins,
  normalizeSiweDomains,
  normalizeWebAuthn,
  type RelyingParty,
  type WebAuthnOptions,
} from './site-options.js';
import { DEFAULT_DAILY_LIMITS, type DailyLimits } from './daily-budget.js';
import { createMemoryUserDirectory, type MemoryUserDirectory, type UserDirectory } from './user-directory.js';
import type { Channel } from './users.js';
import { failClosed } from './stores/fail-closed.js';
import { createMemoryStore, type MemoryStepUpStore, type StepUpStore } from './stores/step-up-store.js';

export interface ExternalAuthOptions {
  /** Public keys of the trusted issuer of external-auth JWTs. */
  jwks: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /**
   * Also accept this issuer's assertions without a scope as a sign-in (`POST externalAuth/signin`,
   * what Dynamic's SDK calls for `signInWithExternalJwt`). Default false: a deployment opts in to
   * sessions minted from assertions. Dev mode's generated issuer allows it.
   */
  signIn?: boolean;
}

export interface ReferenceServerOptions {
  /** Default '/api/v0'. */
  basePath?: string;
  /** Default 'step-up-demo'. */
  environmentId?: string;
  /** Enables the /dev routes and the seeded demo users. Default false. */
  devMode?: boolean;
  /** Clock in ms, default Date.now; the dev clock offset is added on top. */
  now?: () => number;
  /** Trusted issuer of external-auth JWTs; in dev mode a generated dev issuer when absent. */
  externalAuth?: ExternalAuthOptions;
  /** Origins allowed to call cross-origin. Default none. */
  corsOrigins?: string[];
  /** Per-scope overrides of the single-use policy. */
  scopePolicy?: ScopePolicyOverrides;
  /** Passkey relying party. Without it: taken from the loopback page in dev mode, else no passkeys. */
  webauthn?: WebAuthnOptions;
  /** Domains (host[:port]) SIWE messages must name. Without it: the loopback page in dev mode, else no wallets. */
  siweDomains?: string[];
  /** Origins a social re-login may return to. Without it: loopback origins in dev mode. */
  allowedRedirectOrigins?: string[];
  /**
   * Delivers a one-time code by email or SMS. Without it, email and SMS codes are offered only
   * in dev mode, where codes go to the dev outbox (in dev mode they go there as well).
   */
  deliverCode?: CodeDelivery;
  /** Daily caps per user and channel on codes sent and wrong codes entered. */
  dailyLimits?: Partial<DailyLimits>;
  /** The ES256 key that signs elevated tokens (JWK or PKCS#8 PEM, with a `kid`). Required outside dev mode. */
  signingKey?: KeyInput;
  /** More public keys that verify elevated tokens (those of a rotated-out signing key). */
  verificationKeys?: KeyInput[];
  /** The `iss` of elevated tokens. Default 'step-up-kit'. */
  issuer?: string;
  /**
   * Where short-lived state is kept: spent token ids, code requests, attempts, lockouts,
   * challenges, OAuth states. Default: this process's memory. Give every instance the same
   * Redis store (createRedisStore) to run several.
   */
  store?: StepUpStore;
  /**
   * The app's users, over its own database. Outside dev mode: without it, nobody can step up.
   * Dev mode brings its demo users (in this process's memory) and refuses this option.
   */
  users?: UserDirectory;
  /**
   * The secret under which the directory's recovery codes are hashed (HMAC-SHA256, see
   * createRecoveryCodeHasher). Default: derived from the signing key — set it when the signing
   * key will be rotated, or stored hashes stop matching.
   */
  recoveryCodeKey?: string;
  /**
   * The secret WebAuthn user handles are derived with (an HMAC of the user id; a passkey returns
   * the handle it was registered with). Default: derived from the signing key — set it when the
   * signing key will be rotated, or passkeys registered before stop matching their user.
   */
  passkeyUserHandleKey?: string;
}

export interface CodeMessage {
  channel: Channel;
  /** An email address, or an E.164 phone number. */
  to: string;
  code: string;
  userId: string;
}

export type CodeDelivery = (message: CodeMessage) => void | Promise<void>;

export interface ExternalAuthVerifier {
  keySet: ReturnType<typeof createLocalJWKSet>;
  issuer?: string;
  audience?: string;
  /** Its scope-less assertions may sign a user in (ExternalAuthOptions.signIn). */
  signIn: boolean;
}

export interface ServerContext {
  basePath: string;
  environmentId: string;
  devMode: boolean;
  corsOrigins: string[];
  /** Durable user data: the app's directory, or the demo's in dev mode. */
  users: UserDirectory;
  /** Dev mode: the demo's directory (the same as `users`), which the dev routes list and add to. Replaced by reset(). */
  demoUsers?: MemoryUserDirectory;
  /** Added to the injected clock; moved by the dev clock route. */
  clockOffsetMs: number;
  /** The server clock in ms: injected clock plus dev offset. Used for every time decision. */
  now(): number;
  sessions: SessionIssuer;
  elevatedTokens: ElevatedTokens;
  /** What all instances share, atomically: every piece of short-lived state (memory, or Redis). */
  sharedStore: StepUpStore;
  /** The shared store is this process's memory, on the server clock: the dev clock may move. */
  sharedStoreFollowsClock: boolean;
  /** Keys of shared state that a dev reset forgets: they carry the reset's generation. */
  resettableKeys: ResettableKeys;
  /** How this server's own routes check elevated tokens: the server kit, with its keys and store (each use adds the user). */
  elevation: Omit<RequireElevationOptions, 'getUserId'>;
  hashRecoveryCode: RecoveryCodeHasher;
  /** HMAC of a one-time code with its request's id, keyed from the signing key: the same on every instance. */
  hashCode(verificationUUID: string, code: string): string;
  externalAuth?: ExternalAuthVerifier;
  devSeed?: DevSeed;
  devIssuer?: DevExternalIssuer;
  webauthn?: RelyingParty;
  siweDomains?: string[];
  allowedRedirectOrigins?: string[];
  deliverCode?: CodeDelivery;
  dailyLimits: DailyLimits;
  passkeyUserHandle: UserHandles;
  reset(): void;
}

export const DEFAULT_ISSUER = 'step-up-kit';

export interface ResettableKeys {
  mfaFailures(userId: string): string;
  mfaLock(userId: string): string;
  /** The resend cooldown of a user's channel; its value is when it ends (ms). */
  codeCooldown(userId: string, channel: Channel): string;
  /** A one-time code request: JSON { userId, channel, to, codeHash, expiresAt }. */
  verification(uuid: string): string;
  /** The newest code request of a user's channel (only that one may be verified): its uuid, and once it is spent how (routes/otp.ts). */
  latestVerification(userId: string, channel: Channel): string;
  verificationAttempts(uuid: string): string;
  /** Today's count of a daily budget (daily-budget.ts), and when its window ends. */
  dailyCount(userId: string, budget: string): string;
  dailyWindowEnd(userId: string, budget: string): string;
  /** An outstanding passkey challenge or SIWE nonce (its value: the user it was issued to), and how many a user was issued lately. */
  challenge(purpose: string, value: string): string;
  challengeCount(purpose: string, userId: string): string;
  /** The last TOTP time step accepted from a user's device, and each step spent. */
  totpLastStep(userId: string, deviceId: string): string;
  totpStepUsed(userId: string, deviceId: string, timeStep: number): string;
  /** A social re-login (JSON OAuthStateRecord), whether a code finished it, and how many a user started lately. */
  oauthState(state: string): string;
  oauthStateFinished(state: string): string;
  oauthStatesStarted(userId: string): string;
  /** An authorization code of the development OAuth provider (JSON OAuthCodeRecord). */
  oauthCode(code: string): string;
  /** The dev outbox of a user, or of everyone. */
  devOutbox(userId?: string): string;
}

/** Shared-state keys that a dev reset forgets (a new generation); spent ids are not among them. */
const generationPrefix = (generation: number) => `g${generation}:`;

function resettableKeys(generation: () => number): ResettableKeys {
  const g = () => generationPrefix(generation());
  return {
    mfaFailures: (userId) => `${g()}mfa-failures:${userId}`,
    mfaLock: (userId) => `${g()}mfa-lock:${userId}`,
    codeCooldown: (userId, channel) => `${g()}code-cooldown:${channel}:${userId}`,
    verification: (uuid) => `${g()}verification:${uuid}`,
    latestVerification: (userId, channel) => `${g()}verification-latest:${channel}:${userId}`,
    verificationAttempts: (uuid) => `${g()}verification-attempts:${uuid}`,
    dailyCount: (userId, budget) => `${g()}daily:${budget}:${userId}`,
    dailyWindowEnd: (userId, budget) => `${g()}daily-end:${budget}:${userId}`,
    challenge: (purpose, value) => `${g()}challenge:${purpose}:${value}`,
    challengeCount: (purpose, userId) => `${g()}challenges-issued:${purpose}:${userId}`,
    totpLastStep: (userId, deviceId) => `${g()}totp-last-step:${userId}:${deviceId}`,
    totpStepUsed: (userId, deviceId, timeStep) => `${g()}totp-step-used:${userId}:${deviceId}:${timeStep}`,
    oauthState: (state) => `${g()}oauth-state:${state}`,
    oauthStateFinished: (state) => `${g()}oauth-state-finished:${state}`,
    oauthStatesStarted: (userId) => `${g()}oauth-states-started:${userId}`,
    oauthCode: (code) => `${g()}oauth-code:${code}`,
    devOutbox: (userId) => (userId === undefined ? `${g()}dev-outbox` : `${g()}dev-outbox:${userId}`),
  };
}

export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

export function createServerContext(options: ReferenceServerOptions = {}): ServerContext {
  const clock = options.now ?? Date.now;
  const devMode = options.devMode ?? false;
  const environmentId = options.environmentId ?? 'step-up-demo';
  const policy = createScopePolicy(options.scopePolicy);
  const signingKeys = loadSigningKeys(options, devMode);
  // Keyed from the signing key, which every instance of a deployment shares: a code sent by one
  // instance verifies on another (and a store read on its own does not give codes away), a
  // session issued by one is honoured by another, and dev instances seed the same demo users.
  const signingKeyBytes = signingKeys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const derivedKey = (purpose: string) => createHmac('sha256', purpose).update(signingKeyBytes).digest();
  const codeHashKey = derivedKey('step-up-kit one-time codes');
  const hashRecoveryCode = createRecoveryCodeHasher(options.recoveryCodeKey ?? derivedKey('step-up-kit recovery codes'));
  const devSeed = devMode ? createDevSeed(hashRecoveryCode, derivedKey('step-up-kit dev seed')) : undefined;
  if (devMode && options.users) throw new Error('Dev mode brings its own demo users: leave out the users option, or turn dev mode off.');
  const demoUsers = devSeed && createMemoryUserDirectory(devSeed.users);

  let generation = 0;
  const store = options.store ?? createMemoryStore(() => ctx.now());
  const ctx: ServerContext = {
    basePath: normalizeBasePath(options.basePath ?? '/api/v0'),
    environmentId,
    devMode,
    corsOrigins: options.corsOrigins ?? [],
    users: demoUsers ?? options.users ?? createMemoryUserDirectory(),
    demoUsers,
    clockOffsetMs: 0,
    now: () => clock() + ctx.clockOffsetMs,
    sessions: createSessionIssuer(environmentId, () => ctx.now(), derivedKey('step-up-kit sessions')),
    elevatedTokens: createElevatedTokens({
      environmentId,
      issuer: options.issuer ?? DEFAULT_ISSUER,
      keys: signingKeys,
      now: () => ctx.now(),
      policy,
    }),
    hashRecoveryCode,
    hashCode: (uuid, code) => createHmac('sha256', codeHashKey).update(`${uuid}:${code}`).digest('hex'),
    devSeed,
    webauthn: options.webauthn && normalizeWebAuthn(options.webauthn),
    siweDomains: options.siweDomains && normalizeSiweDomains(options.siweDomains),
    allowedRedirectOrigins: options.allowedRedirectOrigins && normalizeOrigins('allowedRedirectOrigins', options.allowedRedirectOrigins),
    elevation: {
      keys: (header, token) => ctx.elevatedTokens.keySet(header, token),
      issuer: options.issuer ?? DEFAULT_ISSUER,
      audience: environmentId,
      spendOnce: (jti, expiresAtMs) => ctx.sharedStore.setOnce(`elevated:${jti}`, expiresAtMs),
      now: () => ctx.now(),
    },
    deliverCode: options.deliverCode,
    dailyLimits: { ...DEFAULT_DAILY_LIMITS, ...options.dailyLimits },
    // From configuration, as every secret here: a handle made up per process would refuse, after
    // a restart or on another instance, every passkey that returns its handle.
    passkeyUserHandle: createUserHandles(options.passkeyUserHandleKey ?? derivedKey('step-up-kit passkey user handles')),
    // Spent ids live apart from the resettable state: a token or assertion used once must never
    // work again, not after a reset either (the configured external issuer is not rotated).
    sharedStore: failClosed(store),
    sharedStoreFollowsClock: !options.store,
    resettableKeys: resettableKeys(() => generation),
    reset: () => {
      // The generation lives in this process: instances sharing a store outside it (Redis) would
      // each keep their own, and a restart would go back to the first, where the state from
      // before is still kept. (A store in this process goes with it.)
      const forgetPrefix = (store as Partial<MemoryStepUpStore>).forgetPrefix?.bind(store);
      if (!forgetPrefix) {
        throw new ApiError(409, 'invalid_request', 'The demo cannot be reset while short-lived state is kept in a shared store: other instances, and this one after a restart, would still see the state from before.');
      }
      if (devSeed) ctx.users = ctx.demoUsers = createMemoryUserDirectory(devSeed.users);
      ctx.clockOffsetMs = 0;
      // Nothing reads the old generation's keys again: the store frees them now, so a
      // long-running dev server does not grow.
      forgetPrefix(generationPrefix(generation));
      generation += 1;
      // Everything issued before the reset stops working: sessions and elevated tokens.
      ctx.sessions.rotateKey();
      ctx.elevatedTokens.rotateKey();
    },
  };

  // Dev mode without a configured issuer trusts a generated one, so the flow can be shown.
  if (devMode && !options.externalAuth) ctx.devIssuer = createDevExternalIssuer(() => ctx.now());
  const trusted = options.externalAuth ?? (ctx.devIssuer && { jwks: ctx.devIssuer.jwks, issuer: ctx.devIssuer.issuer });
  if (trusted) {
    ctx.externalAuth = {
      keySet: createLocalJWKSet(trusted.jwks),
      issuer: trusted.issuer,
      audience: trusted.audience,
      signIn: options.externalAuth ? options.externalAuth.signIn === true : true,
    };
  }
  return ctx;
}
