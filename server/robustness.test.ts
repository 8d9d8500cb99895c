// Random and hostile input never reaches the 500 handler, and every answer is JSON (the
// development OAuth provider's pages excepted: HTML, or a redirect to the registered URL).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import type { ReferenceServer } from './create-reference-server.js';
import { assertDynamicErrorModel } from './test-support/dynamic-error-model.js';
import { SoftAuthenticator } from './test-support/soft-authenticator.js';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { call, createTestServer, devSecrets, elevatedTokenFor, sdk, signIn, START_MS } from './test-helpers.js';

const RUNS_PER_ENDPOINT = 300;

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Fuzzer {
  private readonly random: () => number;
  constructor(
    seed: number,
    private readonly plausible: readonly unknown[],
    /** Values that fit one field, so whole valid requests come up now and then. */
    private readonly byField: Readonly<Record<string, readonly unknown[]>> = {},
  ) {
    this.random = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  string(): string {
    switch (this.int(5)) {
      case 0: return this.pick(WEIRD_STRINGS);
      case 1: return String(this.pick(this.plausible));
      case 2: return Array.from({ length: this.int(40) }, () => String.fromCharCode(this.int(0x3000))).join('');
      case 3: return 'x'.repeat(this.int(3) === 0 ? 20_000 : this.int(300));
      default: return this.pick(SCOPES_AND_CODES);
    }
  }
  /** A value of the type the field expects, so requests get past validation into the logic. */
  typed(field: string): unknown {
    const fitting = this.byField[field];
    if (fitting && this.chance(0.6)) return this.pick(fitting);
    if (field === 'requestedScopes') return Array.from({ length: 1 + this.int(2) }, () => this.pick(KNOWN_SCOPES));
    if (field === 'advanceSeconds' || field === 'expiresInSeconds') return this.chance(0.5) ? this.int(1000) : this.pick(NUMBERS);
    const strings = this.plausible.filter((v): v is string => typeof v === 'string');
    return this.chance(0.7) ? this.pick(strings) : this.chance(0.5) ? String(this.int(1_000_000)).padStart(6, '0') : this.string();
  }
  /** Nearly always a value known to fit the field: whole valid requests, then one thing off. */
  fitting(field: string): unknown {
    const fitting = this.byField[field];
    return fitting && this.chance(0.9) ? this.pick(fitting) : this.typed(field);
  }
  value(depth = 0): unknown {
    const kind = this.int(depth > 2 ? 5 : 8);
    switch (kind) {
      case 0: return null;
      case 1: return this.chance(0.5);
      case 2: return this.pick(NUMBERS);
      case 3: return this.string();
      case 4: return this.pick(this.plausible);
      case 5: return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 6: return [this.pick(SCOPES_AND_CODES), this.pick(SCOPES_AND_CODES)];
      default: {
        const out: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) out[this.pick(FIELD_NAMES)] = this.value(depth + 1);
        return out;
      }
    }
  }
}

const WEIRD_STRINGS = ['', ' ', '\u0000', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '💥🔐', '<script>alert(1)</script>',
  '%00', '../../etc/passwd', 'null', 'undefined', 'NaN', '-1', '1e400', 'eyJhbGciOiJub25lIn0.e30.', 'a.b.c', '\ud800', 'Ω'.repeat(50)];
const SCOPES_AND_CODES = ['wallet:export', 'wallet:sign', 'credential:link', 'user:delete', 'wallet:steal', 'WALLET:EXPORT', '123456', '000000',
  'AAAAA-AAAAA', 'alice-totp', 'recovery-code', 'bob@example.com', 'alice@example.com', 'US', '1', '2025550123', 'alice', 'bob'];
const KNOWN_SCOPES = ['wallet:export', 'wallet:sign', 'credential:link', 'credential:unlink', 'user:delete'];
const NUMBERS = [0, -0, 1, -1, 0.5, 42, 123456, 2 ** 53 + 1, -(2 ** 31), 1e308, -1e308, 5e-324];
const FIELD_NAMES = ['scope', 'requestedScopes', 'email', 'code', 'id', 'jwt', 'verificationUUID', 'verificationToken', 'isoCountryCode',
  'phoneCountryCode', 'phoneNumber', 'userId', 'advanceSeconds', 'expiresInSeconds', 'jti', '__proto__', 'constructor', 'rawId', 'response',
  'clientDataJSON', 'signature', 'messageToSign', 'signedMessage', 'state', 'redirectUrl', 'codeVerifier', 'name', 'label'];
