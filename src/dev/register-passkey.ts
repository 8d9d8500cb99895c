// Passkey registration against the reference backend's extension routes, for the demo and
// tests (registration is not part of the step-up API; a real app enrols passkeys elsewhere).
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import type { StepUpClient } from '../client.js';
import { getDefaultClient } from '../default-client.js';
import { StepUpError } from '../errors.js';
import { apiRequest } from '../http.js';

const REGISTER_PATH = 'users/mfa/register/passkey';

/** Creates a passkey for the signed-in user on this device and registers it with the backend. */
export async function registerPasskey(
  params: { name?: string } = {},
  client: StepUpClient = getDefaultClient(),
): Promise<{ id: string; alias: string }> {
  const optionsJSON = (await apiRequest(client, { method: 'GET', path: REGISTER_PATH })) as PublicKeyCredentialCreationOptionsJSON;
  let registration;
  try {
    registration = await startRegistration({ optionsJSON });
  } catch (cause) {
    throw new StepUpError('cancelled', { message: 'The passkey was not created.', cause });
  }
  return (await apiRequest(client, {
    method: 'POST',
    path: REGISTER_PATH,
    body: { ...registration, ...(params.name ? { name: params.name } : {}) },
  })) as { id: string; alias: string };
}
