// Email and SMS one-time codes: send, then verify with the requested scopes.
import { callingCodeFor, splitE164 } from './calling-codes.js';
import type { OtpChannel, StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { JwtVerifiedCredentialFormatEnum, OTP_CODE_LIFETIME_SECONDS } from '@step-up-kit/protocol';
import { isStepUpError, StepUpError, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import { acceptVerifyResponse, requireCode, requireScopes } from './verify-response.js';
import type { OtpVerification, ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

function parseVerification(body: unknown): OtpVerification {
  const uuid = (body as { verificationUUID?: unknown } | null)?.verificationUUID;
  if (typeof uuid !== 'string' || !uuid) {
    throw unusableAnswer();
  }
  return { verificationUUID: uuid };
}

/** A code this long before its end is no longer offered for typing: a new one is sent instead. */
const TYPING_MARGIN_MS = 60_000;

/** Failures after which the pending code can never work (too many attempts, expired, used, gone): the next step-up sends a new one. */
const ENDS_CODE = /^(too_many_attempts|code_expired|already_used|verification_not_found)$/;

/** True when `error` means the pending code can never work: the next step-up sends a new one. */
export const endsPendingCode = (error: unknown): boolean => isStepUpError(error) && ENDS_CODE.test(error.code);

/** True while a code sent at `sentAt` is young enough to type (ms, one clock). */
export const isTypeable = (sentAt: number, now: number): boolean => now < sentAt + OTP_CODE_LIFETIME_SECONDS * 1000 - TYPING_MARGIN_MS;

async function send(client: StepUpClient, channel: OtpChannel, path: string, body: object, to: string, signal?: AbortSignal) {
  const verification = parseVerification(await apiRequest(client, { method: 'POST', path, body, signal }));
  client.pendingOtp.set(channel, { verificationUUID: verification.verificationUUID, to, sentAt: client.now() });
  return verification;
}

/**
 * True when this client sent a code by `type` (to `to`, when given) that is still waiting to be
 * verified and young enough to type: sending another would void it, so a UI reopened for the
 * same step-up asks for that code instead.
 */
export function hasPendingOTP(params: { type: OtpChannel; to?: string }, client: StepUpClient = getDefaultClient()): boolean {
  const pending = client.pendingOtp.get(params.type);
  if (!pending || (params.to !== undefined && pending.to !== params.to)) return false;
  return isTypeable(pending.sentAt, client.now());
}

/**
 * Sends a one-time code by email. Without `email`, to the address of the user's email
 * credential as reported by the last `checkStepUpAuth`.
 */
export function sendEmailOTP(
  params: { email?: string; signal?: AbortSignal } = {},
  client: StepUpClient = getDefaultClient(),
): Promise<OtpVerification> {
  const email =
    params.email ?? client.lastCredentials.find((c) => c.format === JwtVerifiedCredentialFormatEnum.Email)?.alias;
  if (!email) {
    return Promise.reject(
      new StepUpError('credential_not_found', { message: 'No email address is on file for this account.' }),
    );
  }
  return send(client, 'email', 'emailVerifications/create', { email }, email, params.signal);
}

/**
 * Sends a one-time code by SMS. `countryCode` is the ISO country ('US'), mapped to its
 * calling code; without it `phoneNumber` may be E.164 ('+12025550123'); without either, the
 * code goes to the user's phone credential as reported by the last `checkStepUpAuth`.
 */
export function sendSmsOTP(
  params: { countryCode?: string; phoneNumber?: string; signal?: AbortSignal } = {},
  client: StepUpClient = getDefaultClient(),
): Promise<OtpVerification> {
  const given =
    params.phoneNumber ??
    client.lastCredentials.find((c) => c.format === JwtVerifiedCredentialFormatEnum.PhoneNumber)?.alias ??
    '';
  const split = params.countryCode ? { countryCode: params.countryCode, phoneNumber: given } : splitE164(String(given));
  const phoneCountryCode = split && callingCodeFor(String(split.countryCode));
  const phoneNumber = String(split?.phoneNumber ?? '').replace(/[\s().-]/g, '');
  if (!split || !phoneCountryCode || !/^\d{4,15}$/.test(phoneNumber)) {
    return Promise.reject(new StepUpError('invalid_request', { message: 'Enter a valid phone number.' }));
  }
  return send(
    client,
    'sms',
    'smsVerifications/create',
    { isoCountryCode: split.countryCode.toUpperCase(), phoneCountryCode, phoneNumber },
    `+${phoneCountryCode}${phoneNumber}`,
    params.signal,
  );
}

/** Verifies the code of the last `sendEmailOTP`/`sendSmsOTP` and stores the elevated token. */
export async function verifyOTP(
  params: { type: OtpChannel; token: string; requestedScopes: ScopeValue[]; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const channel = params.type;
  if (channel !== 'email' && channel !== 'sms') throw new StepUpError('invalid_request');
  const scopes = requireScopes(params.requestedScopes);
  const verificationToken = requireCode(params.token);
  const pending = client.pendingOtp.get(channel);
  if (!pending) throw new StepUpError('verification_not_found');
  const { verificationUUID } = pending;
  let body: unknown;
  try {
    body = await apiRequest(client, {
      method: 'POST',
      path: channel === 'email' ? 'emailVerifications/verify' : 'smsVerifications/verify',
      body: { verificationUUID, verificationToken, requestedScopes: scopes },
      signal: params.signal,
    });
  } catch (error) {
    if (client.pendingOtp.get(channel) === pending && endsPendingCode(error)) client.pendingOtp.delete(channel);
    throw error;
  }
  const response = acceptVerifyResponse(client, body, scopes);
  if (client.pendingOtp.get(channel) === pending) client.pendingOtp.delete(channel);
  return response;
}