const ORIGINS = ['http://localhost:5173', 'http://localhost', 'http://127.0.0.1:8787', 'https://evil.example', 'null', 'file://', 'http://[::1]'];
const REDIRECT = 'http://localhost:5173/oauth-callback';
const PROVIDERS = ['google', 'github', 'GOOGLE', '__proto__', 'constructor', '%E0%A4%A', ''];
const WRONG_CONTENT_TYPES = [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html',
  'application/jsonx', 'json', 'application/xml', ''];

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** For the test name when the path is random. */
  label?: string;
  /** Built per request, so parameters in the path and query are fuzzed too. */
  path(f: Fuzzer): string;
  fields: string[];
  /** A page of the development OAuth provider: answers HTML or a redirect, not JSON. */
  html?: boolean;
  /** The body is an HTML form (application/x-www-form-urlencoded). */
  form?: boolean;
}

/** Percent-encodes; a lone surrogate becomes invalid UTF-8 on purpose (the server must cope). */
function uriPart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function endpoints(server: ReferenceServer): Endpoint[] {
  const s = (p: string) => () => sdk(server, p);
  const fixed = (p: string) => () => p;
  const verify = ['verificationUUID', 'verificationToken', 'requestedScopes'];
  return [
    { method: 'POST', path: s('stepUp/check'), fields: ['scope'] },
    { method: 'POST', path: s('emailVerifications/create'), fields: ['email'] },
    { method: 'POST', path: s('emailVerifications/verify'), fields: verify },
    { method: 'POST', path: s('smsVerifications/create'), fields: ['isoCountryCode', 'phoneCountryCode', 'phoneNumber'] },
    { method: 'POST', path: s('smsVerifications/verify'), fields: verify },
    { method: 'POST', path: s('users/mfa/auth/totp'), fields: ['id', 'code', 'requestedScopes'] },
    { method: 'POST', path: s('users/mfa/auth/recovery'), fields: ['code', 'requestedScopes'] },
    { method: 'POST', path: s('externalAuth/verify'), fields: ['jwt'] },
    { method: 'POST', path: fixed('protected/wallet/export'), fields: [] },
    { method: 'POST', path: fixed('protected/wallet/sign'), fields: [] },
    { method: 'POST', path: fixed('protected/credentials/link'), fields: [] },
    { method: 'POST', path: fixed('protected/credentials/unlink'), fields: [] },
    { method: 'DELETE', path: fixed('protected/user'), fields: [] },
    { method: 'GET', path: fixed('dev/users'), fields: [] },
    { method: 'POST', path: fixed('dev/session'), fields: ['userId'] },
    { method: 'GET', label: 'dev/outbox?userId={random}', path: (f) => `dev/outbox${f.chance(0.7) ? `?userId=${uriPart(f.string())}` : ''}`, fields: [] },
    { method: 'GET', label: 'dev/users/{random}/secrets', path: (f) => `dev/users/${f.chance(0.2) ? '%E0%A4%A' : uriPart(f.string() || 'x')}/secrets`, fields: [] },
    { method: 'POST', path: fixed('dev/reset'), fields: [] },
    { method: 'POST', path: fixed('dev/clock'), fields: ['advanceSeconds'] },
    { method: 'POST', path: fixed('dev/external-jwt'), fields: ['userId', 'scope', 'expiresInSeconds', 'jti'] },
    { method: 'GET', path: s('users/mfa/register/passkey'), fields: [] },
    { method: 'POST', path: s('users/mfa/register/passkey'), fields: ['id', 'rawId', 'type', 'response', 'clientExtensionResults', 'name'] },
    { method: 'GET', path: s('users/mfa/auth/passkey'), fields: [] },
    { method: 'POST', path: s('users/mfa/auth/passkey'), fields: ['id', 'rawId', 'type', 'response', 'clientExtensionResults', 'authenticatorAttachment', 'requestedScopes'] },
    { method: 'GET', path: s('nonce'), fields: [] },
    { method: 'POST', path: s('wallets/verify'), fields: ['messageToSign', 'signedMessage', 'publicWalletAddress', 'chain', 'walletName', 'walletProvider', 'requestedScopes'] },
    { method: 'POST', label: `sdk/{env}/providers/{random}/initAuth`, path: (f) => sdk(server, `providers/${f.chance(0.7) ? 'google' : uriPart(f.pick(PROVIDERS))}/initAuth`), fields: ['state', 'redirectUrl'] },
    { method: 'POST', label: `sdk/{env}/providers/{random}/verify`, path: (f) => sdk(server, `providers/${f.chance(0.7) ? 'google' : uriPart(f.pick(PROVIDERS))}/verify`), fields: ['code', 'codeVerifier', 'state', 'requestedScopes'] },
    { method: 'GET', label: 'dev/oauth/authorize?{random}', path: (f) => `dev/oauth/authorize?${f.chance(0.1) ? uriPart(f.string()) : authorizeQuery(f)}`, fields: [], html: true },
    { method: 'POST', path: fixed('dev/oauth/authorize'), fields: [...AUTHORIZE_FIELDS, 'decision'], html: true, form: true },
    { method: 'POST', path: fixed('dev/users'), fields: ['label'] },
    // What Dynamic's SDK calls besides the step-up routes.
    { method: 'GET', label: 'sdk/{env}/settings?sdkVersion={random}', path: (f) => sdk(server, `settings${f.chance(0.5) ? `?sdkVersion=${uriPart(f.string())}` : ''}`), fields: [] },
    { method: 'GET', label: 'sdk/{env}/nonces?count={random}', path: (f) => sdk(server, `nonces${f.chance(0.8) ? `?count=${uriPart(f.chance(0.5) ? String(f.int(8)) : f.string())}` : ''}`), fields: [] },
    { method: 'POST', path: s('externalAuth/signin'), fields: ['jwt', 'sessionPublicKey'] },
    { method: 'GET', path: s('users'), fields: [] },
    { method: 'POST', path: s('revoke'), fields: [] },
    { method: 'GET', label: 'sdk/{env}/users/passkeys/authenticate?relatedOriginRpId={random}', path: (f) => sdk(server, `users/passkeys/authenticate${f.chance(0.3) ? `?relatedOriginRpId=${uriPart(f.chance(0.5) ? 'localhost' : f.string())}` : ''}`), fields: [] },
  ];
}

