// The server kit on an app's own API: tokens minted by a step-up server running on its own port,
// checked by another app through the published JWKS over real HTTP — with the Hono middleware
// and the Fetch handler wrapper — and refused the RFC 9470 way.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { serve, type ServerType } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyRequest } from 'fastify';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { Hono, type Context } from 'hono';
import { SignJWT } from 'jose';
import { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
import { requireElevation as requireElevationExpress } from './kit/express.js';
import { requireElevation as requireElevationFastify } from './kit/fastify.js';
import { requireElevation as requireElevationFetch } from './kit/fetch.js';
import { requireElevation, type ElevationEnv } from './kit/hono.js';
import type { RequireElevationOptions } from './kit/refusal.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from './kit/verify-elevation.js';
import { createMemoryStore } from './stores/step-up-store.js';
import { call, elevatedTokenFor, TEST_SIGNING_KEY } from './test-helpers.js';

/** Spent ids kept by the app, as one instance would keep them in memory. */
function memorySpends() {
  const spent = new Set<string>();
  return (jti: string) => {
    if (spent.has(jti)) return false;
    spent.add(jti);
    return true;
  };
}

describe('the server kit on an app\'s API', () => {
  let stepUp: ReferenceServer;
  let http: ServerType;
  let jwksUrl: URL;

  before(async () => {
    stepUp = createReferenceServer({ devMode: true, signingKey: TEST_SIGNING_KEY });
    http = serve({ fetch: stepUp.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => http.once('listening', resolve));
    jwksUrl = new URL(`http://127.0.0.1:${(http.address() as AddressInfo).port}${stepUp.basePath}/.well-known/jwks.json`);
  });
  after(() => new Promise<void>((resolve) => http.close(() => resolve())));

  /**
   * The app knows its user from its own session; here, a header its own auth would have set,
   * read the way each framework reads headers.
   */
  const options = (overrides: Partial<RequireElevationOptions<Request>> = {}): RequireElevationOptions<Request> => ({
    keys: jwksUrl,
    issuer: 'step-up-kit',
    audience: stepUp.environmentId,
    getUserId: (request) => request.headers.get('x-app-user'),
    spendOnce: memorySpends(),
    ...overrides,
  });
  const forHono = (opts: RequireElevationOptions<Request>): RequireElevationOptions<Context> => ({ ...opts, getUserId: (c) => opts.getUserId(c.req.raw) });

  function honoApp(opts: RequireElevationOptions) {
    const app = new Hono<ElevationEnv>();
    app.post('/export', requireElevation('wallet:export', forHono(opts)), (c) => c.json({ exportedFor: c.var.elevation.sub, jti: c.var.elevation.jti }));
    app.post('/sign', requireElevation('wallet:sign', { ...forHono(opts), maxAge: 300, acrValues: 'phr' }), (c) => c.json({ signed: true }));
    return app;
  }
  const send = async (app: { request: Hono['request'] } | ((request: Request) => Promise<Response>), path: string, user: string, token?: string) => {
    const init = { method: 'POST', headers: { 'x-app-user': user, ...(token && { [ELEVATED_TOKEN_HEADER]: token }) } };
    return typeof app === 'function' ? app(new Request(`https://app.example${path}`, init)) : await app.request(path, init);
  };

  it('Hono: passes a live token of the scope for the signed-in user, with its claims; a single-use one once', async () => {
    const app = new Hono<ElevationEnv>();
    app.post('/export', requireElevation('wallet:export', forHono(options())), (c) => c.json(c.var.elevation));
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const first = await send(app, '/export', 'bob', token);
    assert.equal(first.status, 200);
    const claims = await first.json();
    const { iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.deepEqual({ ...claims, jti: undefined, exp: undefined }, {
      sub: 'bob', scopes: ['wallet:export'], singleUse: true, jti: undefined, exp: undefined, auth_time: iat, amr: ['ext'],
    });
    const again = await send(app, '/export', 'bob', token);
    assert.equal(again.status, 401);
    assert.equal((await again.json()).payload.reason, 'used');
  });

  it('refuses the RFC 9470 way: 401, the challenge with the scope (and max_age, acr_values when set), the wire body', async () => {
    const app = honoApp(options());
    const missing = await send(app, '/sign', 'bob');
    assert.equal(missing.status, 401);
    assert.equal(
      missing.headers.get('www-authenticate'),
      'Bearer error="insufficient_user_authentication", error_description="This action needs you to confirm your identity first.", scope="wallet:sign", max_age=300, acr_values="phr"',
    );
    assert.deepEqual(await missing.json(), {
      error: 'This action needs you to confirm your identity first.',
      code: 'step_up_required',
      payload: { scope: 'wallet:sign', reason: 'missing' },
    });
    const reasons = async (user: string, token: string) => (await (await send(app, '/export', user, token)).json()).payload.reason;
    assert.equal(await reasons('bob', await elevatedTokenFor(stepUp, 'bob', 'wallet:sign')), 'wrong_scope');
    assert.equal(await reasons('mallory', await elevatedTokenFor(stepUp, 'bob', 'wallet:export')), 'wrong_user');
    assert.equal(await reasons('bob', 'not.a.token'), 'invalid');
  });

  it('refuses a token with an unknown kid or from another key under the right kid', async () => {
    const genuine = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const header = JSON.parse(Buffer.from(genuine.split('.')[0]!, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString());
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const unknownKid = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'not-a-published-key' }).sign(privateKey);
    const borrowedKid = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: header.kid }).sign(privateKey);
    for (const token of [unknownKid, borrowedKid]) {
      assert.equal((await (await send(honoApp(options()), '/export', 'bob', token)).json()).payload.reason, 'invalid');
    }
  });

  it('refuses another issuer or audience, and a token past exp plus the allowed skew', async () => {
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    for (const opts of [options({ issuer: 'someone-else' }), options({ audience: 'another-environment' })]) {
      assert.equal((await (await send(honoApp(opts), '/export', 'bob', token)).json()).payload.reason, 'invalid');
    }
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const late = options({ now: () => (exp + DEFAULT_CLOCK_TOLERANCE_SECONDS + 1) * 1000 });
    assert.equal((await (await send(honoApp(late), '/export', 'bob', token)).json()).payload.reason, 'expired');
    const withinSkew = options({ now: () => (exp + DEFAULT_CLOCK_TOLERANCE_SECONDS - 1) * 1000 });
    assert.equal((await send(honoApp(withinSkew), '/export', 'bob', token)).status, 200);
  });

  it('a spent single-use token stays refused for as long as the check could accept it: past exp, to the end of the skew', async () => {
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    // the app's clock, and its store of spent ids forgetting them by that clock, as a real one does
    let nowMs = (exp - 60) * 1000;
    const store = createMemoryStore(() => nowMs);
    const app = honoApp(options({ now: () => nowMs, spendOnce: (jti, untilMs) => store.setOnce(`spent:${jti}`, untilMs) }));
    assert.equal((await send(app, '/export', 'bob', token)).status, 200);
    for (const secondsAfterExp of [0, 1, DEFAULT_CLOCK_TOLERANCE_SECONDS - 1]) {
      nowMs = (exp + secondsAfterExp) * 1000 + 500;
      const replay = await send(app, '/export', 'bob', token);
      assert.equal(replay.status, 401, `${secondsAfterExp} s past exp`);
      assert.equal((await replay.json()).payload.reason, 'used');
    }
    nowMs = (exp + DEFAULT_CLOCK_TOLERANCE_SECONDS) * 1000;
    assert.equal((await (await send(app, '/export', 'bob', token)).json()).payload.reason, 'expired');
  });

  it('a single-use token first used within the skew past exp is spent, not accepted again', async () => {
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    let nowMs = (exp + 1) * 1000;
    const store = createMemoryStore(() => nowMs);
    const app = honoApp(options({ now: () => nowMs, spendOnce: (jti, untilMs) => store.setOnce(`spent:${jti}`, untilMs) }));
    assert.equal((await send(app, '/export', 'bob', token)).status, 200);
    nowMs += 2000;
    assert.equal((await (await send(app, '/export', 'bob', token)).json()).payload.reason, 'used');
  });

  it('maxAge: a token whose proof is older than max_age (beyond the skew) is refused as expired, and not spent', async () => {
    const multiUse = await elevatedTokenFor(stepUp, 'bob', 'wallet:sign');
    const claims = JSON.parse(Buffer.from(multiUse.split('.')[1]!, 'base64url').toString());
    assert.equal(typeof claims.auth_time, 'number');
    const at = (secondsAfterProof: number) => options({ now: () => (claims.auth_time + secondsAfterProof) * 1000 });
    const app = (opts: RequireElevationOptions<Request>, maxAge: number) => {
      const hono = new Hono<ElevationEnv>();
      hono.post('/sign', requireElevation('wallet:sign', { ...forHono(opts), maxAge }), (c) => c.json({ signed: true }));
      return hono;
    };
    assert.equal((await send(app(at(60 + DEFAULT_CLOCK_TOLERANCE_SECONDS), 60), '/sign', 'bob', multiUse)).status, 200);
    const stale = await send(app(at(61 + DEFAULT_CLOCK_TOLERANCE_SECONDS), 60), '/sign', 'bob', multiUse);
    assert.equal(stale.status, 401);
    assert.match(stale.headers.get('www-authenticate') ?? '', /scope="wallet:sign", max_age=60$/);
    assert.equal((await stale.json()).payload.reason, 'expired');
    assert.equal((await send(app(at(61 + DEFAULT_CLOCK_TOLERANCE_SECONDS), 120), '/sign', 'bob', multiUse)).status, 200);

    // a single-use token refused for its age is left unspent: a route without max_age still takes it once
    const singleUse = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const { auth_time: provedAt } = JSON.parse(Buffer.from(singleUse.split('.')[1]!, 'base64url').toString());
    const spendOnce = memorySpends();
    const later = options({ now: () => (provedAt + 120) * 1000, spendOnce });
    const strict = new Hono<ElevationEnv>();
    strict.post('/export', requireElevation('wallet:export', { ...forHono(later), maxAge: 30 }), (c) => c.json({ ok: true }));
    assert.equal((await (await send(strict, '/export', 'bob', singleUse)).json()).payload.reason, 'expired');
    assert.equal((await send(honoApp(later), '/export', 'bob', singleUse)).status, 200);
  });

  it('acrValues: only a token whose acr is one of them passes; the reference backend\'s tokens, which carry none, are refused', async () => {
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:sign');
    const refused = await send(honoApp(options()), '/sign', 'bob', token);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /acr_values="phr"$/);
    assert.deepEqual((await refused.json()).payload, { scope: 'wallet:sign', reason: 'wrong_method' });

    // a step-up server that says how: tokens signed with a key the app trusts, with and without `acr: 'phr'`
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'acr-test', alg: 'ES256' };
    const claims = { ...JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()), jti: crypto.randomUUID() };
    const sign = (extra: object) => new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg: 'ES256', kid: 'acr-test' }).sign(privateKey);
    const withKeys = honoApp(options({ keys: { keys: [jwk] } }));
    assert.equal((await send(withKeys, '/sign', 'bob', await sign({ acr: 'phr' }))).status, 200);
    assert.equal((await (await send(withKeys, '/sign', 'bob', await sign({ acr: 'pwd' }))).json()).payload.reason, 'wrong_method');
  });

  it('Fetch handlers (Next.js and the like): the same check around a plain handler', async () => {
    const handler = requireElevationFetch('wallet:export', options(), (_request, elevation) => Response.json({ scopes: elevation.scopes }));
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export wallet:sign');
    const ok = await send(handler, '/export', 'bob', token);
    assert.deepEqual(await ok.json(), { scopes: ['wallet:export', 'wallet:sign'] });
    const refused = await send(handler, '/export', 'bob', token);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /scope="wallet:export"/);
  });

  it('spends a single-use token once under 20 parallel uses', async () => {
    const app = honoApp(options());
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const statuses = await Promise.all(Array.from({ length: 20 }, () => send(app, '/export', 'bob', token).then((r) => r.status)));
    assert.deepEqual(statuses.sort(), [200, ...Array(19).fill(401)]);
  });

  it('fails closed: keys that cannot be fetched refuse (one log line); a store that is down answers 503 and accepts nothing', async () => {
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const unreachable = options({ keys: new URL('http://127.0.0.1:9/.well-known/jwks.json') });
      const res = await send(honoApp(unreachable), '/export', 'bob', token);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).payload.reason, 'invalid');
      assert.equal(logged.length, 1);
      assert.match(String(logged[0]), /keys could not be fetched/);

      const storeDown = options({ spendOnce: () => Promise.reject(new Error('connection refused')) });
      const down = await send(honoApp(storeDown), '/export', 'bob', token);
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('www-authenticate'), null);
      assert.deepEqual(await down.json(), {
        error: 'Confirmations cannot be checked right now. Try again in a moment.',
        code: 'step_up_unavailable',
        payload: { scope: 'wallet:export', reason: 'unavailable' },
      });
    } finally {
      console.error = original;
    }
  });

  it('the step-up server publishes the key the app verifies with', async () => {
    const jwks = await call(stepUp, 'GET', '.well-known/jwks.json');
    const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
    const { kid } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    assert.deepEqual(jwks.body.keys.map((k: { kid: string }) => k.kid), [kid]);
  });

  describe('Express and Fastify, each served on its own port', () => {
    const apps: Array<() => Promise<void>> = [];
    after(async () => {
      for (const close of apps) await close();
    });

    async function expressApp(spendOnce: RequireElevationOptions['spendOnce'] = memorySpends()) {
      const app = express();
      const opts = { ...options({ spendOnce }), getUserId: (req: express.Request) => req.get('x-app-user') };
      app.post('/export', requireElevationExpress('wallet:export', opts), (_req, res) => {
        res.json({ exportedFor: res.locals.elevation.sub });
      });
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      apps.push(() => new Promise((resolve) => server.close(() => resolve())));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    async function fastifyApp(spendOnce: RequireElevationOptions['spendOnce'] = memorySpends()) {
      const app = Fastify();
      const opts = { ...options({ spendOnce }), getUserId: (request: FastifyRequest) => request.headers['x-app-user'] as string | undefined };
      app.post('/export', { preHandler: requireElevationFastify('wallet:export', opts) }, async (request) => ({ exportedFor: request.elevation?.sub }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(() => app.close());
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }

    const post = (base: string, user: string, token?: string) =>
      fetch(`${base}/export`, { method: 'POST', headers: { 'x-app-user': user, ...(token && { [ELEVATED_TOKEN_HEADER]: token }) } });

    for (const [name, start] of [['Express', expressApp], ['Fastify', fastifyApp]] as const) {
      it(`${name}: a token of the scope passes once; missing, used and wrong-user tokens get the RFC 9470 refusal; a store that is down, 503`, async () => {
        const base = await start();
        const token = await elevatedTokenFor(stepUp, 'bob', 'wallet:export');
        const ok = await post(base, 'bob', token);
        assert.equal(ok.status, 200);
        assert.deepEqual(await ok.json(), { exportedFor: 'bob' });
        for (const [user, presented, reason] of [['bob', token, 'used'], ['bob', undefined, 'missing'], ['mallory', await elevatedTokenFor(stepUp, 'bob', 'wallet:export'), 'wrong_user']] as const) {
          const refused = await post(base, user, presented);
          assert.equal(refused.status, 401, `${reason}`);
          assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_user_authentication", .*scope="wallet:export"$/);
          assert.deepEqual((await refused.json()).payload, { scope: 'wallet:export', reason });
        }
        const down = await post(await start(() => Promise.reject(new Error('connection refused'))), 'bob', await elevatedTokenFor(stepUp, 'bob', 'wallet:export'));
        assert.equal(down.status, 503);
        assert.equal((await down.json()).code, 'step_up_unavailable');
      });
    }
  });
});
