// Drives the reference backend's development surface (same origin as the test page), the
// way the demo and any script would.
import { registerPasskey } from '../../src/dev/index.js';
import { createStepUpClient, requestExternalAuthElevatedToken, type StepUpClient, type StepUpClientConfig } from '../../src/index.js';

export const API_BASE = '/api/v0';

async function dev<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API_BASE}/dev/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`dev ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Restores the seeded users; every session and elevated token from before stops working. */
export const resetBackend = () => dev<unknown>('POST', 'reset', {});

export const signIn = (userId: string) => dev<{ jwt: string; environmentId: string }>('POST', 'session', { userId });

export const advanceServerClock = (advanceSeconds: number) => dev<{ now: number }>('POST', 'clock', { advanceSeconds });

export interface DemoSecrets {
  totpSecret?: string;
  otpauthUri?: string;
  recoveryCodes?: string[];
  walletAddress?: string;
  walletPrivateKey?: string;
}
export const secretsOf = (userId: string) => dev<DemoSecrets>('GET', `users/${userId}/secrets`);

export interface OutboxMessage {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  sentAt: string;
}
export const outbox = (userId: string) => dev<OutboxMessage[]>('GET', `outbox?userId=${encodeURIComponent(userId)}`);

/** The newest code sent to `userId` on `channel`. */
export async function latestCode(userId: string, channel: 'email' | 'sms'): Promise<OutboxMessage> {
  const message = (await outbox(userId)).find((m) => m.channel === channel);
  if (!message) throw new Error(`no ${channel} code was sent to ${userId}`);
  return message;
}

export const externalJwt = (claims: { userId: string; scope: string; expiresInSeconds?: number; jti?: string }) =>
  dev<{ jwt: string }>('POST', 'external-jwt', claims);

/**
 * Gives `client` an elevated token for `scope` through external auth (an assertion of the dev
 * issuer): a real verify call that spends no code and moves no counter, for tests whose subject
 * is what comes after the step-up (enrolling a passkey needs `credential:link`).
 */
export async function elevateThroughExternalAuth(client: StepUpClient, userId: string, scope: string): Promise<void> {
  const { jwt } = await externalJwt({ userId, scope });
  await requestExternalAuthElevatedToken({ externalJwt: jwt }, client);
}

/** Registers a passkey for `userId` as an app would: a credential:link step-up, then enrolment. */
export async function enrolPasskey(client: StepUpClient, userId: string, name = 'Test key'): Promise<{ id: string; alias: string }> {
  await elevateThroughExternalAuth(client, userId, 'credential:link');
  return registerPasskey({ name }, client);
}

/** A client signed in as `userId` against the reference backend. */
export async function signedInClient(
  userId: string,
  config: Partial<StepUpClientConfig> = {},
): Promise<{ client: StepUpClient; jwt: string }> {
  const { jwt, environmentId } = await signIn(userId);
  const client = createStepUpClient({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt, ...config });
  return { client, jwt };
}

/** Real fetch, with every request URL recorded: for counting requests, not faking them. */
export function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
  };
}
