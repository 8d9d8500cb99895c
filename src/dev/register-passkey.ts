// Passkey enrolment against the reference backend's extension routes, for the demo and tests
// (enrolment is not part of the step-up API; a real app enrols passkeys in its own settings).
// Changing credentials is itself a step-up action: adding a passkey needs an elevated token for
// `credential:link`, removing one a token for `credential:unlink` — run the dialog (or any
// verify call) for that scope first, as the demo does.
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import type { StepUpClient } from '../client.js';
import { getDefaultClient } from '../default-client.js';
import { elevatedFetch } from '../elevated-fetch.js';
import { PASSKEY_ERROR_MESSAGES } from '../error-messages.js';
import { StepUpError, unusableAnswer } from '../errors.js';
import { apiRequest, errorFromResponse } from '../http.js';
import type { ScopeValue } from '@step-up-kit/protocol';

const REGISTER_PATH = 'users/mfa/register/passkey';

/** A JSON request to an enrolment route that spends the held token of `scope`. */
async function enrolmentRequest(client: StepUpClient, path: string, scope: ScopeValue, method: 'POST' | 'DELETE', body?: unknown) {
  const response = await elevatedFetch(
    client.sdkUrl(path),
    {
      method,
      scope,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
    },
    client,
  );
  if (!response.ok) throw await errorFromResponse(response, PASSKEY_ERROR_MESSAGES);
  try {
    return (await response.json()) as unknown;
  } catch (cause) {
    throw unusableAnswer(cause);
  }
}

/**
 * Creates a passkey for the signed-in user on this device and registers it with the backend.
 * Throws `step_up_required` unless a `credential:link` elevated token is held.
 */
export async function registerPasskey(
  params: { name?: string } = {},
  client: StepUpClient = getDefaultClient(),
): Promise<{ id: string; alias: string }> {
  // Checked before the browser's passkey prompt: a user must not create a passkey for nothing.
  if (!client.tokens.has('credential:link')) throw new StepUpError('step_up_required');
  const optionsJSON = (await apiRequest(client, { method: 'GET', path: REGISTER_PATH, errors: PASSKEY_ERROR_MESSAGES })) as PublicKeyCredentialCreationOptionsJSON;
  let registration;
  try {
    registration = await startRegistration({ optionsJSON });
  } catch (cause) {
    throw new StepUpError('cancelled', { message: 'The passkey was not created.', cause });
  }
  const body = { ...registration, ...(params.name ? { name: params.name } : {}) };
  return (await enrolmentRequest(client, REGISTER_PATH, 'credential:link', 'POST', body)) as { id: string; alias: string };
}

/** Removes one of the user's passkeys. Throws `step_up_required` unless a `credential:unlink` token is held. */
export async function removePasskey(id: string, client: StepUpClient = getDefaultClient()): Promise<void> {
  await enrolmentRequest(client, `users/passkeys/${encodeURIComponent(id)}`, 'credential:unlink', 'DELETE');
}
