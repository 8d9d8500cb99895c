// step-up-kit/dynamic — the elements on top of Dynamic's own JavaScript SDK: the dialog checks and
// verifies through the SDK's step-up functions, so the elevated token ends up where the SDK
// applies it (its own wallet calls, `getElevatedAccessToken`). The SDK is passed in
// (`import * as sdk from '@dynamic-labs-sdk/client'`): the kit depends on nothing of Dynamic's.
import type { StepUpBackend } from '../backend.js';
import { parseCheckResponse } from '../check.js';
import { splitE164 } from '../calling-codes.js';
import type { OtpChannel } from '../client.js';
import { ERROR_MESSAGES, PASSKEY_ERROR_MESSAGES } from '../error-messages.js';
import { isStepUpError, methodError, StepUpError, throwIfCancelled, unusableAnswer } from '../errors.js';
import { errorFromBody } from '../http.js';
import { readElevatedToken } from '../jwt-payload.js';
import { answerPendingCode, isPending, type PendingCodes } from '../pending-codes.js';
import { requireCode, requireScopes } from '../verify-response.js';

/** What the SDK's send functions answer: the code's verification, handed back to `verifyOTP`. */
export interface DynamicOtpVerification {
  verificationUUID: string;
  email?: string;
  phoneNumber?: string;
  phoneCountryCode?: string;
  isoCountryCode?: string;
}

/**
 * The functions of `@dynamic-labs-sdk/client` (1.27) the backend calls: pass the SDK's module
 * namespace. Each takes the SDK's client last, as the SDK's own functions do.
 */
export interface DynamicSdkFunctions {
  checkStepUpAuth(params: { scope: string }, client?: unknown): Promise<{ isRequired: boolean; credentials?: unknown; defaultCredentialId?: string | null }>;
  sendEmailOTP(params: { email: string }, client?: unknown): Promise<DynamicOtpVerification>;
  sendSmsOTP(params: { isoCountryCode: string; phoneNumber: string }, client?: unknown): Promise<DynamicOtpVerification>;
  verifyOTP(params: { otpVerification: DynamicOtpVerification; verificationToken: string; requestedScopes?: string[] }, client?: unknown): Promise<unknown>;
  authenticateTotpMfaDevice(params: { code: string; deviceId?: string; requestedScopes?: string[] }, client?: unknown): Promise<unknown>;
  authenticateMfaRecoveryCode(params: { code: string; requestedScopes?: string[] }, client?: unknown): Promise<unknown>;
  authenticatePasskeyMFA(params?: { requestedScopes?: string[] }, client?: unknown): Promise<unknown>;
  getElevatedAccessToken(params: { scope: string; consume?: boolean }, client?: unknown): string | undefined;
}

const SDK_FUNCTIONS = [
  'checkStepUpAuth',
  'sendEmailOTP',
  'sendSmsOTP',
  'verifyOTP',
  'authenticateTotpMfaDevice',
  'authenticateMfaRecoveryCode',
  'authenticatePasskeyMFA',
  'getElevatedAccessToken',
] as const satisfies readonly (keyof DynamicSdkFunctions)[];

export interface DynamicBackendOptions {
  /** The SDK's client (`createDynamicClient(…)`); the SDK's default client when not given. */
  client?: unknown;
  /** One prompt at a time is held per name across a site's tabs; default `dynamic`. */
  name?: string;
}

/** Why an SDK call failed, as the kit's error: the API's answer when the SDK kept it (its `cause` chain). */
export function dynamicErrorOf(error: unknown): StepUpError {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    if (isStepUpError(cause)) return cause;
    const { name, status, code, message, payload } = cause as { name?: unknown; status?: unknown; code?: unknown; message?: unknown; payload?: unknown };
    // Every method's codes are known here: one function maps the answers of all the SDK's calls.
    if (name === 'APIError' && typeof status === 'number') return errorFromBody(status, { error: message, code, payload }, null, ERROR_MESSAGES);
    if (name === 'UnauthorizedError') return new StepUpError('not_signed_in', { status: 401, cause: error });
    if (name === 'NoPasskeyCredentialsFoundError') return methodError(PASSKEY_ERROR_MESSAGES, 'no_passkey', { cause: error });
    if (name === 'NotAllowedError' || name === 'AbortError') return new StepUpError('cancelled', { cause: error });
    // fetch's own failure (offline, refused); any other TypeError is not the network's fault
    if (name === 'TypeError' && /fetch|network|load failed/i.test(String(message))) return new StepUpError('network_error', { cause: error });
  }
  return new StepUpError('request_failed', { cause: error });
}

/** `call`'s outcome as the kit's; a fired `signal` answers `cancelled` at once (the SDK's request cannot be stopped). */
async function guarded<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  throwIfCancelled(signal);
  let stop: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    stop = () => reject(new StepUpError('cancelled', { cause: signal?.reason }));
    signal?.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([call().catch((error: unknown) => Promise.reject(dynamicErrorOf(error))), cancelled]);
  } finally {
    if (stop) signal?.removeEventListener('abort', stop);
  }
}

