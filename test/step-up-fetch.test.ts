// stepUpFetch / withStepUp against the reference backend: a refused call becomes the step-up
// and is sent exactly once more, with the same bytes and Idempotency-Key, never to another
// origin, never in a loop; concurrent refusals share a step-up unless its token is single-use.
import { expect, fixture, html } from '@open-wc/testing';
import { generate } from 'otplib';
import {
  ELEVATED_TOKEN_HEADER,
  elevationOf,
  getElevatedAccessToken,
  isStepUpError,
  StepUpError,
  stepUpFetch,
  withStepUp,
  type StepUpClient,
  type StepUpRefusal,
} from '../src/index.js';
import { parseChallenges, readStepUpRefusal } from '../src/step-up-refusal.js';
import { API_BASE, elevateThroughExternalAuth, secretsOf, resetBackend, signedInClient } from './support/backend.js';
import { codeInput, currentMethod, deepActive, press, type, waitForOpen } from './support/elements.js';
import { craftToken, nowSeconds, scriptedApi } from './support/scripted.js';
import { rejection } from './support/rejection.js';
import { waitUntil } from './support/wait.js';
import '../components/define/step-up-dialog.js';

const EXPORT = `${API_BASE}/protected/wallet/export`; // wallet:export, single-use
const LINK = `${API_BASE}/protected/credentials/link`; // credential:link, multi-use

/**
 * Real fetch, keeping a copy of every request it was given (to count them and compare their
 * bytes), and calling `answered` after each answer: never faking one.
 */
function sendLog(answered: (request: Request) => void = () => undefined) {
  const sent: Request[] = [];
  const fetchAndLog: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    const response = await fetch(request);
    answered(request);
    return response;
  };
  return { sent, fetch: fetchAndLog, to: (url: string) => sent.filter((r) => new URL(r.url).pathname === url) };
}

/**
 * A prompt that elevates through external auth (a real verify call that spends no code), as an
 * app's own step-up UI would; it records each run and how many ran at once. `gate` holds every
 * run until it resolves (to let concurrent calls all be refused first).
 */
function externalAuthPrompt(client: StepUpClient, userId: string, gate: Promise<unknown> = Promise.resolve()) {
  const runs: { scope: string; refusal: StepUpRefusal }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const prompt = async (scope: string, refusal: StepUpRefusal) => {
    runs.push({ scope, refusal });
    mostAtOnce = Math.max(mostAtOnce, ++running);
    try {
      await gate;
      await elevateThroughExternalAuth(client, userId, scope);
      return elevationOf({ scope, method: undefined, credentialId: undefined, alreadyElevated: false }, client);
    } finally {
      running--;
    }
  };
  return { prompt, runs, mostAtOnce: () => mostAtOnce };
}

const cancellingPrompt = () => Promise.reject(new StepUpError('cancelled'));

/** Three POSTs to `path` at once, the prompt held until all three were refused; what they were answered in the end. */
async function threeCallsRefusedAtOnce(path: string) {
  const { client } = await signedInClient('bob');
  let refusedSoFar = 0;
  let allRefused!: () => void;
  const gate = new Promise<void>((resolve) => (allRefused = resolve));
  const log = sendLog((request) => {
    if (new URL(request.url).pathname === path && ++refusedSoFar === 3) allRefused();
  });
  const steps = externalAuthPrompt(client, 'bob', gate);
  const send = withStepUp(log.fetch, { client, prompt: steps.prompt });
  const responses = await Promise.all([1, 2, 3].map(() => send(path, { method: 'POST' })));
  return { steps, log, responses };
}

async function bytesOf(request: Request): Promise<number[]> {
  return [...new Uint8Array(await request.clone().arrayBuffer())];
}

