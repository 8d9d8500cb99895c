// Random and hostile input never reaches the 500 handler, and every answer is JSON.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceServer } from './create-reference-server.js';
import { call, createTestServer, devSecrets, sdk, signIn } from './test-helpers.js';

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
  constructor(seed: number, private readonly plausible: readonly unknown[]) {
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
    if (field === 'requestedScopes') return Array.from({ length: 1 + this.int(2) }, () => this.pick(KNOWN_SCOPES));
    if (field === 'advanceSeconds' || field === 'expiresInSeconds') return this.chance(0.5) ? this.int(1000) : this.pick(NUMBERS);
    const strings = this.plausible.filter((v): v is string => typeof v === 'string');
    return this.chance(0.7) ? this.pick(strings) : this.chance(0.5) ? String(this.int(1_000_000)).padStart(6, '0') : this.string();
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
  'phoneCountryCode', 'phoneNumber', 'userId', 'advanceSeconds', 'expiresInSeconds', 'jti', '__proto__', 'constructor'];
const WRONG_CONTENT_TYPES = [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html',
  'application/jsonx', 'json', 'application/xml', ''];

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** For the test name when the path is random. */
  label?: string;
  /** Built per request, so parameters in the path and query are fuzzed too. */
  path(f: Fuzzer): string;
  fields: string[];
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
  ];
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

  let body: string | undefined;
  if (endpoint.method !== 'GET') {
    const shaped = () =>
      Object.fromEntries(endpoint.fields.filter(() => f.chance(0.85)).map((k) => [k, f.chance(0.6) ? f.typed(k) : f.value()]));
    switch (f.int(6)) {
      case 0: body = JSON.stringify(f.value()); headers['content-type'] = 'application/json'; break;
      case 5: body = JSON.stringify(shaped()); headers['content-type'] = 'application/json'; break;
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
    assert.deepEqual(Object.keys(body), ['error'], `${label}: only an error object`);
    assert.equal(typeof body.error.code, 'string', label);
    assert.equal(typeof body.error.message, 'string', label);
    for (const key of Object.keys(body.error)) assert.ok(['code', 'message', 'retryAfter'].includes(key), `${label}: no ${key}`);
    if (body.error.retryAfter !== undefined) assert.equal(headers.get('retry-after'), String(body.error.retryAfter), label);
  }
}

describe('robustness', () => {
  const probe = createTestServer().server;
  endpoints(probe).forEach((endpoint, index) => {
    const name = `${endpoint.method} ${endpoint.label ?? endpoint.path(new Fuzzer(0, ['x']))}`.replace(probe.environmentId, '{env}');
    it(`${name} answers ${RUNS_PER_ENDPOINT} random requests with JSON and never a 5xx`, async () => {
      const t = createTestServer();
      const { server } = t;
      const sessions = [await signIn(server, 'alice'), await signIn(server, 'bob')];
      const aliceSecrets = await devSecrets(server, 'alice');
      const sent = await call(server, 'POST', sdk(server, 'emailVerifications/create'), { jwt: sessions[1], body: { email: 'bob@example.com' } });
      const assertion = await call(server, 'POST', 'dev/external-jwt', { body: { userId: 'bob', scope: 'wallet:export wallet:sign' } });
      const exchanged = await call(server, 'POST', sdk(server, 'externalAuth/verify'), { jwt: sessions[1], body: { jwt: assertion.body.jwt } });
      const elevated = [exchanged.body.elevatedAccessToken, assertion.body.jwt, sessions[0] ?? ''];
      const plausible = [
        sent.body.verificationUUID, aliceSecrets.recoveryCodes[0], 'wallet:export', ['wallet:export'], ['wallet:sign', 'wallet:export'],
        assertion.body.jwt, exchanged.body.elevatedAccessToken, 'alice', 'bob', 'alice-totp', 30, 'US', '+1', '202-555-0123',
      ];
      const f = new Fuzzer(0x5eed + index, plausible);
      for (let i = 0; i < RUNS_PER_ENDPOINT; i++) {
        const path = `${server.basePath}/${endpoint.path(f)}`;
        const { headers, body } = randomRequest(f, endpoint, sessions, elevated);
        const response = await server.fetch(new Request(`http://localhost${path}`, { method: endpoint.method, headers, body }));
        assertWellFormed(`#${i} ${endpoint.method} ${path} ${body?.slice(0, 200)}`, response.status, response.headers, await response.text());
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    });
  });

  it('answers other methods, unknown paths and odd URLs with JSON 404', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const f = new Fuzzer(7, ['x']);
    const paths = [
      ...endpoints(server).map((e) => e.path(f)),
      'nothing', 'sdk', `sdk/${server.environmentId}`, 'sdk/%E0%A4%A/stepUp/check', 'dev/users/%/secrets', 'protected', '..%2F..%2Fetc',
    ];
    for (const path of paths) {
      for (const method of ['PUT', 'PATCH', 'OPTIONS', 'GET', 'POST']) {
        const response = await server.fetch(new Request(`http://localhost${server.basePath}/${path}`, {
          method,
          headers: { authorization: `Bearer ${jwt}`, accept: 'text/html' },
        }));
        assertWellFormed(`${method} ${path}`, response.status, response.headers, await response.text());
      }
    }
    const outside = await server.fetch(new Request('http://localhost/index.html', { headers: { accept: 'text/html' } }));
    assertWellFormed('outside the base path', outside.status, outside.headers, await outside.text());
    assert.equal(outside.status, 404);
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
    assert.equal(JSON.parse(text).error.code, 'server_error');
    assert.ok(!text.includes('secret internal detail') && !text.includes('.ts:'), 'no message or stack in the answer');
    assert.equal(logged.mock.callCount(), 1, 'the details go to the server log');
  });

  it('refuses an oversized body with 413 payload_too_large', async () => {
    const { server } = createTestServer();
    const jwt = await signIn(server, 'bob');
    const res = await call(server, 'POST', sdk(server, 'stepUp/check'), { jwt, body: { scope: 'x'.repeat(100_000) } });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'payload_too_large');
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