/**
 * A backend for `<step-up-dialog>` and the method elements that runs every step-up through
 * Dynamic's SDK: `checkStepUpAuth`, email and SMS codes, TOTP, recovery codes and passkeys.
 * Wallet and social step-up are not offered (the SDK's versions need its wallet and sign-in
 * flows); the dialog shows the account's other methods.
 *
 * ```js
 * import * as sdk from '@dynamic-labs-sdk/client';
 * import { createDynamicBackend } from 'step-up-kit/dynamic';
 * dialog.backend = createDynamicBackend(sdk);
 * ```
 */
export function createDynamicBackend(sdk: DynamicSdkFunctions, options: DynamicBackendOptions = {}): StepUpBackend {
  const missing = SDK_FUNCTIONS.filter((name) => typeof (sdk as Partial<DynamicSdkFunctions> | undefined)?.[name] !== 'function');
  if (missing.length > 0) {
    throw new TypeError(
      `step-up-kit: createDynamicBackend takes the SDK's functions (import * as sdk from '@dynamic-labs-sdk/client'); missing: ${missing.join(', ')}.`,
    );
  }
  const { client } = options;
  /** The code each channel's next verifyOTP answers, where it went and when. */
  const pending: PendingCodes<DynamicOtpVerification> = new Map();

  const heldToken = (scope: string) => sdk.getElevatedAccessToken({ scope, consume: false }, client);

  /** The SDK holds a token for every requested scope once a verify succeeded; else nothing was elevated. */
  const verified = (scopes: readonly string[]) => {
    if (!scopes.every((scope) => heldToken(scope))) throw new StepUpError('invalid_token');
  };

  const send = async (channel: OtpChannel, to: string, call: () => Promise<DynamicOtpVerification>, signal?: AbortSignal) => {
    const verification = await guarded(signal, call);
    if (typeof verification?.verificationUUID !== 'string' || !verification.verificationUUID) {
      throw unusableAnswer();
    }
    pending.set(channel, { value: verification, to, sentAt: Date.now() });
    return verification;
  };

  return {
    name: options.name ?? 'dynamic',
    now: () => Date.now(),

    async checkStepUpAuthWithReason({ scope, signal }) {
      // Never rejects, as the core's: fail closed with the reason. (The SDK itself answers a
      // failed request "required" with no credentials, and says nothing of why.)
      const required = (failure: StepUpError) => ({ result: { isRequired: true, credentials: [] }, failure });
      let answer;
      try {
        answer = await guarded(signal, () => sdk.checkStepUpAuth({ scope }, client));
      } catch (error) {
        return required(dynamicErrorOf(error)); // a closed dialog's `cancelled`
      }
      const result = parseCheckResponse({ ...answer, defaultCredentialId: answer.defaultCredentialId ?? undefined });
      return result ? { result } : required(unusableAnswer());
    },

    elevationOf({ scope, method, credentialId, alreadyElevated }) {
      const held = readElevatedToken(heldToken(scope));
      return { scope, method, credentialId, expiresAt: held?.exp, singleUse: held?.singleUse, alreadyElevated };
    },

    sendEmailOTP({ email, signal }) {
      if (!email) return Promise.reject(new StepUpError('credential_not_found', { message: 'No email address is on file for this account.' }));
      return send('email', email, () => sdk.sendEmailOTP({ email }, client), signal);
    },

    sendSmsOTP({ phoneNumber, signal }) {
      const split = phoneNumber ? splitE164(phoneNumber) : undefined;
      if (!split) return Promise.reject(new StepUpError('invalid_request', { message: 'Enter a valid phone number.' }));
      const to = phoneNumber!;
      return send('sms', to, () => sdk.sendSmsOTP({ isoCountryCode: split.countryCode, phoneNumber: split.phoneNumber }, client), signal);
    },

    hasPendingOTP({ type, to }) {
      return isPending(pending, type, to, Date.now());
    },

    async verifyOTP({ type, token, requestedScopes, signal }) {
      const scopes = requireScopes(requestedScopes);
      const verificationToken = requireCode(token);
      await answerPendingCode(pending, type, (otpVerification) =>
        guarded(signal, () => sdk.verifyOTP({ otpVerification, verificationToken, requestedScopes: scopes }, client)),
      );
      verified(scopes);
    },

    async authenticateTotpMfaDevice({ code, deviceId, requestedScopes, signal }) {
      const scopes = requireScopes(requestedScopes);
      const params = { code: requireCode(code), requestedScopes: scopes, ...(deviceId ? { deviceId } : {}) };
      await guarded(signal, () => sdk.authenticateTotpMfaDevice(params, client));
      verified(scopes);
    },

    async authenticateMfaRecoveryCode({ code, requestedScopes, signal }) {
      const scopes = requireScopes(requestedScopes);
      await guarded(signal, () => sdk.authenticateMfaRecoveryCode({ code: requireCode(code), requestedScopes: scopes }, client));
      verified(scopes);
    },

    async authenticatePasskeyMFA({ requestedScopes, signal }) {
      const scopes = requireScopes(requestedScopes);
      if (typeof PublicKeyCredential === 'undefined') throw methodError(PASSKEY_ERROR_MESSAGES, 'webauthn_unsupported');
      await guarded(signal, () => sdk.authenticatePasskeyMFA({ requestedScopes: scopes }, client));
      verified(scopes);
    },
  };
}

export type { StepUpBackend } from '../backend.js';
