// Every error body the backend sends, held against Dynamic's own error models
// (`@dynamic-labs/sdk-api-core`) for its status: what the model reads from the body must be
// what the body meant, and a 422's code must be one of Dynamic's or one of our extensions.
import assert from 'node:assert/strict';
import {
  BadRequestFromJSON,
  ForbiddenFromJSON,
  NotFoundFromJSON,
  TooManyRequestsFromJSON,
  UnauthorizedFromJSON,
  UnprocessableEntityErrorCode,
  UnprocessableEntityFromJSON,
} from '@dynamic-labs/sdk-api-core';
import { DYNAMIC_ERROR_CODES, EXTENSION_ERROR_CODES } from '@step-up-kit/protocol';

const MODEL_OF_STATUS: Record<number, (json: unknown) => { error?: unknown; code?: unknown }> = {
  400: BadRequestFromJSON,
  401: UnauthorizedFromJSON,
  403: ForbiddenFromJSON,
  404: NotFoundFromJSON,
  422: UnprocessableEntityFromJSON,
  429: TooManyRequestsFromJSON,
};

const DYNAMIC_UNPROCESSABLE: ReadonlySet<string> = new Set(Object.values(UnprocessableEntityErrorCode));
const KNOWN_CODES: ReadonlySet<string> = new Set([...DYNAMIC_ERROR_CODES, ...EXTENSION_ERROR_CODES]);

export function assertDynamicErrorModel(status: number, body: unknown, label = `${status}`): void {
  assert.ok(body !== null && typeof body === 'object', `${label}: a JSON object`);
  const { error, code, payload, ...rest } = body as Record<string, unknown>;
  assert.deepEqual(rest, {}, `${label}: only error, code and payload`);
  assert.equal(typeof error, 'string', `${label}: error is the message`);
  assert.ok((error as string).length > 10, `${label}: the message is a sentence`);
  assert.ok(typeof code === 'string' && KNOWN_CODES.has(code), `${label}: ${String(code)} is a listed code`);
  if (payload !== undefined) assert.ok(payload !== null && typeof payload === 'object', `${label}: payload is an object`);
  const model = MODEL_OF_STATUS[status];
  if (!model) return; // 409, 413, 500, 502: no model of Dynamic's; the same flat shape
  const read = model(body);
  assert.equal(read.error, error, `${label}: the model reads the message`);
  if (status === 404) assert.equal(read.code, code, `${label}: NotFound carries its code`);
  if (status === 422) {
    assert.equal(read.code, code, `${label}: UnprocessableEntity carries its code`);
    const ours = (EXTENSION_ERROR_CODES as readonly string[]).includes(code as string);
    assert.ok(DYNAMIC_UNPROCESSABLE.has(code as string) || ours, `${label}: ${String(code)} is Dynamic's or an extension`);
  }
}
