// Reads a JSON request body and validates it, so no handler ever sees unchecked input.
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, invalidRequestFromZod, invalidScope } from './errors.js';
import { isKnownScope, type Scope } from './scope-policy.js';

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  if (!JSON_CONTENT_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(400, 'invalid_request', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequestFromZod(result.error);
  return result.data;
}

/** `requestedScopes` of a verify body: a non-empty array of known scopes, else `invalid_scope`. */
export function parseRequestedScopes(value: unknown): Scope[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isKnownScope)) throw invalidScope();
  return value;
}
