// check: is step-up required for a scope, and which credentials can the user present?
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import { JwtVerifiedCredentialFormatEnum } from '@step-up-kit/protocol';
import { StepUpCheckFailedEvent } from './client-events.js';
import { StepUpError, unusableAnswer } from './errors.js';
import { apiRequest } from './http.js';
import type { ScopeValue, StepUpCheckResponse, StepUpCredential } from '@step-up-kit/protocol';

const KNOWN_FORMATS = new Set<string>(Object.values(JwtVerifiedCredentialFormatEnum));

const required = (): StepUpCheckResponse => ({ isRequired: true, credentials: [] });

function parseCredential(value: unknown): StepUpCredential | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, format, type, alias } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof format !== 'string' || !KNOWN_FORMATS.has(format)) return undefined;
  if ((type !== undefined && typeof type !== 'string') || (alias !== undefined && typeof alias !== 'string')) {
    return undefined;
  }
  return { id, format: format as JwtVerifiedCredentialFormatEnum, ...(type ? { type } : {}), ...(alias ? { alias } : {}) };
}

/**
 * A well-formed check answer, or undefined. Credentials of formats this kit does not know
 * are left out (they cannot be presented); anything else out of shape rejects the answer.
 */
export function parseCheckResponse(body: unknown): StepUpCheckResponse | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { isRequired, credentials, defaultCredentialId } = body as Record<string, unknown>;
  if (typeof isRequired !== 'boolean' || !Array.isArray(credentials)) return undefined;
  if (defaultCredentialId !== undefined && defaultCredentialId !== null && typeof defaultCredentialId !== 'string') {
    return undefined;
  }
  const parsed = credentials.map(parseCredential).filter((c): c is StepUpCredential => c !== undefined);
  const hasDefault = typeof defaultCredentialId === 'string' && parsed.some((c) => c.id === defaultCredentialId);
  return { isRequired, credentials: parsed, ...(hasDefault ? { defaultCredentialId } : {}) };
}

/** A check's answer, and why it is the fail-closed one when it is not the server's. */
export interface StepUpCheckOutcome {
  result: StepUpCheckResponse;
  /**
   * Set when `result` is the fail-closed "required" rather than the server's answer: the
   * request failed (network, server, malformed answer, not signed in) or the caller's signal
   * fired (`cancelled`). A UI offers "try again" for it, not "no method available".
   */
  failure?: StepUpError;
}

async function askServer(client: StepUpClient, scope: string): Promise<StepUpCheckOutcome> {
  let failure: StepUpError;
  try {
    const answer = parseCheckResponse(await apiRequest(client, { method: 'POST', path: 'stepUp/check', body: { scope } }));
    if (answer) {
      client.lastCredentials = answer.credentials;
      return { result: answer };
    }
    failure = unusableAnswer();
  } catch (error) {
    failure = error instanceof StepUpError ? error : new StepUpError('server_error', { cause: error });
  }
  client.dispatchEvent(new StepUpCheckFailedEvent(scope, failure));
  return { result: required(), failure }; // fail closed: any failure means "verify"
}

/** Resolves "required" (cancelled) as soon as `signal` fires (the shared request goes on for other callers). */
function requiredOnAbort(signal: AbortSignal): Promise<StepUpCheckOutcome> {
  return new Promise((resolve) => {
    const cancelled = () => resolve({ result: required(), failure: new StepUpError('cancelled', { cause: signal.reason }) });
    if (signal.aborted) cancelled();
    else signal.addEventListener('abort', cancelled, { once: true });
  });
}

/** Each caller gets its own copy of a shared answer. */
const copy = ({ result, failure }: StepUpCheckOutcome): StepUpCheckOutcome => ({
  result: { ...result, credentials: result.credentials.map((c) => ({ ...c })) },
  ...(failure ? { failure } : {}),
});

/**
 * `checkStepUpAuth` with the reason of a fail-closed answer: resolves `{ result, failure }`,
 * where `failure` says why `result` is "required" when the server did not say so (see
 * `StepUpCheckOutcome`). Same answers, same shared requests, same `checkfailed` event.
 */
export function checkStepUpAuthWithReason(
  { scope, signal }: { scope: ScopeValue; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<StepUpCheckOutcome> {
  if (client.tokens.has(scope)) return Promise.resolve({ result: { isRequired: false, credentials: [] } });
  let pending = client.inFlightChecks.get(scope);
  if (!pending) {
    pending = askServer(client, scope).finally(() => client.inFlightChecks.delete(scope));
    client.inFlightChecks.set(scope, pending);
  }
  const answer = pending.then(copy);
  return signal ? Promise.race([answer, requiredOnAbort(signal)]) : answer;
}

/**
 * Whether step-up is required for `scope`. Answers at once, with no request, when a valid
 * token for the scope is held (without consuming it); otherwise asks the server, sharing one
 * request among identical checks in flight. Never rejects: on any failure the answer is
 * `{ isRequired: true, credentials: [] }` (and the client dispatches `checkfailed`); a fired
 * `signal` answers the same at once. `checkStepUpAuthWithReason` also says why.
 */
export function checkStepUpAuth(
  params: { scope: ScopeValue; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<StepUpCheckResponse> {
  return checkStepUpAuthWithReason(params, client).then((outcome) => outcome.result);
}
