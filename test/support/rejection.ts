import { expect } from '@open-wc/testing';

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message?: string; retryAfter?: number }> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: { code?: string; message?: string; retryAfter?: number }) => error,
  );
}
