// open-wc's waitUntil, with room for a busy machine. A wait ends on what happens (the predicate);
// the bound only stops a test that would otherwise hang, so it sits just under the test timeout
// (web-test-runner.config.mjs) instead of open-wc's default of one second.
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const WAIT_TIMEOUT_MS = 8000;

export function waitUntil(
  predicate: Parameters<typeof openWcWaitUntil>[0],
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: WAIT_TIMEOUT_MS, ...options });
}
