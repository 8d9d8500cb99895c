// One error type for every refusal, and the one JSON shape every error answer takes: Dynamic's
// flat error models (see protocol/errors.ts), the wait in `Retry-After` and `payload.retryAfter`.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { WireErrorBody, WireErrorCode, WireErrorPayload } from '@step-up-kit/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: WireErrorCode,
    message: string,
    /** Seconds until a retry can succeed; sent as `Retry-After` and `payload.retryAfter`. */
    readonly retryAfter?: number,
    /** More structured detail for the client (attempts left, when a lock ends). */
    readonly details?: WireErrorPayload,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(error: ApiError): WireErrorBody {
  return {
    error: error.message,
    code: error.code,
    ...((error.retryAfter !== undefined || error.details) && {
      payload: { ...error.details, ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }) },
    }),
  };
}

/** Answers through the context so headers set by earlier middleware (CORS) are kept. */
export function sendError(c: Context, error: ApiError): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
  return c.json(errorBody(error), error.status);
}

/** Whole seconds until `untilMs`, at least 1, so a client never retries too early. */
export function secondsUntil(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}

/** Names the first offending field, so the caller can fix the request. */
export function invalidRequestFromZod(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = field
    ? `The request field "${field}" is missing or not valid.`
    : 'The request body is not valid.';
  return new ApiError(400, 'invalid_request', message);
}

export const notFound = (): ApiError =>
  new ApiError(404, 'not_found', 'There is nothing at this address.');

export const notSignedIn = (): ApiError =>
  new ApiError(401, 'not_signed_in', 'You are not signed in. Sign in and try again.');

export const invalidScope = (): ApiError =>
  new ApiError(422, 'invalid_scopes', 'The requested permission is not one this service knows.');

export const credentialNotFound = (): ApiError =>
  new ApiError(404, 'credential_not_found', 'That sign-in method is not linked to your account.');