const AUTHORIZE_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];

/** A query string where each parameter is usually there and usually plausible. */
function authorizeQuery(f: Fuzzer): string {
  const params = new URLSearchParams();
  for (const field of AUTHORIZE_FIELDS) {
    if (f.chance(0.95)) params.append(field, String(f.fitting(field)));
    if (f.chance(0.02)) params.append(field, String(f.typed(field)));
  }
  return params.toString();
}

/** Header values are bytes on the wire: keep the printable ASCII part of a random string. */
const headerSafe = (value: string): string => value.replace(/[^\x20-\x7e]/g, '').trim();

/** One random request: headers and body for `endpoint`. */
function randomRequest(f: Fuzzer, endpoint: Endpoint, sessions: string[], elevated: string[]) {
  const headers: Record<string, string> = {};
  const auth = f.int(10);
  if (auth < 7) headers.authorization = `Bearer ${f.pick(sessions)}`;
  else if (auth < 9) headers.authorization = headerSafe(f.pick(['Bearer', 'Bearer ', `Bearer ${f.string()}`, f.string(), 'Basic Ym9iOmJvYg==']));
  if (f.chance(0.5)) headers['x-dyn-elevated-access-token'] = f.chance(0.5) ? f.pick(elevated) : headerSafe(f.string());
  // Mostly the demo page's origin, so requests get past the dev-mode site checks.
  if (f.chance(0.85)) headers.origin = f.chance(0.6) ? 'http://localhost:5173' : f.chance(0.8) ? f.pick(ORIGINS) : headerSafe(f.string());

  let body: string | undefined;
  if (endpoint.method !== 'GET') {
    const shaped = () =>
      Object.fromEntries(endpoint.fields.filter(() => f.chance(0.85)).map((k) => [k, f.chance(0.6) ? f.typed(k) : f.value()]));
    const fitting = () => Object.fromEntries(endpoint.fields.filter(() => f.chance(0.97)).map((k) => [k, f.fitting(k)]));
    if (endpoint.form && f.chance(0.6)) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(f.chance(0.5) ? fitting() : shaped())) form.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
      if (f.chance(0.05)) form.append('state', String(f.typed('state')));
      headers['content-type'] = f.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8', 'text/plain']);
      return { headers, body: form.toString() };
    }
    switch (f.int(8)) {
      case 0: body = JSON.stringify(f.value()); headers['content-type'] = 'application/json'; break;
      case 5: body = JSON.stringify(shaped()); headers['content-type'] = 'application/json'; break;
      case 6: case 7: body = JSON.stringify(fitting()); headers['content-type'] = 'application/json'; break;
      case 1: body = JSON.stringify(shaped()); headers['content-type'] = f.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']); break;
      case 2: { const text = JSON.stringify(shaped()); body = text.slice(0, f.int(text.length)) + f.pick(['', '}', ',', '"', '\\']); headers['content-type'] = 'application/json'; break; }
      case 3: { body = JSON.stringify(shaped()); const ct = f.pick(WRONG_CONTENT_TYPES); if (ct !== undefined) headers['content-type'] = ct; break; }
      default: body = `{"__proto__":${JSON.stringify(f.value())},"constructor":{"prototype":{"polluted":true}},"${f.pick(endpoint.fields.concat('x'))}":${JSON.stringify(f.value())}}`; headers['content-type'] = 'application/json';
    }
  }
  return { headers, body };
}

