// Dynamic's own SDK (`@dynamic-labs-sdk/client`), configured the way an app would point it at
// the reference backend: its API base on the page's origin, telemetry off, its state in a
// storage of its own (one client per test, nothing shared through localStorage). Every call it
// makes goes through a fetch that records the request and the backend's answer — the real
// fetch, nothing is answered here — so a test can show what crossed the wire.
// The network guard first: its policy must be in force before the SDK's code is evaluated.
import { noteOffMachineAttempt, offMachineAttempts } from '../support/network-guard.js';
import { createDynamicClient, initializeClient, signInWithExternalJwt, type DynamicClient } from '@dynamic-labs-sdk/client';
import { expect } from '@open-wc/testing';
import { API_BASE, signIn } from '../support/backend.js';

/** One call of the SDK's and the backend's answer, as they crossed the wire. */
export interface Exchange {
  method: string;
  /** Under `{basePath}/sdk/{environmentId}/`, with the query. */
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

export interface SdkUnderTest {
  client: DynamicClient;
  /** The environment the backend hosts, as the SDK was configured with it. */
  environmentId: string;
  exchanges: Exchange[];
  /** The exchanges with `path` (without its query), in order. */
  calls(method: string, path: string): Exchange[];
}

const parse = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** An assertion of the backend's dev issuer that signs `userId` in (no scope: it elevates nothing). */
export async function signInAssertion(userId: string, claims: { expiresInSeconds?: number } = {}): Promise<string> {
  const response = await fetch(`${API_BASE}/dev/external-jwt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, ...claims }),
  });
  expect(response.status).to.equal(200);
  return ((await response.json()) as { jwt: string }).jwt;
}

let environment: Promise<string> | undefined;
/** The environment the backend hosts: its dev session route names it. */
const hostedEnvironment = () => (environment ??= signIn('bob').then((session) => session.environmentId));

/** A client of the real SDK, initialised against the reference backend (settings fetched). */
export async function startSdk(): Promise<SdkUnderTest> {
  const exchanges: Exchange[] = [];
  const apiPrefix = `${API_BASE}/sdk/`;
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) {
      noteOffMachineAttempt(url.href);
      throw new TypeError(`The test refused to send a request to ${url.origin}.`);
    }
    const response = await fetch(input, init);
    const path = url.pathname.startsWith(apiPrefix) ? url.pathname.slice(apiPrefix.length).replace(/^[^/]+\//, '') : url.pathname;
    exchanges.push({
      method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
      path: `${path}${url.search}`,
      requestBody: typeof init?.body === 'string' ? parse(init.body) : undefined,
      status: response.status,
      responseBody: parse(await response.clone().text()),
    });
    return response;
  };
  const storage = new Map<string, string>();
  const environmentId = await hostedEnvironment();
  const client = createDynamicClient({
    environmentId,
    autoInitialize: false,
    // The SDK's telemetry would post every call to Dynamic's log host.
    instrumentation: { enabled: false },
    coreConfig: {
      apiBaseUrl: `${location.origin}${API_BASE}`,
      fetch: recordingFetch,
      storageAdapter: {
        getItem: async (key) => storage.get(key) ?? null,
        setItem: async (key, value) => void storage.set(key, value),
        removeItem: async (key) => void storage.delete(key),
      },
    },
  });
  await initializeClient(client);
  const calls = (method: string, path: string) => exchanges.filter((e) => e.method === method && e.path.split('?')[0] === path);
  return { client, environmentId, exchanges, calls };
}

/** A started SDK client, signed in as `userId` with an assertion of the backend's dev issuer. */
export async function signedInSdk(userId: string): Promise<SdkUnderTest> {
  const sdk = await startSdk();
  await signInWithExternalJwt({ externalJwt: await signInAssertion(userId) }, sdk.client);
  expect(sdk.client.user?.id).to.equal(userId);
  return sdk;
}

/** What the backend says of a session token (`GET users`): its user, or its refusal. */
export async function sessionUser(sdk: SdkUnderTest, token: string | null): Promise<{ status: number; id?: string; code?: string }> {
  const response = await fetch(`${API_BASE}/sdk/${sdk.environmentId}/users`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { id?: string; code?: string };
  return { status: response.status, ...(body.id !== undefined && { id: body.id }), ...(body.code !== undefined && { code: body.code }) };
}

/** The one exchange with `path`; fails unless exactly one was made. */
export function onlyCall(sdk: SdkUnderTest, method: string, path: string): Exchange {
  const found = sdk.calls(method, path);
  expect(found, `${method} ${path} calls: ${JSON.stringify(sdk.exchanges.map((e) => `${e.method} ${e.path} ${e.status}`))}`).to.have.length(1);
  return found[0]!;
}

/**
 * A call of the app's own API with the SDK's session and an elevated token, as the app makes
 * it: the SDK attaches elevated tokens only to its own wallet calls.
 */
export function protectedCall(sdk: SdkUnderTest, method: string, path: string, elevatedToken: string | undefined): Promise<Response> {
  return fetch(`${API_BASE}/protected/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sdk.client.token}`,
      ...(elevatedToken !== undefined && { 'x-dyn-elevated-access-token': elevatedToken }),
    },
  });
}

/** After each test: nothing left, or tried to leave, this machine. */
export function expectNothingSentOffMachine(): void {
  expect(offMachineAttempts(), 'requests off this machine or off the page\'s origin').to.deep.equal([]);
}
