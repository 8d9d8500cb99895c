// Passkey (WebAuthn) step-up: the server's request options, the browser ceremony
// (@simplewebauthn/browser handles the JSON ↔ ArrayBuffer encoding and browser quirks),
// then the assertion to the server.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  WebAuthnAbortService,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { StepUpError, throwIfCancelled } from './errors.js';
import { apiRequest } from './http.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import type { ScopeValue, VerifyResponse } from './wire.js';

const PASSKEY_PATH = 'users/mfa/auth/passkey';

function isRequestOptions(value: unknown): value is PublicKeyCredentialRequestOptionsJSON {
  return typeof value === 'object' && value !== null && typeof (value as { challenge?: unknown }).challenge === 'string';
}

/** The ceremony, cancellable through `signal`; a refused or timed-out prompt is `cancelled`. */
async function runCeremony(optionsJSON: PublicKeyCredentialRequestOptionsJSON, signal?: AbortSignal) {
  const abort = () => WebAuthnAbortService.cancelCeremony();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    if (signal?.aborted) throw new StepUpError('cancelled', { cause: error });
    const name = (error as { cause?: { name?: string }; name?: string }).cause?.name ?? (error as Error).name;
    if (name === 'NotAllowedError' || name === 'AbortError') {
      throw new StepUpError('cancelled', { message: 'The passkey prompt was closed before it finished. Try again.', cause: error });
    }
    if (name === 'SecurityError' || name === 'NotSupportedError') throw new StepUpError('webauthn_unsupported', { cause: error });
    throw new StepUpError('request_failed', { message: 'The passkey could not be used. Try again.', cause: error });
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/** Verifies the user with one of their registered passkeys. */
export async function authenticatePasskeyMFA(
  params: { requestedScopes: ScopeValue[]; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  if (!browserSupportsWebAuthn()) throw new StepUpError('webauthn_unsupported');
  const options = await apiRequest(client, { method: 'GET', path: PASSKEY_PATH, signal: params.signal });
  if (!isRequestOptions(options)) {
    throw new StepUpError('server_error', { message: 'The server sent passkey options that could not be read.' });
  }
  const assertion = await runCeremony(options, params.signal);
  throwIfCancelled(params.signal);
  const body = await apiRequest(client, {
    method: 'POST',
    path: PASSKEY_PATH,
    body: { ...assertion, requestedScopes: scopes },
    signal: params.signal,
  });
  return acceptVerifyResponse(client, body, scopes);
}
