// The error vocabulary against Dynamic's: the codes we call Dynamic's are Dynamic's, and none
// of our extensions duplicates one of theirs. (Every error body the tests see is held against
// Dynamic's model for its status by assertError and the robustness fuzz.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnprocessableEntityErrorCode } from '@dynamic-labs/sdk-api-core';
import { DYNAMIC_ERROR_CODES, EXTENSION_ERROR_CODES } from '@step-up-kit/protocol';
import { ApiError, errorBody } from './errors.js';
import { assertDynamicErrorModel } from './test-support/dynamic-error-model.js';

const dynamic: ReadonlySet<string> = new Set(Object.values(UnprocessableEntityErrorCode));
/** Recognised by Dynamic's JavaScript SDK (MfaRateLimitedError), not in the API's enum. */
const SDK_ONLY = ['mfa_rate_limited'];

describe('error vocabulary', () => {
  it('uses Dynamic\'s codes where it says it does', () => {
    for (const code of DYNAMIC_ERROR_CODES) assert.ok(dynamic.has(code) || SDK_ONLY.includes(code), `${code} is Dynamic's`);
  });

  it('adds no code of its own where Dynamic has one', () => {
    for (const code of EXTENSION_ERROR_CODES) assert.ok(!dynamic.has(code), `${code} is Dynamic's: use it as theirs`);
  });

  it('answers flat bodies with the wait in the payload', () => {
    const body = errorBody(new ApiError(429, 'mfa_rate_limited', 'Too many wrong codes. Wait a few minutes, then try again.', 300));
    assert.deepEqual(body, { error: 'Too many wrong codes. Wait a few minutes, then try again.', code: 'mfa_rate_limited', payload: { retryAfter: 300 } });
    assertDynamicErrorModel(429, body);
  });
});
