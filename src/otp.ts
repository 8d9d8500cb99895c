// Email and SMS one-time codes: send, then verify with the requested scopes.
import { callingCodeFor, splitE164 } from './calling-codes.js';
import type { OtpChannel, StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { JwtVerifiedCredentialFormatEnum } from '@step-up-kit/protocol';
import { StepUpError, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import { answerPendingCode, isPending } from './pending-codes.js';
import { acceptVerifyResponse, requireCode, requireScopes } from './verify-response.js';
import type { OtpVerification, ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

function parseVerification(body: unknown): OtpVerification {
  const uuid = (body as { verificationUUID?: unknown } | null)?.verificationUUID;
  if (typeof uuid !== 'string' || !uuid) {
    throw unusableAnswer();
  }
  return { verificationUUID: uuid };
}

async function send(client: StepUpClient, channel: OtpChannel, path: string, body: object, to: string, signal?: AbortSignal) {
  const verification = parseVerification(await apiRequest(client, { method: 'POST', path, body, signal }));
  client.pendingOtp.set(channel, { value: verification.verificationUUID, to, sentAt: client.now() });
  return verification;
}

/**
 * True when this client sent a code by `type` (to `to`, when given) that is still waiting to be
 * verified and young enough to type: sending another would void it, so a UI reopened for the
 * same step-up asks for that code instead.
 */
export function hasPendingOTP(params: { type: OtpChannel; to?: string }, client: StepUpClient = getDefaultClient()): boolean {
  return isPending(client.pendingOtp, params.type, params.to, client.now());
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
  const body = await answerPendingCode(client.pendingOtp, channel, (verificationUUID) =>
    apiRequest(client, {
      method: 'POST',
      path: channel === 'email' ? 'emailVerifications/verify' : 'smsVerifications/verify',
      body: { verificationUUID, verificationToken, requestedScopes: scopes },
      signal: params.signal,
    }),
  );
  return acceptVerifyResponse(client, body, scopes);
}
