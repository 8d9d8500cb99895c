// One JSON request to the step-up API, with the session, a timeout and a caller's abort
// signal, turning every failure into a StepUpError.
import type { StepUpClient } from './client.js';
import type { MethodErrorMessages } from './error-messages.js';
import { isStepUpErrorCode, StepUpError, throwIfCancelled, unusableAnswer, type StepUpErrorCode } from './errors.js';

/** Server messages longer than this are replaced by the built-in sentence. */
const MAX_SERVER_MESSAGE_LENGTH = 300;

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path under `{apiBaseUrl}/sdk/{environmentId}/`. */
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** The method's own error codes this request may answer with, and their sentences. */
  errors?: MethodErrorMessages;
}

/**
 * The app's session token. A `getAuthToken` that throws is a mistake in the app, not on the
 * server: it is reported as `configuration_error`, with one console message for the developer.
 */
export async function sessionToken(client: StepUpClient): Promise<string | null | undefined> {
  try {
    return await client.config.getAuthToken();
  } catch (cause) {
    console.error('step-up-kit: getAuthToken threw; nothing was sent.', cause);
    throw new StepUpError('configuration_error', { cause });
  }
}

export async function apiRequest(client: StepUpClient, request: ApiRequest): Promise<unknown> {
  throwIfCancelled(request.signal);
  const authToken = await sessionToken(client);
  if (!authToken) throw new StepUpError('not_signed_in');

  const timeout = AbortSignal.timeout(client.requestTimeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { authorization: `Bearer ${authToken}`, accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  try {
    const response = await client.fetch(client.sdkUrl(request.path), {
      method: request.method,
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal,
      credentials: 'omit',
      redirect: 'error',
    });
    if (!response.ok) throw await errorFromResponse(response, request.errors);
    try {
      return await response.json();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw unusableAnswer(cause);
    }
  } catch (error) {
    if (error instanceof StepUpError) throw error;
    if (request.signal?.aborted) throw new StepUpError('cancelled', { cause: error });
    if (timeout.aborted) {
      throw new StepUpError('network_error', { message: 'The server took too long to answer. Try again.', cause: error });
    }
    throw new StepUpError('network_error', { cause: error });
  }
}

function codeForStatus(status: number): StepUpErrorCode {
  if (status === 401) return 'not_signed_in';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'request_failed';
}

function parseRetryAfter(header: string | null, bodyValue: unknown): number | undefined {
  if (typeof bodyValue === 'number' && Number.isFinite(bodyValue) && bodyValue >= 0) return Math.ceil(bodyValue);
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Dynamic's error codes (and their SDK's) as the core's stable codes. */
const FROM_WIRE_CODE: Readonly<Record<string, StepUpErrorCode>> = {
  mfa_invalid_code: 'invalid_code',
  wrong_email_verification_token: 'invalid_code',
  wrong_sms_verification_token: 'invalid_code',
  invalid_email_verification: 'verification_not_found',
  invalid_sms_verification: 'verification_not_found',
  invalid_verification: 'verification_not_found',
  too_many_email_verification_attempts: 'too_many_attempts',
  too_many_sms_verification_attempts: 'too_many_attempts',
  too_many_verification_attempts: 'too_many_attempts',
  mfa_rate_limited: 'rate_limited',
  lock_too_many_attempts: 'rate_limited',
  passkey_not_found: 'no_passkey',
  invalid_scopes: 'invalid_scope',
  mfa_device_not_found: 'credential_not_found',
};

function stepUpCodeOf(wireCode: unknown, methodErrors: MethodErrorMessages | undefined): StepUpErrorCode | undefined {
  if (typeof wireCode !== 'string') return undefined;
  if (Object.hasOwn(FROM_WIRE_CODE, wireCode)) return FROM_WIRE_CODE[wireCode];
  return isStepUpErrorCode(wireCode, methodErrors) ? wireCode : undefined;
}

/**
 * A StepUpError from a non-2xx response in Dynamic's error shape (`{ error: "<message>",
 * code?, payload? }`): the code when it is one we know (a general one, or one of `methodErrors`:
 * the method that asked), else by status; the server's sentence only with a code we know (an
 * unknown one may say anything), else ours.
 */
export async function errorFromResponse(response: Response, methodErrors?: MethodErrorMessages): Promise<StepUpError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined; // HTML error page, empty body, truncated JSON
  }
  return errorFromBody(response.status, body, response.headers.get('retry-after'), methodErrors);
}

/** A StepUpError from an error answer's status and body (see errorFromResponse). */
export function errorFromBody(
  status: number,
  body: unknown,
  retryAfterHeader: string | null = null,
  methodErrors?: MethodErrorMessages,
): StepUpError {
  const wire = (body ?? {}) as {
    error?: unknown;
    code?: unknown;
    payload?: { retryAfter?: unknown; attemptsRemaining?: unknown; lockedUntil?: unknown } | null;
  };
  const known = stepUpCodeOf(wire.code, methodErrors);
  const code = known ?? codeForStatus(status);
  const serverMessage = wire.error;
  const message =
    known !== undefined && typeof serverMessage === 'string' && serverMessage.trim() && serverMessage.length <= MAX_SERVER_MESSAGE_LENGTH
      ? serverMessage
      : methodErrors?.[code];
  const { attemptsRemaining: attempts, lockedUntil: until } = wire.payload ?? {};
  const lockedUntil = typeof until === 'string' ? Date.parse(until) : NaN;
  return new StepUpError(code, {
    status,
    message,
    retryAfter: parseRetryAfter(retryAfterHeader, wire.payload?.retryAfter),
    attemptsRemaining: Number.isInteger(attempts) && (attempts as number) >= 0 ? (attempts as number) : undefined,
    lockedUntil: Number.isFinite(lockedUntil) ? lockedUntil : undefined,
  });
}
