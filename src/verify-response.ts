// Shared by every verify method: validate the requested scopes before sending, and store
// the elevated token of the answer by the token rules.
import type { StepUpClient } from './client.js';
import { StepUpError } from './errors.js';
import { normalizeScopes } from '@step-up-kit/protocol';
import type { ScopeValue, VerifyResponse } from '@step-up-kit/protocol';

/** Normalized requested scopes; throws `invalid_scope` (before any request) when empty or not strings. */
export function requireScopes(requestedScopes: readonly ScopeValue[] | undefined): string[] {
  if (!Array.isArray(requestedScopes) || !requestedScopes.every((s) => typeof s === 'string')) {
    throw new StepUpError('invalid_scope');
  }
  const scopes = normalizeScopes(requestedScopes);
  if (scopes.length === 0) throw new StepUpError('invalid_scope');
  return scopes;
}

/**
 * Stores the answer's elevated token (it must carry every requested scope) and returns the
 * answer. A missing or unusable token stores nothing and throws `invalid_token`.
 */
export function acceptVerifyResponse(client: StepUpClient, body: unknown, scopes: readonly string[]): VerifyResponse {
  if (typeof body !== 'object' || body === null) throw new StepUpError('invalid_token');
  const response = body as VerifyResponse;
  client.tokens.add(response.elevatedAccessToken, scopes);
  return response;
}

/** A code as typed or pasted: spaces and dashes removed; throws `invalid_code` when empty. */
export function requireCode(code: unknown): string {
  const cleaned = typeof code === 'string' ? code.replace(/[\s-]/g, '') : '';
  if (!cleaned) throw new StepUpError('invalid_code', { message: 'Enter the code.' });
  return cleaned;
}
