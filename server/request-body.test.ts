// Request bodies: under @hono/node-server the body is read from the Node request itself (no web
// Request is built around it), with the same cap and the same answers as through a Request.
import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, sendError } from './errors.js';
import { MAX_BODY_BYTES, readJsonBody } from './request-body.js';

/** A Node request whose body is `chunks`, as @hono/node-server hands it over in `env.incoming`. */
function incomingWith(...chunks: string[]): IncomingMessage {
  const incoming = new IncomingMessage(new Socket());
  for (const chunk of chunks) incoming.push(Buffer.from(chunk));
  incoming.push(null);
  return incoming;
}

const app = new Hono();
app.post('/', async (c) => c.json(await readJsonBody(c, z.object({ from: z.string() }))));
app.onError((error, c) => (error instanceof ApiError ? sendError(c, error) : c.json({ unexpected: String(error) }, 500)));

/** A request whose own body says it came through the web Request; `incoming`, when given, is the Node request beside it. */
async function post(incoming?: IncomingMessage, contentType = 'application/json') {
  const request = new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: '{"from":"the web Request"}' });
  const res = await app.fetch(request, incoming && { incoming });
  return { status: res.status, body: await res.json() };
}

describe('readJsonBody', () => {
  it('reads the body from the Node request when there is one, in as many chunks as it came', async () => {
    assert.deepEqual((await post(incomingWith('{"from":', '"the Node ', 'request"}'))).body, { from: 'the Node request' });
    assert.deepEqual((await post()).body, { from: 'the web Request' }, 'without one, from the Request');
  });

  it('leaves a Node request that something already read to the Request', async () => {
    const incoming = incomingWith('{"from":"the Node request"}');
    incoming.read();
    assert.deepEqual((await post(incoming)).body, { from: 'the web Request' });
  });

  it('answers as through a Request: 413 past the cap, 400 for bad JSON or content type, 400 for a body cut short', async () => {
    const tooLarge = await post(incomingWith(...Array.from({ length: 9 }, () => 'x'.repeat(MAX_BODY_BYTES / 8))));
    assert.deepEqual([tooLarge.status, tooLarge.body.code], [413, 'payload_too_large']);
    const exactly = await post(incomingWith(`{"from":"${'x'.repeat(MAX_BODY_BYTES - 11)}"}`));
    assert.equal(exactly.status, 200, 'a body of exactly the cap is read');
    const notJson = await post(incomingWith('{"from":'));
    assert.deepEqual([notJson.status, notJson.body.code], [400, 'invalid_request']);
    const wrongType = await post(incomingWith('{"from":"x"}'), 'text/plain');
    assert.deepEqual([wrongType.status, wrongType.body.code], [400, 'invalid_request']);
    const cut = new IncomingMessage(new Socket());
    cut.push(Buffer.from('{"from":'));
    const answer = post(cut);
    cut.destroy();
    const cutShort = await answer;
    assert.deepEqual([cutShort.status, cutShort.body.code], [400, 'invalid_request']);
  });
});
