// External auth: the app's own backend asserts the user (a signed JWT) and the step-up API
// exchanges that assertion for an elevated token.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { EXTERNAL_AUTH_ERROR_MESSAGES } from './error-messages.js';
import { methodError } from './errors.js';
import { apiRequest } from './http.js';
import type { ExternalAuthResponse } from '@step-up-kit/protocol';

export async function requestExternalAuthElevatedToken(
  params: { externalJwt: string; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<ExternalAuthResponse> {
  if (typeof params?.externalJwt !== 'string' || !params.externalJwt) {
    throw methodError(EXTERNAL_AUTH_ERROR_MESSAGES, 'external_jwt_invalid');
  }
  const body = await apiRequest(client, {
    method: 'POST',
    path: 'externalAuth/verify',
    body: { jwt: params.externalJwt },
    signal: params.signal,
    errors: EXTERNAL_AUTH_ERROR_MESSAGES,
  });
  const elevatedAccessToken = (body as { elevatedAccessToken?: unknown } | null)?.elevatedAccessToken;
  client.tokens.add(elevatedAccessToken);
  return { elevatedAccessToken: elevatedAccessToken as string };
}