function assertWellFormed(label: string, status: number, headers: Headers, text: string): void {
  assert.ok(status < 500, `${label}: status ${status} ${text.slice(0, 300)}`);
  assert.match(headers.get('content-type') ?? '', /^application\/json/, `${label}: JSON content type`);
  const body = JSON.parse(text);
  if (status >= 400) {
    assertDynamicErrorModel(status, body, label);
    if (body.payload?.retryAfter !== undefined) assert.equal(headers.get('retry-after'), String(body.payload.retryAfter), label);
  }
}

/** The development OAuth provider answers pages: 200/400 HTML, or a redirect to the registered URL only. */
function assertWellFormedPage(label: string, status: number, headers: Headers, text: string): void {
  if (/^application\/json/.test(headers.get('content-type') ?? '')) return assertWellFormed(label, status, headers, text);
  assert.ok(status < 500, `${label}: status ${status} ${text.slice(0, 300)}`);
  assert.equal(headers.get('cache-control'), 'no-store', `${label}: not cacheable`);
  if (status === 302) {
    assert.ok((headers.get('location') ?? '').startsWith(`${REDIRECT}?`), `${label}: redirect to ${headers.get('location')}`);
    return;
  }
  assert.ok(status === 200 || status === 400, `${label}: status ${status}`);
  assert.match(headers.get('content-type') ?? '', /^text\/html/, `${label}: HTML content type`);
  assert.match(text, /^<!doctype html>\n<html lang="en">/, label);
}

