// Proceed: the token is attached only for the named scope, only to the API origin, never
// after its expiry, and a single-use token is spent exactly once.
import { expect } from '@open-wc/testing';
import {
  elevatedFetch,
  ELEVATED_TOKEN_HEADER,
  getElevatedAccessToken,
  sendEmailOTP,
  verifyOTP,
  checkStepUpAuth,
  StepUpError,
  type ElevatedFetchInit,
  type StepUpClient,
} from '../src/index.js';
import {
  advanceServerClock,
  API_BASE,
  elevateThroughExternalAuth,
  latestCode,
  recordingFetch,
  resetBackend,
  signedInClient,
} from './support/backend.js';
import { arrivedAt, craftToken, ECHO_API, nowSeconds, scriptedApi } from './support/scripted.js';
import { rejection } from './support/rejection.js';

/** Elevates `client` (bob) for `scopes` with a real email code. */
async function elevate(client: StepUpClient, scopes: string[]) {
  await checkStepUpAuth({ scope: scopes[0]! }, client);
  await sendEmailOTP({}, client);
  await verifyOTP({ type: 'email', token: (await latestCode('bob', 'email')).code, requestedScopes: scopes }, client);
  await advanceServerClock(31); // past the resend cooldown, for the next elevation
}

/** Records every request and sends none: for a client whose API base is not a server of this test. */
function offlineFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return Promise.reject(new TypeError('offline: this test sends nothing'));
    },
  };
}

/**
 * Real fetch for streamed uploads, recording every call and the bytes each one sent. Chromium
 * streams an upload only over HTTP/2 and the test server speaks HTTP/1.1: this app fetch reads
 * the stream and sends its bytes, so that the real route answers.
 */
function streamingFetch(): { fetch: typeof fetch; sent: { url: string; body?: string }[] } {
  const sent: { url: string; body?: string }[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const call: { url: string; body?: string } = { url: String(input instanceof Request ? input.url : input) };
      sent.push(call);
      const request = new Request(input, init);
      call.body = await request.text();
      return fetch(request.url, { method: request.method, headers: request.headers, body: call.body });
    },
  };
}

/** A body an app streams, e.g. a file it uploads. */
const streamOf = (text: string) => new Blob([text]).stream();

const CONTENT_REFUSED = 'This request cannot be sent: its address, headers or content are not valid.';

