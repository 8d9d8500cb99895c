#!/usr/bin/env node
// `npm run server` / `step-up-kit-server`: the reference backend as its own Node server.
// HOST (default 127.0.0.1), PORT (default 8787); dev mode with STEP_UP_DEV=1 or --dev;
// STEP_UP_SIGNING_KEY: the ES256 key of elevated tokens, PEM or a JWK as JSON (required
// outside dev mode; dev mode makes one up for the life of the process); STEP_UP_REDIS_URL: a
// Redis that several instances share for spent token ids (default: this process's memory).
import { serve } from '@hono/node-server';
import { createReferenceServer, type ReferenceServer } from './create-reference-server.js';
import { createRedisStore } from './stores/redis-store.js';
import type { KeyInput } from './signing-keys.js';

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

function signingKeyFromEnv(value: string | undefined): KeyInput | undefined {
  if (!value?.trim()) return undefined;
  return value.trim().startsWith('{') ? (JSON.parse(value) as KeyInput) : value;
}

let server: ReferenceServer;
try {
  const redisUrl = process.env.STEP_UP_REDIS_URL;
  const store = redisUrl ? await createRedisStore({ url: redisUrl }) : undefined;
  server = createReferenceServer({ devMode, signingKey: signingKeyFromEnv(process.env.STEP_UP_SIGNING_KEY), store });
} catch (error) {
  console.error(`The server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (devMode && !process.env.STEP_UP_SIGNING_KEY) {
  console.warn('Dev mode: made up a signing key for elevated tokens; they stop working when this process ends.');
}
const httpServer = serve({ fetch: server.fetch, hostname: host, port }, (info) => {
  const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(
    `step-up-kit reference backend on http://${shownHost}:${info.port}${server.basePath}` +
      (devMode ? ' (dev mode: /dev routes and demo users enabled)' : ''),
  );
});

function stop(): void {
  httpServer.close(() => void server.close().finally(() => process.exit(0)));
  // Keep-alive connections would otherwise hold the process open.
  if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
