// Shared by the server's node:test suites: a controllable clock and a small request helper.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Hono } from 'hono';
import { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
import type { ReferenceServerOptions } from './server-context.js';
import { assertDynamicErrorModel } from './test-support/dynamic-error-model.js';

/** 10 s into a 30-s TOTP step, so ±1 step arithmetic in tests is unambiguous. */
export const START_MS = Date.UTC(2030, 0, 1, 0, 0, 10);

export class TestClock {
  ms = START_MS;
  readonly now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** A signing key for servers outside dev mode, which must be given one. */
export const TEST_SIGNING_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

export interface TestServer {
  server: ReferenceServer;
  clock: TestClock;
}

export function createTestServer(options: ReferenceServerOptions = {}): TestServer {
  const clock = new TestClock();
  const devMode = options.devMode ?? true;
  const server = createReferenceServer({ devMode, now: clock.now, ...(devMode ? {} : { signingKey: TEST_SIGNING_KEY }), ...options });
  return { server, clock };
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, with whatever content type `headers` says. */
  rawBody?: string;
  jwt?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // Tests read arbitrary fields of the answers they assert on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

type Target = ReferenceServer | { app: Hono; basePath: string };

export async function call(target: Target, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.jwt) headers.authorization = `Bearer ${options.jwt}`;
  Object.assign(headers, options.headers);
  const response = await target.app.request(`${target.basePath}/${path}`, { method, headers, body });
  const text = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path} answered JSON`);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

/** A path under the SDK routes of this server's environment. */
export const sdk = (server: ReferenceServer, path: string): string => `sdk/${server.environmentId}/${path}`;

export async function signIn(server: Target, userId: string): Promise<string> {
  const res = await call(server, 'POST', 'dev/session', { body: { userId } });
  assert.equal(res.status, 200);
  return res.body.jwt;
}

export function assertError(res: CallResult, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, code);
  assertDynamicErrorModel(status, res.body, `${status} ${code}`);
}

/** An RFC 9470 refusal: 401, the challenge naming the scope, and the wire's step_up_required body. */
export function assertStepUpRequired(res: CallResult, reason: string): void {
  assert.equal(res.status, 401, `expected 401 step_up_required (${reason}), got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, 'step_up_required');
  assert.equal(res.body.payload?.reason, reason);
  assertDynamicErrorModel(401, res.body, `401 step_up_required (${reason})`);
  const challenge = res.headers.get('www-authenticate') ?? '';
  assert.match(challenge, /^Bearer error="insufficient_user_authentication", error_description="[^"]+", scope="([^"]+)"/);
  assert.equal(/scope="([^"]+)"/.exec(challenge)?.[1], res.body.payload.scope, 'the challenge names the scope of the body');
}

export function claimsOf(jwt: string) {
  return { header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) };
}

export async function devSecrets(server: ReferenceServer, userId: string) {
  const res = await call(server, 'GET', `dev/users/${userId}/secrets`);
  assert.equal(res.status, 200);
  return res.body;
}

/** Hands out an elevated token through the dev external issuer (the quickest verified path). */
export async function elevatedTokenFor(server: ReferenceServer, userId: string, scope: string): Promise<string> {
  const jwt = await signIn(server, userId);
  const assertion = await call(server, 'POST', 'dev/external-jwt', { body: { userId, scope } });
  const res = await call(server, 'POST', sdk(server, 'externalAuth/verify'), { jwt, body: { jwt: assertion.body.jwt } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.elevatedAccessToken;
}
