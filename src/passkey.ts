// Passkey (WebAuthn) step-up: the server's request options, the browser ceremony
// (@simplewebauthn/browser handles the JSON ↔ ArrayBuffer encoding and browser quirks),
// then the assertion to the server. The library is imported like any dependency; the dialog
// keeps it out of its first load by loading the method elements on demand.
import {
  startAuthentication,
  WebAuthnAbortService,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { PASSKEY_ERROR_MESSAGES } from './error-messages.js';
import { methodError, StepUpError, throwIfCancelled, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import { startPrefetch, takeFresh, type Prefetch } from './prefetch.js';
import { acceptVerifyResponse, requireScopes } from './verify-response.js';
import type { ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

const PASSKEY_PATH = 'users/mfa/auth/passkey';

/**
 * Prefetched options are used while younger than this. The reference backend keeps a
 * challenge 2 minutes and gives the prompt up to 1 minute: what is left is the margin.
 */
export const PASSKEY_OPTIONS_MAX_AGE_MS = 60_000;

/** Whether this browser can run a passkey ceremony at all (what @simplewebauthn checks). */
const supportsWebAuthn = () => typeof globalThis.PublicKeyCredential === 'function';

function isRequestOptions(value: unknown): value is PublicKeyCredentialRequestOptionsJSON {
  return typeof value === 'object' && value !== null && typeof (value as { challenge?: unknown }).challenge === 'string';
}

/** Passkey request options fetched ahead of the user's press, for `authenticatePasskeyMFA({ options })`. */
export type PasskeyOptionsPrefetch = Prefetch<PublicKeyCredentialRequestOptionsJSON>;

async function fetchOptions(client: StepUpClient, signal?: AbortSignal): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await apiRequest(client, { method: 'GET', path: PASSKEY_PATH, signal, errors: PASSKEY_ERROR_MESSAGES });
  if (!isRequestOptions(options)) {
    throw unusableAnswer();
  }
  return options;
}

/**
 * Requests the passkey options (with their single-use challenge) now, while the user is still
 * reading, so that pressing the button leaves only the ceremony and the verify request. Pass
 * the result to `authenticatePasskeyMFA({ options })`.
 * Never rejects by itself: a failed prefetch just means the options are asked for again.
 */
export function prefetchPasskeyOptions(
  params: { signal?: AbortSignal } = {},
  client: StepUpClient = getDefaultClient(),
): PasskeyOptionsPrefetch {
  return startPrefetch(client, fetchOptions(client, params.signal), PASSKEY_OPTIONS_MAX_AGE_MS);
}

/** The ceremony, cancellable through `signal`; a refused or timed-out prompt is `cancelled`. */
async function runCeremony(optionsJSON: PublicKeyCredentialRequestOptionsJSON, signal?: AbortSignal) {
  throwIfCancelled(signal);
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
    if (name === 'SecurityError' || name === 'NotSupportedError') throw methodError(PASSKEY_ERROR_MESSAGES, 'webauthn_unsupported', { cause: error });
    throw new StepUpError('request_failed', { message: 'The passkey could not be used. Try again.', cause: error });
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

/**
 * Verifies the user with one of their registered passkeys. With `options` from
 * `prefetchPasskeyOptions`, only the verify request is left after the prompt; if the server
 * no longer knows that challenge (`challenge_expired`), the ceremony runs once more with new
 * options.
 */
export async function authenticatePasskeyMFA(
  params: { requestedScopes: ScopeValue[]; options?: PasskeyOptionsPrefetch; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<VerifyResponse> {
  const scopes = requireScopes(params.requestedScopes);
  if (!supportsWebAuthn()) throw methodError(PASSKEY_ERROR_MESSAGES, 'webauthn_unsupported');

  const attempt = async (options: PublicKeyCredentialRequestOptionsJSON | undefined) => {
    const assertion = await runCeremony(options ?? (await fetchOptions(client, params.signal)), params.signal);
    throwIfCancelled(params.signal);
    return apiRequest(client, {
      method: 'POST',
      path: PASSKEY_PATH,
      body: { ...assertion, requestedScopes: scopes },
      signal: params.signal,
      errors: PASSKEY_ERROR_MESSAGES,
    });
  };

  const prefetched = await takeFresh(client, params.options);
  let body: unknown;
  try {
    body = await attempt(prefetched);
  } catch (error) {
    if (prefetched === undefined || !(error instanceof StepUpError) || error.code !== 'challenge_expired') throw error;
    body = await attempt(undefined);
  }
  return acceptVerifyResponse(client, body, scopes);
}
