import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createNodeMiddleware } from './node-middleware.js';
import { MAX_BODY_BYTES } from './request-body.js';
import { createTestServer } from './test-helpers.js';

describe('createNodeMiddleware', () => {
  const { server } = createTestServer();
  const middleware = createNodeMiddleware(server);
  const passedOn: string[] = [];
  let http: Server;
  let origin: string;

  before(async () => {
    http = createServer((req, res) =>
      middleware(req, res, () => {
        passedOn.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('the host server answered');
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('serves the API under the base path over real HTTP', async () => {
    const users = await fetch(`${origin}/api/v0/dev/users`);
    assert.equal(users.status, 200);
    assert.equal((await users.json()).length, 2);

    const session = await fetch(`${origin}/api/v0/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'bob' }),
    });
    const { jwt } = await session.json();
    const check = await fetch(`${origin}/api/v0/sdk/step-up-demo/stepUp/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ scope: 'wallet:export' }),
    });
    assert.equal(check.status, 200);
    assert.equal((await check.json()).defaultCredentialId, 'bob-email');

    const missing = await fetch(`${origin}/api/v0/nothing?x=1`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).code, 'not_found');
    assert.deepEqual(passedOn, []);
  });

  it('reads a chunked body (no Content-Length) up to the cap, and refuses one past it with 413', async () => {
    const post = (chunks: string[]) =>
      new Promise<{ status: number; body: { code?: string; jwt?: string } }>((resolve, reject) => {
        const req = request(`${origin}/api/v0/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    const signedIn = await post(['{"userId"', ':"bob"}']);
    assert.equal(signedIn.status, 200);
    assert.ok(signedIn.body.jwt);
    const tooLarge = await post(Array.from({ length: 9 }, () => ' '.repeat(MAX_BODY_BYTES / 8)));
    assert.deepEqual([tooLarge.status, tooLarge.body.code], [413, 'payload_too_large']);
  });

  it('passes every other path to next()', async () => {
    for (const path of ['/', '/index.html', '/api/v0', '/api/v00/dev/users', '/api/v1/dev/users', '/src/main.ts?api/v0/']) {
      const res = await fetch(`${origin}${path}`);
      assert.equal(await res.text(), 'the host server answered', path);
    }
    assert.equal(passedOn.length, 6);
  });
});
