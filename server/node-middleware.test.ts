import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createNodeMiddleware } from './node-middleware.js';
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

  it('passes every other path to next()', async () => {
    for (const path of ['/', '/index.html', '/api/v0', '/api/v00/dev/users', '/api/v1/dev/users', '/src/main.ts?api/v0/']) {
      const res = await fetch(`${origin}${path}`);
      assert.equal(await res.text(), 'the host server answered', path);
    }
    assert.equal(passedOn.length, 6);
  });
});
