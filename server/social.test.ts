import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createApp } from './create-reference-server.js';
import type { OAuthCodeRecord, OAuthStateRecord } from './oauth-records.js';
import { createServerContext, type ReferenceServerOptions, type ServerContext } from './server-context.js';
import { createMemoryUserDirectory } from './user-directory.js';
import { credentialsOf } from './users.js';
import { assertError, call, claimsOf, signIn, TestClock, TEST_SIGNING_KEY } from './test-helpers.js';
import { assertVerifyResponse } from './test-support/dynamic-sdk-models.js';

/** Rewrites a record the shared store holds, as someone with write access to the store could (the attack under test). */
async function tamperWith<T>(ctx: ServerContext, key: string, change: (record: T) => T): Promise<void> {
  const raw = await ctx.sharedStore.get(key);
  assert.ok(raw, `nothing stored under ${key}`);
  await ctx.sharedStore.put(key, JSON.stringify(change(JSON.parse(raw) as T)), ctx.now() + 60_000);
}

const REDIRECT = 'http://localhost:5173/oauth-callback?from=step-up';
const SCOPES = ['credential:link'];
const AUTHORIZE = '/api/v0/dev/oauth/authorize';

const random = () => randomBytes(32).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

interface Page {
  status: number;
  headers: Headers;
  text: string;
}

async function page(app: ReturnType<typeof createApp>, path: string, init?: RequestInit): Promise<Page> {
  const response = await app.request(path, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const unescape = (value: string) => value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** What a browser submits: the hidden inputs of the consent page's form. */
function formOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(match[1] ?? '')] = unescape(match[2] ?? '');
  }
  return fields;
}

function assertRefusedPage(p: Page): void {
  assert.equal(p.status, 400, p.text.slice(0, 300));
  assert.match(p.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(p.headers.get('location'), null, 'never a redirect');
  assert.equal(p.headers.get('cache-control'), 'no-store');
  assert.match(p.text, /<h1>Dev sign-in provider<\/h1>/);
}

async function harness(userId = 'bob', options: ReferenceServerOptions = {}) {
  const clock = new TestClock();
  const ctx = createServerContext({ devMode: true, now: clock.now, ...options });
  const server = { app: createApp(ctx), basePath: ctx.basePath };
  const jwt = await signIn(server, userId);
  const sdk = (path: string) => `sdk/${ctx.environmentId}/${path}`;
  const verifier = random();

  const initAuth = (body: unknown, provider = 'google') => call(server, 'POST', sdk(`providers/${provider}/initAuth`), { jwt, body });
  /** initAuth, then the authorization request the client builds from its answer. */
  const start = async (redirectUrl = REDIRECT, state = random()) => {
    const res = await initAuth({ state, redirectUrl });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const params = {
      response_type: 'code',
      client_id: res.body.clientId,
      redirect_uri: redirectUrl,
      scope: res.body.scope,
      state,
      code_challenge: challengeOf(verifier),
      code_challenge_method: 'S256',
    };
    return { state, params, answer: res.body };
  };
  const show = (params: Record<string, string>) => page(server.app, `${AUTHORIZE}?${new URLSearchParams(params)}`);
  const decide = (fields: Record<string, string>, decision = 'allow') =>
    page(server.app, AUTHORIZE, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, decision }).toString(),
    });
  /** Start, consent on the page, and return what the redirect carried. */
  const consent = async () => {
    const { state, params } = await start();
    const shown = await show(params);
    assert.equal(shown.status, 200, shown.text);
    const redirect = await decide(formOf(shown.text));
    assert.equal(redirect.status, 302, redirect.text);
    const location = new URL(redirect.headers.get('location') ?? '');
    return { state, params, code: location.searchParams.get('code') ?? '', location };
  };
  const verify = (body: Record<string, unknown>, provider = 'google') =>
    call(server, 'POST', sdk(`providers/${provider}/verify`), { jwt, body: { codeVerifier: verifier, requestedScopes: SCOPES, ...body } });
  return { ctx, clock, server, jwt, verifier, initAuth, start, show, decide, consent, verify };
}