/** Real challenges, nonces, states and codes, so fuzzed requests reach past validation. */
async function fixtures(server: ReferenceServer, [alice, bob]: string[]) {
  const origin = 'http://localhost:5173';
  const linkToken = await elevatedTokenFor(server, 'alice', 'credential:link');
  const sdkCall = (method: string, path: string, jwt: string | undefined, body?: unknown) =>
    call(server, method, sdk(server, path), { jwt, body, headers: { origin, [ELEVATED_TOKEN_HEADER]: linkToken } });

  const authenticator = new SoftAuthenticator(origin);
  const registration = (await sdkCall('GET', 'users/mfa/register/passkey', alice)).body;
  await sdkCall('POST', 'users/mfa/register/passkey', alice, authenticator.register(registration));
  const assertion = authenticator.authenticate((await sdkCall('GET', 'users/mfa/auth/passkey', alice)).body);
  const pendingRegistration = authenticator.register((await sdkCall('GET', 'users/mfa/register/passkey', alice)).body);

  const { walletPrivateKey } = await devSecrets(server, 'bob');
  const wallet = privateKeyToAccount(walletPrivateKey);
  const nonce = (await sdkCall('GET', 'nonce', bob)).body.nonce;
  const messageToSign = createSiweMessage({
    address: wallet.address, chainId: 1, domain: 'localhost:5173', uri: origin, version: '1', nonce, issuedAt: new Date(START_MS),
  });

  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
  await sdkCall('POST', 'providers/google/initAuth', bob, { state, redirectUrl: REDIRECT });
  const form = { response_type: 'code', client_id: 'step-up-kit-dev', redirect_uri: REDIRECT, scope: 'openid email', state, code_challenge: codeChallenge, code_challenge_method: 'S256', decision: 'allow' };
  const consent = await server.fetch(new Request(`http://localhost${server.basePath}/dev/oauth/authorize`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
  }));
  const code = new URL(consent.headers.get('location') ?? REDIRECT).searchParams.get('code') ?? '';

  const byField: Record<string, unknown[]> = {
    id: [assertion.id, pendingRegistration.id], rawId: [assertion.rawId, pendingRegistration.rawId], type: ['public-key'],
    response: [assertion.response, pendingRegistration.response], clientExtensionResults: [{}], name: ['My key', ''],
    authenticatorAttachment: ['platform', null],
    messageToSign: [messageToSign], signedMessage: [await wallet.signMessage({ message: messageToSign })],
    publicWalletAddress: [wallet.address], chain: ['EVM', 'SOL'], walletName: ['Demo Wallet'], walletProvider: ['browserExtension', 'embeddedWallet'],
    state: [state, randomBytes(32).toString('base64url')], redirectUrl: [REDIRECT, 'https://evil.example/cb'], redirect_uri: [REDIRECT],
    response_type: ['code', 'token'], client_id: ['step-up-kit-dev'], scope: ['openid email'], code_challenge: [codeChallenge],
    code_challenge_method: ['S256', 'plain'], decision: ['allow', 'deny'], code: [code], codeVerifier: [verifier],
    jwt: [(await call(server, 'POST', 'dev/external-jwt', { body: { userId: 'bob' } })).body.jwt], sessionPublicKey: [`02${'ab'.repeat(32)}`],
  };
  return { byField, plausible: [nonce, state, code, verifier, assertion.id, REDIRECT, wallet.address] };
}