describe('stepUpFetch', () => {
  beforeEach(resetBackend);

  it('a refused call runs the step-up and is sent once more: 200, two requests, one Idempotency-Key', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    const steps = externalAuthPrompt(client, 'bob');
    const response = await withStepUp(log.fetch, { client, prompt: steps.prompt })(EXPORT, { method: 'POST' });

    expect(response.status).to.equal(200);
    expect((await response.json()).action).to.equal('wallet:export');
    expect(steps.runs.map((r) => r.scope)).to.deep.equal(['wallet:export']);
    expect(steps.runs[0]!.refusal).to.include({ scope: 'wallet:export', error: 'insufficient_user_authentication' });
    const [first, retry, ...more] = log.to(EXPORT);
    expect(more, 'requests after the retry').to.deep.equal([]);
    expect(first!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(retry!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    expect(first!.headers.has(ELEVATED_TOKEN_HEADER)).to.equal(false);
    expect(retry!.headers.get(ELEVATED_TOKEN_HEADER)).to.be.a('string');
  });

  it("stepUpFetch goes through the client's fetch and keeps the app's own Idempotency-Key on both attempts", async () => {
    const log = sendLog();
    const { client } = await signedInClient('bob', { fetch: log.fetch });
    const { prompt } = externalAuthPrompt(client, 'bob');
    const response = await stepUpFetch(EXPORT, { method: 'POST', headers: { 'Idempotency-Key': 'export-42' }, client, prompt });
    expect(response.status).to.equal(200);
    expect(log.to(EXPORT).map((r) => r.headers.get('idempotency-key'))).to.deep.equal(['export-42', 'export-42']);
  });

  it('sends a held token for the named scope on the first attempt, and asks nothing', async () => {
    const { client } = await signedInClient('bob');
    await elevateThroughExternalAuth(client, 'bob', 'credential:link');
    const log = sendLog();
    const steps = externalAuthPrompt(client, 'bob');
    const response = await withStepUp(log.fetch, { client, prompt: steps.prompt })(LINK, { method: 'POST', scope: 'credential:link' });
    expect(response.status).to.equal(200);
    expect(steps.runs).to.deep.equal([]);
    expect(log.to(LINK)).to.have.length(1);
  });

  it('replays a JSON POST body byte for byte', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    const { prompt } = externalAuthPrompt(client, 'bob');
    const json = JSON.stringify({ amount: '1.50', to: 'Zoë “Ω” ✓ 🦊', memo: 'a"b\\c\n' });
    const response = await withStepUp(log.fetch, { client, prompt })(EXPORT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect(response.status).to.equal(200);
    const [first, retry] = log.to(EXPORT);
    expect(await bytesOf(retry!)).to.deep.equal(await bytesOf(first!));
    expect(await bytesOf(first!)).to.deep.equal([...new TextEncoder().encode(json)]);
    expect(retry!.headers.get('content-type')).to.equal('application/json');
  });

  it('replays a form body byte for byte, with the same multipart boundary', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    const { prompt } = externalAuthPrompt(client, 'bob');
    const form = new FormData();
    form.set('note', 'é');
    form.set('file', new Blob([new Uint8Array([0, 255, 10, 13])]), 'key.bin');
    const response = await withStepUp(log.fetch, { client, prompt })(EXPORT, { method: 'POST', body: form });
    expect(response.status).to.equal(200);
    const [first, retry] = log.to(EXPORT);
    expect(retry!.headers.get('content-type')).to.equal(first!.headers.get('content-type'));
    expect(await bytesOf(retry!)).to.deep.equal(await bytesOf(first!));
  });

  it('does not send a streaming body twice: it fails saying why, without asking', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    // Chromium streams an upload only over HTTP/2 and the test server speaks HTTP/1.1: this
    // app fetch reads the stream and sends its bytes, so that the real route answers.
    const overHttp1: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      return log.fetch(request.url, { method: request.method, headers: request.headers, body: await request.arrayBuffer() });
    };
    const steps = externalAuthPrompt(client, 'bob');
    const stream = new Blob(['{"amount":"1.50"}']).stream();
    const error = await rejection(
      withStepUp(overHttp1, { client, prompt: steps.prompt })(EXPORT, { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
    );
    expect(error).to.be.instanceOf(StepUpError);
    expect(error.code).to.equal('step_up_required');
    expect(error.message).to.equal('This request could not be repeated after verification because its content was streamed.');
    expect(steps.runs).to.deep.equal([]);
    expect(log.to(EXPORT)).to.have.length(1);
  });

  it('a second refusal is returned as is: the prompt elevated another scope', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    let runs = 0;
    const wrongScope = async () => {
      runs++;
      await elevateThroughExternalAuth(client, 'bob', 'credential:link');
      return elevationOf({ scope: 'credential:link', method: undefined, credentialId: undefined, alreadyElevated: false }, client);
    };
    const response = await withStepUp(log.fetch, { client, prompt: wrongScope })(EXPORT, { method: 'POST' });
    expect(response.status).to.equal(401);
    expect((await response.json()).code).to.equal('step_up_required');
    expect(runs).to.equal(1);
    expect(log.to(EXPORT)).to.have.length(2);
  });

  it('a second refusal is returned as is: the prompt gave back a spent single-use token', async () => {
    const { client, jwt } = await signedInClient('bob');
    await elevateThroughExternalAuth(client, 'bob', 'user:delete');
    const spent = getElevatedAccessToken({ scope: 'user:delete', consume: false }, client)!;
    // the server takes it once; the client still holds it
    const used = await fetch(`${API_BASE}/protected/user`, { method: 'DELETE', headers: { authorization: `Bearer ${jwt}`, [ELEVATED_TOKEN_HEADER]: spent } });
    expect(used.status).to.equal(200);

    const log = sendLog();
    let runs = 0;
    const giveSpentToken = async (scope: string) => {
      runs++;
      client.tokens.add(spent);
      return elevationOf({ scope, method: undefined, credentialId: undefined, alreadyElevated: true }, client);
    };
    const response = await withStepUp(log.fetch, { client, prompt: giveSpentToken })(`${API_BASE}/protected/user`, {
      method: 'DELETE',
      scope: 'user:delete',
    });
    expect(response.status).to.equal(401);
    expect((await response.json()).payload.reason).to.equal('used');
    expect(runs).to.equal(1);
    const sent = log.to(`${API_BASE}/protected/user`);
    expect(sent.map((r) => r.headers.get(ELEVATED_TOKEN_HEADER))).to.deep.equal([spent, spent]);
  });

  it('a cancel returns the refusal, still readable (onCancel: "return", the default)', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    const response = await withStepUp(log.fetch, { client, prompt: cancellingPrompt })(EXPORT, { method: 'POST' });
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Bearer error="insufficient_user_authentication"/);
    expect((await response.json()).payload).to.deep.equal({ scope: 'wallet:export', reason: 'missing' });
    expect(log.to(EXPORT)).to.have.length(1);
  });

  it('a cancel rejects with `cancelled` when the app asks for it (onCancel: "throw")', async () => {
    const { client } = await signedInClient('bob');
    const log = sendLog();
    const error = await rejection(withStepUp(log.fetch, { client, prompt: cancellingPrompt, onCancel: 'throw' })(EXPORT, { method: 'POST' }));
    expect(isStepUpError(error, 'cancelled')).to.equal(true);
    expect(log.to(EXPORT)).to.have.length(1);
  });

  it('three calls refused for a multi-use scope share one step-up, then all three are sent again', async () => {
    const { steps, log, responses } = await threeCallsRefusedAtOnce(LINK);
    expect(responses.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(steps.runs).to.have.length(1);
    const sent = log.to(LINK);
    expect(sent).to.have.length(6);
    const retryTokens = sent.slice(3).map((r) => r.headers.get(ELEVATED_TOKEN_HEADER));
    expect(new Set(retryTokens).size, 'one token for the three retries').to.equal(1);
    expect(retryTokens[0]).to.be.a('string');
  });

  it('calls refused for a single-use scope each get their own step-up, one at a time', async () => {
    // three, so that two of them wait for a step-up of their own after the first one's
    const { steps, log, responses } = await threeCallsRefusedAtOnce(EXPORT);
    expect(responses.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(steps.runs).to.have.length(3);
    expect(steps.mostAtOnce(), 'step-ups running at once').to.equal(1);
    const retryTokens = log.to(EXPORT).slice(3).map((r) => r.headers.get(ELEVATED_TOKEN_HEADER));
    expect(retryTokens.every((token) => typeof token === 'string')).to.equal(true);
    expect(new Set(retryTokens).size, 'a token of its own for each retry').to.equal(3);
  });

  describe('never sends a token to another origin', () => {
    it('a refusal from another origin is returned as is: no token, no session, no step-up', async () => {
      const { client } = await signedInClient('bob');
      client.tokens.add(craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300 }));
      const refusal = scriptedApi({
        status: 401,
        headers: {
          'www-authenticate': 'Bearer error="insufficient_user_authentication", scope="wallet:sign"',
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'WWW-Authenticate',
        },
      });
      const otherOrigin = `${location.protocol}//127.0.0.1:${location.port}${refusal}/sign`;
      expect(new URL(otherOrigin).origin).not.to.equal(client.origin);
      const log = sendLog();
      const steps = externalAuthPrompt(client, 'bob');
      const response = await withStepUp(log.fetch, { client, prompt: steps.prompt })(otherOrigin, { scope: 'wallet:sign' });

      expect(response.status).to.equal(401);
      expect(response.headers.get('www-authenticate')).to.include('insufficient_user_authentication');
      expect(steps.runs).to.deep.equal([]);
      expect(log.sent).to.have.length(1);
      for (const header of [ELEVATED_TOKEN_HEADER, 'authorization', 'idempotency-key']) {
        expect(log.sent[0]!.headers.has(header), header).to.equal(false);
      }
      expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.be.a('string');
    });

    it('nor to a look-alike of the API origin: another host, scheme or port', async () => {
      const { client } = await signedInClient('bob', { apiBaseUrl: 'https://api.example.com/api/v0' });
      const token = craftToken({ scope: 'wallet:sign', exp: nowSeconds() + 300, singleUse: true });
      client.tokens.add(token);
      const seen: Request[] = [];
      const offline: typeof fetch = (input, init) => {
        seen.push(new Request(input, init));
        return Promise.reject(new TypeError('offline: this test sends nothing'));
      };
      const lookAlikes = [
        'https://api.example.com.evil.net/api/v0/x',
        'https://api.example.com@evil.net/api/v0/x',
        'https://api.example.com:8443/api/v0/x',
        'http://api.example.com/api/v0/x',
      ];
      for (const url of lookAlikes) await withStepUp(offline, { client })(url, { method: 'POST', scope: 'wallet:sign' }).catch(() => undefined);
      // the one with credentials is refused before anything is sent, as fetch refuses it
      const sendable = lookAlikes.filter((url) => !url.includes('@'));
      expect(seen.map((r) => r.url)).to.deep.equal(sendable.map((url) => new URL(url).href));
      expect(seen.filter((r) => r.headers.has(ELEVATED_TOKEN_HEADER) || r.headers.has('authorization'))).to.deep.equal([]);
      expect(getElevatedAccessToken({ scope: 'wallet:sign', consume: false }, client)).to.equal(token);
    });
  });

  describe('with the page’s <step-up-dialog>', () => {
    async function page(client: StepUpClient) {
      const root = await fixture<HTMLDivElement>(html`<div>
        <button id="export">Export wallet</button>
        <step-up-dialog lang="en" .client=${client}></step-up-dialog>
      </div>`);
      const button = root.querySelector<HTMLButtonElement>('#export')!;
      button.focus();
      return { dialog: root.querySelector('step-up-dialog')!, button };
    }

    it('a refused export opens the dialog; a typed authenticator code sends it again and it succeeds', async () => {
      const { client } = await signedInClient('alice');
      const { dialog, button } = await page(client);
      const log = sendLog();
      const exported = withStepUp(log.fetch, { client })(EXPORT, { method: 'POST' });
      await waitForOpen(dialog);
      expect(currentMethod(dialog).localName).to.equal('step-up-totp');
      await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
      const { totpSecret } = await secretsOf('alice');
      await type(await generate({ secret: totpSecret! }));

      const response = await exported;
      expect(response.status).to.equal(200);
      expect((await response.json()).privateKey).to.be.a('string');
      expect(dialog.open).to.equal(false);
      expect(deepActive()).to.equal(button);
      const [first, retry, ...more] = log.to(EXPORT);
      expect(more, 'requests after the retry').to.deep.equal([]);
      expect(first!.headers.get('idempotency-key')).to.be.a('string');
      expect(retry!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    });

    it('three calls refused for a multi-use scope open the dialog once; one code, three retries', async () => {
      const { client } = await signedInClient('alice');
      const { dialog } = await page(client);
      let opened = 0;
      dialog.shadowRoot!.querySelector('dialog')!.addEventListener('toggle', (event) => {
        if ((event as ToggleEvent).newState === 'open') opened++;
      });
      const log = sendLog();
      const link = withStepUp(log.fetch, { client });
      const calls = [1, 2, 3].map((n) => link(LINK, { method: 'POST', body: JSON.stringify({ n }), headers: { 'content-type': 'application/json' } }));
      await waitForOpen(dialog);
      await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
      const { totpSecret } = await secretsOf('alice');
      await type(await generate({ secret: totpSecret! }));

      const responses = await Promise.all(calls);
      expect(responses.map((r) => r.status)).to.deep.equal([200, 200, 200]);
      expect(opened, 'the dialog opened once').to.equal(1);
      const sent = log.to(LINK);
      expect(sent).to.have.length(6);
      const retries = sent.filter((r) => r.headers.has(ELEVATED_TOKEN_HEADER));
      expect(retries).to.have.length(3);
      expect(new Set(retries.map((r) => r.headers.get(ELEVATED_TOKEN_HEADER))).size, 'one token for all three').to.equal(1);
    });

    it('a held token the server refuses is dropped: the dialog asks for real, and the call is sent again with the new token', async () => {
      const { client } = await signedInClient('alice');
      // Live to the client, but not signed by the server: the protected route refuses it.
      const forged = craftToken({ scope: 'credential:link', exp: nowSeconds() + 300 });
      client.tokens.add(forged);
      const { dialog } = await page(client);
      const log = sendLog();
      const linked = withStepUp(log.fetch, { client })(LINK, { method: 'POST', scope: 'credential:link' });
      await waitForOpen(dialog);
      expect(currentMethod(dialog).localName, 'the dialog asks, rather than saying it is done').to.equal('step-up-totp');
      await waitUntil(() => deepActive() === codeInput(currentMethod(dialog)), 'focus is in the code field');
      const { totpSecret } = await secretsOf('alice');
      await type(await generate({ secret: totpSecret! }));

      expect((await linked).status).to.equal(200);
      const [first, retry] = log.to(LINK).map((r) => r.headers.get(ELEVATED_TOKEN_HEADER));
      expect(first).to.equal(forged);
      expect(retry).to.be.a('string').and.not.equal(forged);
    });

    it('Escape in the dialog returns the refusal to the caller', async () => {
      const { client } = await signedInClient('alice');
      const { dialog } = await page(client);
      const log = sendLog();
      const exported = withStepUp(log.fetch, { client })(EXPORT, { method: 'POST' });
      await waitForOpen(dialog);
      await press('Escape');
      const response = await exported;
      expect(response.status).to.equal(401);
      expect(dialog.open).to.equal(false);
      expect(log.to(EXPORT)).to.have.length(1);
    });
  });
});

