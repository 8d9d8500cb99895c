// The least an email step-up can cost a backend here, for `scripts/bench-server.ts`: the same
// five requests a step-up makes (check, send, the code, verify, the protected call), each body
// read as JSON and each answer small JSON, on a Hono app served as the reference backend is
// (serve-on-loopback.ts) — and the cryptography the design asks of every backend: an ES256
// elevated token (verifiable against published keys) signed with jose on verify, and verified
// with jose against its key set on the protected call.
// Nothing else: no session, no store, no code, no checks. The reference backend's cost above
// this is its own work; this floor is what the goal of the ratio has to leave room for.
import { createPublicKey } from 'node:crypto';
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { Hono } from 'hono';
import { createLocalJWKSet, exportJWK, importPKCS8, jwtVerify, SignJWT } from 'jose';
import { serveOnLoopback } from './serve-on-loopback.js';

const pem = process.env.STEP_UP_SIGNING_KEY;
if (!pem) throw new Error('STEP_UP_SIGNING_KEY: the ES256 private key (PKCS #8 PEM) the bench uses');
const KID = 'floor';
const ISSUER = 'floor';
const AUDIENCE = 'floor';
const privateKey = await importPKCS8(pem, 'ES256');
const keySet = createLocalJWKSet({ keys: [{ ...(await exportJWK(createPublicKey(pem))), kid: KID, alg: 'ES256', use: 'sig' }] });

const app = new Hono();
app.post('/check', async (c) => {
  await c.req.json();
  return c.json({ isRequired: true, credentials: [{ id: 'email-1', format: 'email', alias: 'user@example.com' }] });
});
app.post('/send', async (c) => {
  await c.req.json();
  return c.json({ verificationUUID: crypto.randomUUID() });
});
app.get('/outbox', (c) => c.json([{ channel: 'email', to: 'user@example.com', code: '123456' }]));
app.post('/verify', async (c) => {
  await c.req.json();
  const iat = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ scope: 'wallet:export', singleUse: true, auth_time: iat, amr: ['otp'] })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: KID })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user')
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(privateKey);
  return c.json({ elevatedAccessToken: token });
});
app.post('/protected', async (c) => {
  const token = c.req.header(ELEVATED_TOKEN_HEADER) ?? '';
  try {
    await jwtVerify(token, keySet, { algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE });
  } catch {
    return c.json({ ok: false }, 401);
  }
  return c.json({ ok: true, userId: 'user' });
});

serveOnLoopback(app, 'floor app');
