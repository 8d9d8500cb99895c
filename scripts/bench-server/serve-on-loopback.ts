// How the bench's own apps are served: by @hono/node-server exactly as server/standalone.ts
// serves the reference backend (same adapter, same serve() call), on 127.0.0.1 and PORT, with
// the URL printed for the bench to find and a clean stop on SIGINT and SIGTERM.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export function serveOnLoopback(app: Hono, name: string): void {
  const port = Number(process.env.PORT ?? 0);
  const httpServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
    console.log(`${name} on http://${info.address}:${info.port}`);
  });
  const stop = () => {
    httpServer.close(() => process.exit(0));
    // Keep-alive connections would otherwise hold the process open.
    if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