describe('reading a step-up refusal', () => {
  const refusal = (headers: Record<string, string>, body: unknown = null, status = 401) =>
    readStepUpRefusal(new Response(body === null ? null : JSON.stringify(body), { status, headers }));

  it('parses several challenges, quoted strings with escaped quotes and commas, and a token68', () => {
    expect(parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')).to.deep.equal([
      { scheme: 'newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'basic', params: { realm: 'simple' } },
    ]);
    const mixed = parseChallenges('Negotiate YIIB/+xQ==, DPoP algs="ES256 PS256",Bearer  error = "insufficient_scope" ,scope="a, b"');
    expect(mixed.map((c) => c.scheme)).to.deep.equal(['negotiate', 'dpop', 'bearer']);
    expect(mixed[1]!.params).to.deep.equal({ algs: 'ES256 PS256' });
    expect(mixed[2]!.params).to.deep.equal({ error: 'insufficient_scope', scope: 'a, b' });
    expect(parseChallenges('Negotiate abcdef, Bearer')).to.deep.equal([
      { scheme: 'negotiate', params: {} },
      { scheme: 'bearer', params: {} },
    ]);
  });

  it('keeps what it read before something it cannot read, and reads nothing from garbage', () => {
    expect(parseChallenges('Bearer scope="wallet:export", error_description="no end')).to.deep.equal([
      { scheme: 'bearer', params: { scope: 'wallet:export', error_description: '' } },
    ]);
    expect(parseChallenges('')).to.deep.equal([]);
    expect(parseChallenges('"quoted" = ,,,')).to.deep.equal([]);
  });

  it('an RFC 9470 challenge, in any case, among others, with max_age and acr_values', async () => {
    const found = await refusal({
      'WWW-Authenticate':
        'Basic realm="x", BEARER Error="insufficient_user_authentication", Error_Description="Confirm \\"it\\", please", SCOPE="wallet:export", max_age=300, acr_values="urn:mace:incommon:iap:silver"',
    });
    expect(found).to.deep.equal({
      scope: 'wallet:export',
      error: 'insufficient_user_authentication',
      description: 'Confirm "it", please',
      maxAge: 300,
      acrValues: 'urn:mace:incommon:iap:silver',
    });
  });

  it('an insufficient_scope challenge with its scope, on a 403', async () => {
    expect(await refusal({ 'www-authenticate': 'Bearer error="insufficient_scope", scope="user:delete"' }, null, 403)).to.include({
      scope: 'user:delete',
      error: 'insufficient_scope',
    });
  });

  it("the server kit's JSON body, when there is no challenge", async () => {
    const body = { error: 'This action needs you to confirm your identity first.', code: 'step_up_required', payload: { scope: 'wallet:export', reason: 'missing' } };
    const response = new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/json' } });
    expect(await readStepUpRefusal(response)).to.deep.equal({
      scope: 'wallet:export',
      error: 'step_up_required',
      description: body.error,
      maxAge: undefined,
      acrValues: undefined,
    });
    expect(await response.json(), 'the body is still readable').to.deep.equal(body);
  });

  it('nothing to act on: no scope, several scopes, another error, another scheme, another status, not JSON', async () => {
    expect(await refusal({ 'www-authenticate': 'Bearer error="insufficient_user_authentication"' })).to.equal(undefined);
    expect(await refusal({ 'www-authenticate': 'Bearer error="insufficient_scope", scope="a b"' })).to.equal(undefined);
    expect(await refusal({ 'www-authenticate': 'Bearer error="invalid_token", scope="wallet:export"' })).to.equal(undefined);
    expect(await refusal({ 'www-authenticate': 'DPoP error="insufficient_user_authentication", scope="wallet:export"' })).to.equal(undefined);
    expect(await refusal({ 'www-authenticate': 'Bearer error="insufficient_scope", scope="wallet:export"' }, null, 400)).to.equal(undefined);
    expect(await refusal({}, { code: 'step_up_unavailable', payload: { scope: 'wallet:export' } }, 503)).to.equal(undefined);
    expect(await refusal({}, { code: 'not_signed_in' })).to.equal(undefined);
    expect(await readStepUpRefusal(new Response('<html>Unauthorized</html>', { status: 401 }))).to.equal(undefined);
  });
});