describe('robustness', () => {
  const probe = createTestServer().server;
  endpoints(probe).forEach((endpoint, index) => {
    const name = `${endpoint.method} ${endpoint.label ?? endpoint.path(new Fuzzer(0, ['x']))}`.replace(probe.environmentId, '{env}');
    const answers = endpoint.html ? 'a page or a redirect to the registered URL' : 'JSON';
    it(`${name} answers ${RUNS_PER_ENDPOINT} random requests with ${answers} and never a 5xx`, async () => {
      const t = createTestServer();
      const { server } = t;
      const sessions = [await signIn(server, 'alice'), await signIn(server, 'bob')];
      const aliceSecrets = await devSecrets(server, 'alice');
      const sent = await call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt: sessions[1], body: { email: 'bob@example.com' } });
      const assertion = await call(server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export wallet:sign' } });
      const exchanged = await call(server, 'POST', sdk(server, 'externalAuth/verify'), { jwt: sessions[1], body: { jwt: assertion.body.jwt } });
      const linkToken = await elevatedTokenFor(server, 'alice', 'credential:link');
      const elevated = [exchanged.body.elevatedAccessToken, linkToken, assertion.body.jwt, sessions[0] ?? ''];
      const more = await fixtures(server, sessions);
      const plausible = [
        sent.body.verificationUUID, aliceSecrets.recoveryCodes[0], 'wallet:export', ['wallet:export'], ['wallet:sign', 'wallet:export'],
        assertion.body.jwt, exchanged.body.elevatedAccessToken, 'alice', 'bob', 'alice-totp', 30, 'US', '+1', '202-555-0123', ...more.plausible,
      ];
      const f = new Fuzzer(0x5eed + index, plausible, more.byField);
      const check = endpoint.html ? assertWellFormedPage : assertWellFormed;
      for (let i = 0; i < RUNS_PER_ENDPOINT; i++) {
        const path = `${server.basePath}/${endpoint.path(f)}`;
        const { headers, body } = randomRequest(f, endpoint, sessions, elevated);
        const response = await server.fetch(new Request(`http://localhost${path}`, { method: endpoint.method, headers, body }));
        check(`#${i} ${endpoint.method} ${path} ${body?.slice(0, 200)}`, response.status, response.headers, await response.text());
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });
  });

  it('answers other methods, unknown paths and odd URLs with JSON 404 (the provider pages with a page)', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const f = new Fuzzer(7, ['x']);
    const paths = [
      ...endpoints(server).map((e) => ({ path: e.path(f), html: e.html })),
      ...['nothing', 'sdk', `sdk/${server.environmentId}`, 'sdk/%E0%A4%A/stepUp/check', 'dev/users/%/secrets', 'protected', '..%2F..%2Fetc',
        'dev/oauth', 'dev/oauth/authorize/x', `sdk/${server.environmentId}/providers/google`].map((path) => ({ path, html: false })),
    ];
    for (const { path, html } of paths) {
      for (const method of ['PUT', 'PATCH', 'OPTIONS', 'GET', 'POST']) {
        const response = await server.fetch(new Request(`http://localhost${server.basePath}/${path}`, {
          method,
          headers: { authorization: `Bearer ${jwt}`, accept: 'text/html' },
        }));
        const check = html && (method === 'GET' || method === 'POST') ? assertWellFormedPage : assertWellFormed;
        check(`${method} ${path}`, response.status, response.headers, await response.text());
      }
    }
    const outside = await server.fetch(new Request('http://localhost/index.html', { headers: { accept: 'text/html' } }));
    assertWellFormed('outside the base path', outside.status, outside.headers, await outside.text());
    assert.equal(outside.status, 404);
  });

  it('refuses a body sent with any other content type than JSON on every JSON endpoint, with 400 JSON', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const bodied = endpoints(server).filter((e) => e.method === 'POST' && !e.html && e.fields.length > 0);
    assert.ok(bodied.length >= 15, 'every endpoint that reads a body');
    const f = new Fuzzer(11, ['x']);
    for (const endpoint of bodied) {
      const route = endpoint.label?.replace('{env}', server.environmentId).replace('{random}', 'google') ?? endpoint.path(f);
      const path = `${server.basePath}/${route}`;
      const text = JSON.stringify(Object.fromEntries(endpoint.fields.map((k) => [k, 'x'])));
      for (const contentType of WRONG_CONTENT_TYPES) {
        const headers: Record<string, string> = { authorization: `Bearer ${jwt}`, origin: 'http://localhost:5173' };
        if (contentType !== undefined) headers['content-type'] = contentType;
        const response = await server.fetch(new Request(`http://localhost${path}`, { method: 'POST', headers, body: text }));
        const label = `POST ${path} as ${contentType ?? 'no content type'}`;
        const answer = await response.text();
        assertWellFormed(label, response.status, response.headers, answer);
        assert.equal(response.status, 400, `${label}: ${answer}`);
        assert.equal(JSON.parse(answer).code, 'invalid_request', label);
      }
    }
  });

  it('answers an unexpected failure with a JSON server_error and no details', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const { server } = createTestServer();
    server.app.get(`${server.basePath}/boom`, () => {
      throw new Error('secret internal detail');
    });
    const response = await server.fetch(new Request(`http://localhost${server.basePath}/boom`));
    const text = await response.text();
    assert.equal(response.status, 500);
    assert.equal(JSON.parse(text).code, 'server_error');
    assert.ok(!text.includes('secret internal detail') && !text.includes('.ts:'), 'no message or stack in the answer');
    assert.equal(logged.mock.callCount(), 1, 'the details go to the server log');
  });

  it('refuses an oversized body with 413 payload_too_large', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'x'.repeat(100_000) } });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 'payload_too_large');
  });
});

describe('CORS', () => {
  const origin = 'http://localhost:5173';

  it('answers a preflight from an allowed origin with the headers step-up needs', async () => {
    const { server } = createTestServer({ corsOrigins: [origin] });
    const response = await server.fetch(new Request(`http://localhost${server.basePath}/${sdk(server, 'stepUp/check')}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-dyn-elevated-access-token' },
    }));
    assert.ok(response.status < 300);
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-dyn-elevated-access-token']) assert.ok(allowed.includes(header), header);
  });

  it('marks error answers for an allowed origin and exposes Retry-After', async () => {
    const { server } = createTestServer({ corsOrigins: [origin] });
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { body: { scope: 'wallet:export' }, headers: { origin } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
  });

  it('allows no other origin, and none at all by default', async () => {
    const allowOne = createTestServer({ corsOrigins: [origin] }).server;
    const res = await call(allowOne, 'GET', 'dev/users', { headers: { origin: 'https://evil.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const byDefault = createTestServer().server;
    assert.equal((await call(byDefault, 'GET', 'dev/users', { headers: { origin } })).headers.get('access-control-allow-origin'), null);
  });
});
