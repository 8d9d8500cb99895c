// What the elements need from a step-up backend, named after the core functions that do it.
// The core is one implementation (createStepUpBackend), Dynamic's SDK another
// (step-up-kit/dynamic); an app with its own client can write a third.
import type { ScopeValue } from '@step-up-kit/protocol';
import type { StepUpCheckOutcome } from './check.js';
import { checkStepUpAuthWithReason } from './check.js';
import type { OtpChannel, StepUpClient } from './client.js';
import { elevationOf, type StepUpElevation } from './elevation.js';
import type { StepUpMethod } from './methods.js';
import type { PasskeyOptionsPrefetch } from './passkey.js';
import type { VerifySocialParams } from './social.js';
import type { WalletNoncePrefetch } from './wallet.js';

/** The calls of the methods; a backend without a method's first call does not offer it (see offersMethod). */
export interface StepUpMethodCalls {
  sendEmailOTP(params: { email?: string; signal?: AbortSignal }): Promise<unknown>;
  /** `phoneNumber` in E.164 (`+12025550123`), as the check's SMS credential carries it. */
  sendSmsOTP(params: { phoneNumber?: string; signal?: AbortSignal }): Promise<unknown>;
  /** True while a code this backend sent to `to` on `type` can still be typed: sending again would void it. */
  hasPendingOTP(params: { type: OtpChannel; to?: string }): boolean;
  verifyOTP(params: { type: OtpChannel; token: string; requestedScopes: ScopeValue[]; signal?: AbortSignal }): Promise<unknown>;
  authenticateTotpMfaDevice(params: { code: string; deviceId?: string; requestedScopes: ScopeValue[]; signal?: AbortSignal }): Promise<unknown>;
  authenticateMfaRecoveryCode(params: { code: string; requestedScopes: ScopeValue[]; signal?: AbortSignal }): Promise<unknown>;
  authenticatePasskeyMFA(params: { requestedScopes: ScopeValue[]; options?: PasskeyOptionsPrefetch; signal?: AbortSignal }): Promise<unknown>;
  /** Passkey options fetched while the dialog opens; optional even where passkeys are offered. */
  prefetchPasskeyOptions(params: { signal?: AbortSignal }): PasskeyOptionsPrefetch;
  verifyWallet(params: {
    walletId?: string;
    expectedAddress?: string;
    requestedScopes: ScopeValue[];
    nonce?: WalletNoncePrefetch;
    signal?: AbortSignal;
  }): Promise<unknown>;
  /** A wallet nonce fetched while the dialog opens; optional even where wallets are offered. */
  prefetchWalletNonce(params: { signal?: AbortSignal }): WalletNoncePrefetch;
  verifySocial(params: VerifySocialParams): Promise<unknown>;
}

/**
 * A step-up backend as the elements use it. Each call resolves once the elevated token is held
 * where the app's sensitive calls take it from, and rejects with a StepUpError.
 */
export interface StepUpBackend extends Partial<StepUpMethodCalls> {
  /** Names the backend: one prompt at a time across a site's tabs is held per name. */
  readonly name: string;
  /** Is step-up required for `scope`, with which credentials; `failure` when the answer is only fail-closed. */
  checkStepUpAuthWithReason(params: { scope: ScopeValue; signal?: AbortSignal }): Promise<StepUpCheckOutcome>;
  /** The elevation for `scope` as held now: its token's expiry and single use (never the token). */
  elevationOf(elevation: Omit<StepUpElevation, 'expiresAt' | 'singleUse'>): StepUpElevation;
  /** The clock prefetches are dated by (ms). */
  now(): number;
  /** The core's client behind this backend, if any: the elements call the core's functions on it. */
  readonly client?: StepUpClient;
}

/** The call that starts a method: a backend that has it offers the method (and has the method's other calls). */
const FIRST_CALL: Record<StepUpMethod, keyof StepUpMethodCalls> = {
  email: 'sendEmailOTP',
  sms: 'sendSmsOTP',
  totp: 'authenticateTotpMfaDevice',
  'recovery-code': 'authenticateMfaRecoveryCode',
  passkey: 'authenticatePasskeyMFA',
  wallet: 'verifyWallet',
  social: 'verifySocial',
};

/** True when `backend` can run `method`: the core's can run all, another those it implements. */
export function offersMethod(backend: StepUpBackend, method: StepUpMethod): boolean {
  return backend.client !== undefined || typeof backend[FIRST_CALL[method]] === 'function';
}

/**
 * The core as a backend, bound to `client`. It carries the check and the held tokens; each
 * method's calls are the core's functions of that method, which the method's element calls on
 * `client` — so a page loads a method's code only when it shows that method.
 */
export function createStepUpBackend(client: StepUpClient): StepUpBackend {
  return {
    name: client.apiBase.href,
    client,
    checkStepUpAuthWithReason: (params) => checkStepUpAuthWithReason(params, client),
    elevationOf: (elevation) => elevationOf(elevation, client),
    now: () => client.now(),
  };
}
