// The bare route `scripts/bench-server.ts` weighs the reference backend against: a Hono app with
// one route answering small JSON, served as the reference backend is (serve-on-loopback.ts).
import { Hono } from 'hono';
import { serveOnLoopback } from './serve-on-loopback.js';

const app = new Hono();
app.get('/ping', (c) => c.json({ ok: true }));
serveOnLoopback(app, 'bare Hono app');
