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

async function askServer(client: StepUpClient, scope: string): Promise<StepUpCheckResponse> {
  let failure: StepUpError;
  try {
    const answer = parseCheckResponse(await apiRequest(client, { method: 'POST', path: 'stepUp/check', body: { scope } }));
    if (answer) {
      client.lastCredentials = answer.credentials;
      return answer;
    }
    failure = unusableAnswer();
  } catch (error) {
    failure = error instanceof StepUpError ? error : new StepUpError('server_error', { cause: error });
  }
  client.dispatchEvent(new StepUpCheckFailedEvent(scope, failure));
  return required(); // fail closed: any failure means "verify"
}

/** Resolves "required" as soon as `signal` fires (the shared request goes on for other callers). */
function requiredOnAbort(signal: AbortSignal): Promise<StepUpCheckResponse> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(required());
    else signal.addEventListener('abort', () => resolve(required()), { once: true });
  });
}

const copy = (r: StepUpCheckResponse): StepUpCheckResponse => ({ ...r, credentials: r.credentials.map((c) => ({ ...c })) });

/**
 * Whether step-up is required for `scope`. Answers at once, with no request, when a valid
 * token for the scope is held (without consuming it); otherwise asks the server, sharing one
 * request among identical checks in flight. Never rejects: on any failure the answer is
 * `{ isRequired: true, credentials: [] }` (and the client dispatches `checkfailed`); a fired
 * `signal` answers the same at once.
 */
export function checkStepUpAuth(
  { scope, signal }: { scope: ScopeValue; signal?: AbortSignal },
  client: StepUpClient = getDefaultClient(),
): Promise<StepUpCheckResponse> {
  if (client.tokens.has(scope)) return Promise.resolve({ isRequired: false, credentials: [] });
  let pending = client.inFlightChecks.get(scope);
  if (!pending) {
    pending = askServer(client, scope).finally(() => client.inFlightChecks.delete(scope));
    client.inFlightChecks.set(scope, pending);
  }
  const answer = pending.then(copy);
  return signal ? Promise.race([answer, requiredOnAbort(signal)]) : answer;
}