describe('social re-login', () => {
  it('runs the whole flow: initAuth, consent page, allow, redirect with code and state, verify', async () => {
    const h = await harness();
    const { state, params, answer } = await h.start();
    assert.deepEqual(answer, { authorizationEndpoint: `http://localhost${AUTHORIZE}`, clientId: 'step-up-kit-dev', scope: 'openid email' });

    const shown = await h.show(params);
    assert.equal(shown.status, 200);
    assert.match(shown.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(shown.headers.get('cache-control'), 'no-store');
    assert.match(shown.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    assert.match(shown.text, /<html lang="en">/);
    assert.match(shown.text, /<title>[^<]+<\/title>/);
    assert.match(shown.text, /<main>[\s\S]*<h1>Dev sign-in provider<\/h1>[\s\S]*<\/main>/);
    assert.match(shown.text, /Continue to step-up-kit as <strong>bob\.demo@gmail\.com<\/strong>/);
    assert.match(shown.text, /<form method="post" action="\/api\/v0\/dev\/oauth\/authorize">/);
    assert.match(shown.text, /<button type="submit" name="decision" value="allow" autofocus>Continue<\/button>/);
    assert.match(shown.text, /<button type="submit" name="decision" value="deny">Cancel<\/button>/);
    assert.deepEqual(formOf(shown.text), params);

    const redirect = await h.decide(formOf(shown.text));
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('cache-control'), 'no-store');
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, 'http://localhost:5173/oauth-callback');
    assert.equal(location.searchParams.get('from'), 'step-up', 'the redirect URL keeps its own query');
    assert.equal(location.searchParams.get('state'), state);
    assert.match(location.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);

    const res = await h.verify({ code: location.searchParams.get('code'), state });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertVerifyResponse(res.body, { userId: 'bob', email: 'bob@example.com', sessionJwt: h.jwt, elevated: true });
    assert.equal(claimsOf(res.body.elevatedAccessToken).payload.scope, 'credential:link');
    assert.deepEqual(claimsOf(res.body.elevatedAccessToken).payload.amr, ['fed'], 'a federated re-login');
  });

  it('escapes every value it shows', async () => {
    const h = await harness();
    const bob = await h.ctx.users.find('bob');
    const google = bob && credentialsOf(bob, 'social')[0];
    assert.ok(google);
    google.accountEmail = `"bob"<script>alert('x')</script>@example.com`;
    h.ctx.demoUsers!.put(bob);
    const { params } = await h.start(`${REDIRECT}&x="><script>alert(1)</script>`);
    const shown = await h.show({ ...params, scope: '<img src=x onerror=alert(1)>' });
    assert.equal(shown.status, 200, shown.text);
    assert.ok(!shown.text.includes('<script>') && !shown.text.includes('<img'), 'nothing interpolated is markup');
    assert.ok(shown.text.includes('&#34;bob&#34;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;@example.com'));
    assert.equal(formOf(shown.text).redirect_uri, params.redirect_uri);
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const h = await harness();
    const { state, params } = await h.start();
    const redirect = await h.decide(formOf((await h.show(params)).text), 'deny');
    assert.equal(redirect.status, 302);
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), state);
    assert.equal(location.searchParams.get('code'), null);
  });

  it('refuses a wrong code verifier, and the code is spent by the attempt', async () => {
    const h = await harness();
    const { code, state } = await h.consent();
    assertError(await h.verify({ code, state, codeVerifier: random() }), 400, 'invalid_grant');
    assertError(await h.verify({ code, state, codeVerifier: 'too-short' }), 400, 'invalid_grant');
    assertError(await h.verify({ code, state }), 400, 'invalid_grant');
  });

  it('accepts a code once, and not after 60 seconds', async () => {
    const h = await harness();
    const first = await h.consent();
    assert.equal((await h.verify({ code: first.code, state: first.state })).status, 200);
    assertError(await h.verify({ code: first.code, state: first.state }), 400, 'invalid_grant');
    assertError(await h.verify({ code: random(), state: first.state }), 400, 'invalid_grant');
    const late = await h.consent();
    h.clock.advance(61);
    assertError(await h.verify({ code: late.code, state: late.state }), 400, 'invalid_grant');
  });

  it('refuses a state that is not the code\'s, or that belongs to another session', async () => {
    const h = await harness();
    const { code } = await h.consent();
    const other = await h.start();
    assertError(await h.verify({ code, state: other.state }), 400, 'invalid_state');

    // A code and state obtained by bob, presented in the session of carol, who has a Google account too.
    const stolen = await h.consent();
    h.ctx.demoUsers!.put({
      id: 'carol',
      label: 'Carol',
      credentials: [{ kind: 'social', id: 'carol-google', provider: 'google', accountEmail: 'carol@gmail.com' }],
      signInCredentialId: 'carol-google',
      recoveryCodes: [],
    });
    const res = await call(h.server, 'POST', `sdk/${h.ctx.environmentId}/providers/google/verify`, {
      jwt: await signIn(h.server, 'carol'),
      body: { code: stolen.code, state: stolen.state, codeVerifier: h.verifier, requestedScopes: SCOPES },
    });
    assertError(res, 400, 'invalid_state');
  });

  it('answers 403 forbidden when the consenting account is not the session user', async () => {
    const h = await harness();
    const { code, state } = await h.consent();
    await tamperWith<OAuthCodeRecord>(h.ctx, h.ctx.resettableKeys.oauthCode(code), (grant) => ({ ...grant, userId: 'alice' }));
    assertError(await h.verify({ code, state }), 403, 'forbidden');
  });

  it('refuses a code whose redirect_uri is not the one of the started attempt', async () => {
    const h = await harness();
    const { code, state } = await h.consent();
    await tamperWith<OAuthStateRecord>(h.ctx, h.ctx.resettableKeys.oauthState(state), (pending) => ({ ...pending, redirectUrl: 'http://localhost:5173/elsewhere' }));
    assertError(await h.verify({ code, state }), 400, 'invalid_grant');
  });

  it('refuses a tampered form with a 400 page and no redirect', async () => {
    const h = await harness();
    const { params } = await h.start();
    const form = formOf((await h.show(params)).text);
    assertRefusedPage(await h.decide({ ...form, state: random() }));
    // A state of another attempt of the same user, started for another redirect URL.
    const other = await h.start('http://localhost:5173/other');
    assertRefusedPage(await h.decide({ ...form, state: other.state }));
    assertRefusedPage(await h.decide({ ...form, redirect_uri: 'https://evil.example/' }));
    assertRefusedPage(await h.decide({ ...form, code_challenge_method: 'plain' }));
    assertRefusedPage(await h.decide(form, 'maybe'));
    const noType = await page(h.server.app, AUTHORIZE, { method: 'POST', body: new URLSearchParams({ ...form, decision: 'allow' }).toString() });
    assertRefusedPage(noType);
    assert.equal((await h.decide(form)).status, 302, 'the untampered form still works');
  });

  it('refuses an authorization request that does not match a started attempt, with a 400 page', async () => {
    const h = await harness();
    const { params } = await h.start();
    assertRefusedPage(await h.show({ ...params, redirect_uri: 'http://localhost:5173/oauth-callback' }));
    assertRefusedPage(await h.show({ ...params, state: random() }));
    assertRefusedPage(await h.show({ ...params, response_type: 'token' }));
    assertRefusedPage(await h.show({ ...params, client_id: 'someone-else' }));
    assertRefusedPage(await h.show({ ...params, code_challenge_method: 'plain' }));
    assertRefusedPage(await h.show({ ...params, code_challenge: 'short' }));
    const { state: _state, ...withoutState } = params;
    assertRefusedPage(await h.show(withoutState));
    const twice = await page(h.server.app, `${AUTHORIZE}?${new URLSearchParams(params)}&state=${random()}`);
    assertRefusedPage(twice);
    h.clock.advance(10 * 60 + 1);
    assertRefusedPage(await h.show(params));
  });

  it('refuses at initAuth a foreign or malformed redirect URL and a weak state', async () => {
    const h = await harness();
    const state = random();
    for (const redirectUrl of ['https://evil.example/cb', 'http://localhost:5173/cb#frag', '/relative', 'javascript:alert(1)', 'http://user:pw@localhost/cb', 'http://localhost.evil.example/']) {
      assertError(await h.initAuth({ state, redirectUrl }), 400, 'invalid_request');
    }
    for (const weak of ['short', 'x'.repeat(129), `${'a'.repeat(40)}+/`]) {
      assertError(await h.initAuth({ state: weak, redirectUrl: REDIRECT }), 400, 'invalid_request');
    }
    assert.equal((await h.initAuth({ state, redirectUrl: REDIRECT })).status, 200);
    assertError(await h.initAuth({ state, redirectUrl: REDIRECT }), 400, 'invalid_request');
  });

  it('allows only the configured redirect origins when allowedRedirectOrigins is set', async () => {
    const h = await harness('bob', { allowedRedirectOrigins: ['https://app.example'] });
    assertError(await h.initAuth({ state: random(), redirectUrl: REDIRECT }), 400, 'invalid_request');
    assert.equal((await h.initAuth({ state: random(), redirectUrl: 'https://app.example/cb' })).status, 200);
  });

  it('answers 404 for an unknown provider and method_not_allowed for a user without that account', async () => {
    const h = await harness();
    assertError(await h.initAuth({ state: random(), redirectUrl: REDIRECT }, 'github'), 404, 'not_found');
    assertError(await h.verify({ code: random(), state: random() }, 'github'), 404, 'not_found');
    const alice = await harness('alice');
    assertError(await alice.initAuth({ state: random(), redirectUrl: REDIRECT }), 403, 'method_not_allowed');
  });

  it('does not exist outside dev mode: neither the provider pages nor the routes', async () => {
    const ctx = createServerContext({
      devMode: false,
      signingKey: TEST_SIGNING_KEY,
      users: createMemoryUserDirectory([{ id: 'u1', label: 'U', credentials: [{ kind: 'social', id: 's', provider: 'google', accountEmail: 'u@example.com' }], signInCredentialId: 's', recoveryCodes: [] }]),
    });
    const server = { app: createApp(ctx), basePath: ctx.basePath };
    const jwt = await ctx.sessions.issue('u1');
    assertError(await call(server, 'GET', 'dev/oauth/authorize?response_type=code'), 404, 'not_found');
    assertError(await call(server, 'POST', 'dev/oauth/authorize', { body: {} }), 404, 'not_found');
    const body = { state: random(), redirectUrl: REDIRECT, code: 'x', codeVerifier: random(), requestedScopes: SCOPES };
    assertError(await call(server, 'POST', `sdk/${ctx.environmentId}/providers/google/initAuth`, { jwt, body }), 404, 'not_found');
    assertError(await call(server, 'POST', `sdk/${ctx.environmentId}/providers/google/verify`, { jwt, body }), 404, 'not_found');
  });

  it('a reset forgets pending attempts and codes', async () => {
    const h = await harness();
    const { code, state, params } = await h.consent();
    h.ctx.reset();
    assertRefusedPage(await h.show(params));
    assertError(await h.verify({ code, state }), 401, 'not_signed_in'); // the reset signed bob out too
    const res = await call(h.server, 'POST', `sdk/${h.ctx.environmentId}/providers/google/verify`, {
      jwt: await signIn(h.server, 'bob'),
      body: { code, state, codeVerifier: h.verifier, requestedScopes: SCOPES },
    });
    assertError(res, 400, 'invalid_grant');
  });
});
