#!/usr/bin/env node
// `npm run server`: the reference backend as its own Node server.
// HOST (default 127.0.0.1), PORT (default 8787); dev mode with STEP_UP_DEV=1 or --dev.
import { serve } from '@hono/node-server';
import { createReferenceServer } from './create-reference-server.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}
const devMode = process.env.STEP_UP_DEV === '1' || process.argv.includes('--dev');
if (devMode && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.warn(`Dev mode on ${host}: anyone who can reach this port can sign in as any demo user and read the demo secrets.`);
}

const server = createReferenceServer({ devMode });
const httpServer = serve({ fetch: server.fetch, hostname: host, port }, (info) => {
  const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(
    `step-up-kit reference backend on http://${shownHost}:${info.port}${server.basePath}` +
      (devMode ? ' (dev mode: /dev routes and demo users enabled)' : ''),
  );
});

function stop(): void {
  httpServer.close(() => process.exit(0));
  // Keep-alive connections would otherwise hold the process open.
  if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
