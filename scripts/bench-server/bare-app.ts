// The floor `scripts/bench-server.ts` measures the reference backend against: a Hono app with
// one route answering small JSON, served by @hono/node-server exactly as server/standalone.ts
// serves the reference backend (same adapter, same serve() call), on 127.0.0.1 and PORT.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 0);
const app = new Hono();
app.get('/ping', (c) => c.json({ ok: true }));

const httpServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`bare Hono app on http://${info.address}:${info.port}`);
});

function stop(): void {
  httpServer.close(() => process.exit(0));
  // Keep-alive connections would otherwise hold the process open.
  if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