describe('elevatedFetch and the protected endpoints', () => {
  beforeEach(resetBackend);

  it('attaches the token of the named scope, and the session, to a request to the API origin', async () => {
    const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 });
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API });
    client.tokens.add(token);
    const echoed = await (await elevatedFetch('anything', { scope: 'wallet:sign' }, client)).json();
    expect(echoed.url).to.equal('/test-fixtures/echo/anything');
    expect(echoed.headers[ELEVATED_TOKEN_HEADER]).to.equal(token);
    expect(echoed.headers.authorization).to.match(/^Bearer /);
  });

  it('refuses to send when only a token for another scope is held, without a request', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, fetch: recorder.fetch });
    client.tokens.add(craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 }));
    expect((await rejection(elevatedFetch('x', { scope: 'wallet:export' }, client))).code).to.equal('step_up_required');
    expect(recorder.urls).to.deep.equal([]);
  });

  it('never sends the token to another origin', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, fetch: recorder.fetch });
    client.tokens.add(craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 }));
    const otherOrigin = `${location.protocol}//127.0.0.1:${location.port}/test-fixtures/echo/x`;
    expect((await rejection(elevatedFetch(otherOrigin, { scope: 'wallet:sign' }, client))).code).to.equal('forbidden');
    expect((await rejection(elevatedFetch('//example.com/x', { scope: 'wallet:sign' }, client))).code).to.equal('forbidden');
    expect(recorder.urls).to.deep.equal([]);
    expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.be.a('string');
  });

  it('never sends the token to a look-alike of the API origin: another host, scheme or port', async () => {
    const recorder = offlineFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: 'https://api.example.com/api/v0', fetch: recorder.fetch });
    const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300, singleUse: true });
    client.tokens.add(token);
    // each one starts with the API origin's text: a prefix test would let it through
    for (const lookAlike of [
      'https://api.example.com.evil.net/api/v0/x',
      'https://api.example.com@evil.net/api/v0/x',
      'https://api.example.com:8443/api/v0/x',
      'http://api.example.com/api/v0/x',
    ]) {
      expect((await rejection(elevatedFetch(lookAlike, { scope: 'wallet:sign' }, client))).code, lookAlike).to.equal('forbidden');
    }
    expect(recorder.urls).to.deep.equal([]);
    expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.equal(token);
  });

  it('a URL with credentials is refused and the single-use token is still held', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, fetch: recorder.fetch });
    const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300, singleUse: true });
    client.tokens.add(token);
    // the API origin itself (an origin has no user part), so only building the request can refuse it
    const withCredentials = `${location.protocol}//user:pass@${location.host}${ECHO_API}/x`;
    const error = await rejection(elevatedFetch(withCredentials, { scope: 'wallet:sign' }, client));
    expect(error).to.be.instanceOf(StepUpError);
    expect(error.code).to.equal('invalid_request');
    expect(recorder.urls).to.deep.equal([]);
    expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.equal(token);
  });

  it('an invalid header name is refused and the single-use token is still held', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, fetch: recorder.fetch });
    const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300, singleUse: true });
    client.tokens.add(token);
    const error = await rejection(elevatedFetch('x', { scope: 'wallet:sign', headers: { 'not a header': '1' } }, client));
    expect(error).to.be.instanceOf(StepUpError);
    expect(error.code).to.equal('invalid_request');
    expect(recorder.urls).to.deep.equal([]);
    expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.equal(token);
  });

  it('a stream body without duplex is refused and the single-use token is still held; sent with duplex, the same stream goes out whole', async () => {
    const app = streamingFetch();
    const { client } = await signedInClient('bob', { fetch: app.fetch });
    await elevateThroughExternalAuth(client, 'bob', 'wallet:export');
    const EXPORT = `${API_BASE}/protected/wallet/export`;
    const uploads = () => app.sent.filter((call) => new URL(call.url).pathname === EXPORT);
    const upload = streamOf('{"note":"my backup"}');

    // fetch itself refuses a stream without duplex: the token would be spent on nothing
    const error = await rejection(elevatedFetch(EXPORT, { method: 'POST', scope: 'wallet:export', body: upload }, client));
    expect(error).to.be.instanceOf(StepUpError);
    expect(error.code).to.equal('invalid_request');
    expect(error.message).to.equal(CONTENT_REFUSED);
    expect(uploads(), 'requests sent').to.deep.equal([]);
    expect(getElevatedAccessToken({ scope: 'wallet:export', consume: false }, client)).to.be.a('string');
    expect(upload.locked, 'the refused call left the stream to the app').to.equal(false);

    const init = { method: 'POST', scope: 'wallet:export', body: upload, duplex: 'half' } as ElevatedFetchInit;
    const response = await elevatedFetch(EXPORT, init, client);
    expect(response.status).to.equal(200);
    expect(uploads().map((call) => call.body)).to.deep.equal(['{"note":"my backup"}']);
    expect(getElevatedAccessToken({ scope: 'wallet:export', consume: false }, client), 'spent').to.equal(undefined);
  });

  it('a stream body fetch would refuse (on a GET or HEAD, locked, already read) is refused and the single-use token is still held', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, fetch: recorder.fetch });
    const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300, singleUse: true });
    client.tokens.add(token);
    const locked = streamOf('x');
    locked.getReader();
    const read = streamOf('x');
    await new Response(read).text(); // read to the end, and unlocked again: only building a Request tells
    const cancelled = streamOf('x');
    await cancelled.cancel();
    const cases: Record<string, { method: string; body: ReadableStream }> = {
      'GET': { method: 'GET', body: streamOf('x') },
      'HEAD': { method: 'HEAD', body: streamOf('x') },
      'locked': { method: 'POST', body: locked },
      'already read': { method: 'POST', body: read },
      'cancelled': { method: 'POST', body: cancelled },
    };
    for (const [label, { method, body }] of Object.entries(cases)) {
      const init = { method, scope: 'wallet:sign', body, duplex: 'half' } as ElevatedFetchInit;
      const error = await rejection(elevatedFetch('x', init, client));
      expect(error, label).to.be.instanceOf(StepUpError);
      expect(error.code, label).to.equal('invalid_request');
      expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client), label).to.equal(token);
    }
    expect(recorder.urls).to.deep.equal([]);
  });

  it('does not follow a redirect, even to a page of the API origin that would take the request', async () => {
    // the echo accepts any request: had the redirect been followed, the token would have arrived there
    const target = `${ECHO_API}/redirect-target-${crypto.randomUUID()}`;
    const redirecting = scriptedApi({ status: 302, headers: { location: target } });
    const { client } = await signedInClient('bob', { apiBaseUrl: redirecting });
    client.tokens.add(craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 }));
    const outcome = await elevatedFetch('go', { scope: 'wallet:sign' }, client).then(
      (response) => response.status,
      (error: { code: string }) => error.code,
    );
    expect(await arrivedAt(target), 'requests that reached the redirect target').to.deep.equal([]);
    expect(outcome).to.equal('network_error');
  });

  it('does not attach a token after its expiry', async () => {
    let now = Date.now();
    const { client } = await signedInClient('bob', { apiBaseUrl: ECHO_API, now: () => now });
    client.tokens.add(craftToken({ scope: 'wallet:sign', exp: Math.floor(now / 1000) + 60 }));
    now += 60_000;
    expect((await rejection(elevatedFetch('x', { scope: 'wallet:sign' }, client))).code).to.equal('step_up_required');
  });

  it('spends a single-use token exactly once under 100 concurrent calls', async () => {
    const { client } = await signedInClient('bob');
    await elevate(client, ['wallet:export']);
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        elevatedFetch(`${API_BASE}/protected/wallet/export`, { method: 'POST', scope: 'wallet:export' }, client).then(
          (r) => r.status,
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(results.filter((r) => r === 200)).to.have.length(1);
    expect(results.filter((r) => r === 'step_up_required')).to.have.length(99);
  });

  it('a multi-use token serves several calls until it expires', async () => {
    const { client } = await signedInClient('bob');
    await elevate(client, ['credential:link']);
    for (let i = 0; i < 3; i++) {
      const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope: 'credential:link' }, client);
      expect(response.status).to.equal(200);
    }
  });

  it('a held token the server refuses is forgotten: the next check asks the server, which says step-up is required', async () => {
    const recorder = recordingFetch();
    const { client } = await signedInClient('bob', { fetch: recorder.fetch });
    await elevateThroughExternalAuth(client, 'bob', 'credential:link');
    // The server's clock runs ahead of the page's: to the server the token's ten minutes are
    // over, while the client, by its own clock, still holds a live one.
    await advanceServerClock(11 * 60);
    expect(client.tokens.has('credential:link')).to.equal(true);

    const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope: 'credential:link' }, client);
    expect(response.status).to.equal(401);
    expect((await response.json()).payload.reason, 'the caller can still read the refusal').to.equal('expired');
    expect(client.tokens.has('credential:link')).to.equal(false);

    const before = recorder.urls.length;
    expect(await checkStepUpAuth({ scope: 'credential:link' }, client)).to.include({ isRequired: true });
    expect(recorder.urls.slice(before).filter((url) => url.endsWith('/stepUp/check')), 'checks sent').to.have.length(1);
    expect((await rejection(elevatedFetch('x', { scope: 'credential:link' }, client))).code, 'nothing left to resend').to.equal('step_up_required');
  });

  describe('the server refuses', () => {
    async function call(path: string, method: string, jwt: string, token?: string) {
      const headers: Record<string, string> = { authorization: `Bearer ${jwt}` };
      if (token) headers[ELEVATED_TOKEN_HEADER] = token;
      const response = await fetch(`${API_BASE}/protected/${path}`, { method, headers });
      if (response.ok) return { status: response.status, refused: 'no' };
      // An RFC 9470 refusal: the challenge header names what the body says.
      const body = await response.json();
      expect(response.headers.get('www-authenticate')).to.match(/^Bearer error="insufficient_user_authentication", /);
      expect(body.code).to.equal('step_up_required');
      return { status: response.status, refused: body.payload.reason };
    }

    it('a reused single-use token', async () => {
      const { client, jwt } = await signedInClient('bob');
      await elevate(client, ['user:delete']);
      const token = getElevatedAccessToken({ scope: 'user:delete' }, client)!;
      expect(await call('user', 'DELETE', jwt, token)).to.deep.equal({ status: 200, refused: 'no' });
      expect(await call('user', 'DELETE', jwt, token)).to.deep.equal({ status: 401, refused: 'used' });
    });

    it('a token for another scope', async () => {
      const { client, jwt } = await signedInClient('bob');
      await elevate(client, ['credential:link']);
      const token = getElevatedAccessToken({ scope: 'credential:link' }, client)!;
      expect(await call('user', 'DELETE', jwt, token)).to.deep.equal({ status: 401, refused: 'wrong_scope' });
    });

    it('an expired token', async () => {
      const { client, jwt } = await signedInClient('bob');
      await elevate(client, ['credential:link']);
      const token = getElevatedAccessToken({ scope: 'credential:link' }, client)!;
      await advanceServerClock(10 * 60);
      expect(await call('credentials/link', 'POST', jwt, token)).to.deep.equal({ status: 401, refused: 'expired' });
    });

    it('a missing token, a forged one, and another user’s', async () => {
      const { client, jwt } = await signedInClient('bob');
      const { jwt: aliceJwt } = await signedInClient('alice');
      await elevate(client, ['credential:link']);
      const token = getElevatedAccessToken({ scope: 'credential:link' }, client)!;
      expect(await call('credentials/link', 'POST', jwt)).to.deep.equal({ status: 401, refused: 'missing' });
      const forged = craftToken({ sub: 'bob', scope: 'credential:link', exp: nowSeconds() + 300, jti: 'x' });
      expect(await call('credentials/link', 'POST', jwt, forged)).to.deep.equal({ status: 401, refused: 'invalid' });
      expect(await call('credentials/link', 'POST', aliceJwt, token)).to.deep.equal({ status: 401, refused: 'wrong_user' });
    });
  });
});
