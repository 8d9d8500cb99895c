// MFA methods without a browser ceremony: authenticator-app (TOTP) codes and recovery codes.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { apiRequest } from './http.js';
import { acceptVerifyResponse, requireCode, requireScopes } from './verify-response.js';
import type { ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

/** Verifies a code from the user's authenticator app (the default device unless `deviceId`). */
export async function authenticateTotpMfaDevice(
  params: { code: string; deviceId?: string; requestedScopes: ScopeValue[]; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  const code = requireCode(params.code);
  const body = await apiRequest(client, {
    method: 'POST',
    path: 'users/mfa/auth/totp',
    body: { ...(params.deviceId ? { id: params.deviceId } : {}), code, requestedScopes: scopes },
    signal: params.signal,
  });
  return acceptVerifyResponse(client, body, scopes);
}

/** Verifies one of the user's MFA recovery codes; each code works once. */
export async function authenticateMfaRecoveryCode(
  params: { code: string; requestedScopes: ScopeValue[]; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  const code = requireCode(params.code);
  const body = await apiRequest(client, {
    method: 'POST',
    path: 'users/mfa/auth/recovery',
    body: { code, requestedScopes: scopes },
    signal: params.signal,
  });
  return acceptVerifyResponse(client, body, scopes);
}
