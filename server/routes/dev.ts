// Development-only surface (dev mode): demo users, sessions, the outbox of sent codes, secrets
// a real user would hold on their phone or wallet, reset, a movable clock, and the
// development OAuth provider.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { loopbackOnly } from '../dev-guard.js';
import { listDevOutbox } from '../dev-outbox.js';
import type { DevSecrets } from '../dev-seed.js';
import { ApiError, notFound } from '../errors.js';
import { readJsonBody } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import { DEV_OAUTH_AUTHORIZE_PATH } from '../social-providers.js';
import { credentialsOf, hasMfaDevice, type User } from '../users.js';
import { registerDevOAuthRoutes } from './dev-oauth.js';

// Keeps every date the server prints inside the range a Date can represent.
const MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 60 * 60 * 1000;
const MAX_EXTERNAL_JWT_SECONDS = 365 * 24 * 60 * 60;
/** Users made by `POST users` on top of the seed, until the next reset: keeps memory bounded. */
export const MAX_CREATED_USERS = 1000;

const SessionBody = z.object({ userId: z.string().max(200) });
const CreateUserBody = z.object({
  label: z.string().trim().min(1).max(100).optional(),
  id: z.string().regex(/^user-[0-9a-f]{16}$/, 'an id made by this route').optional(),
});
const ClockBody = z.object({ advanceSeconds: z.number().min(0).max(MAX_CLOCK_OFFSET_MS / 1000) });
// Deliberately permissive (any scope string, negative lifetimes, chosen jti): tests use it to
// forge the bad assertions the server must refuse.
const ExternalJwtBody = z.object({
  userId: z.string().max(200),
  // Left out for a sign-in assertion (externalAuth/signin), which grants no scope.
  scope: z.string().max(2000).optional(),
  expiresInSeconds: z.number().int().min(-MAX_EXTERNAL_JWT_SECONDS).max(MAX_EXTERNAL_JWT_SECONDS).optional(),
  jti: z.string().min(1).max(200).optional(),
});

const userNotFound = () => new ApiError(404, 'user_not_found', 'There is no demo user with this id.');

export function createDevRoutes(ctx: ServerContext): Hono {
  const dev = new Hono();
  dev.use('*', loopbackOnly({ formPaths: [`${ctx.basePath}${DEV_OAUTH_AUTHORIZE_PATH}`] }));
  // Dev mode always has the demo's directory (server-context.ts).
  const demoUsers = () => ctx.demoUsers!;
  const requireUser = async (id: string): Promise<User> => {
    const user = await ctx.users.find(id);
    if (!user) throw userNotFound();
    return user;
  };

  dev.get('/users', (c) => c.json(demoUsers().list().map((u) => ({ id: u.id, label: u.label, mfa: hasMfaDevice(u) }))));

  // Extension: a re-auth user with one email credential, for scripts that need many users (a
  // load run: the resend cooldown holds one user to one code per 30 s). Gone after a reset.
  // With `id` (one this route made elsewhere): the same user on this instance too, as if both
  // instances read one database (each dev instance keeps its demo users in its own memory).
  dev.post('/users', async (c) => {
    const { label, id: givenId } = await readJsonBody(c, CreateUserBody);
    const created = demoUsers().size - (ctx.devSeed?.users.length ?? 0);
    if (created >= MAX_CREATED_USERS) {
      throw new ApiError(409, 'too_many_users', `There are already ${MAX_CREATED_USERS} created demo users. Reset the demo to start again.`);
    }
    if (givenId !== undefined && (await ctx.users.find(givenId))) {
      throw new ApiError(400, 'invalid_request', 'There is already a demo user with this id.');
    }
    const id = givenId ?? `user-${randomBytes(8).toString('hex')}`;
    const email = `${id}@example.com`;
    const user: User = {
      id,
      label: label ?? `Demo user ${created + 1}`,
      credentials: [{ kind: 'email', id: `${id}-email`, address: email }],
      signInCredentialId: `${id}-email`,
      recoveryCodes: [],
    };
    demoUsers().put(user);
    return c.json({ id, label: user.label, email });
  });

  dev.post('/session', async (c) => {
    const { userId } = await readJsonBody(c, SessionBody);
    await requireUser(userId);
    return c.json({ jwt: await ctx.sessions.issue(userId), environmentId: ctx.environmentId });
  });

  dev.get('/outbox', async (c) => c.json(await listDevOutbox(ctx, c.req.query('userId'))));

  dev.get('/users/:id/secrets', async (c) => {
    const user = await requireUser(c.req.param('id'));
    const seeded = ctx.devSeed?.secrets.get(user.id) ?? {};
    const secrets: DevSecrets = { ...seeded };
    if (seeded.recoveryCodes) {
      const unused = new Set(user.recoveryCodes.filter((r) => r.usedAt === undefined).map((r) => r.hash));
      secrets.recoveryCodes = seeded.recoveryCodes.filter((code) => unused.has(ctx.hashRecoveryCode(code)));
    }
    // Registered at runtime (the seed has none); listed so a test can tell which exist.
    const passkeys = credentialsOf(user, 'passkey').map((p) => ({ id: p.id, name: p.name }));
    if (passkeys.length > 0) secrets.passkeys = passkeys;
    return c.json(secrets);
  });

  dev.post('/reset', (c) => {
    ctx.reset();
    return c.json({ ok: true });
  });

  dev.post('/clock', async (c) => {
    const { advanceSeconds } = await readJsonBody(c, ClockBody);
    // A shared store (Redis) lets keys expire on real time: a moved clock would disagree with it.
    if (!ctx.sharedStoreFollowsClock) {
      throw new ApiError(409, 'invalid_request', 'The clock cannot be moved while short-lived state is kept in a shared store: it expires on real time.');
    }
    const offset = ctx.clockOffsetMs + Math.round(advanceSeconds * 1000);
    if (offset > MAX_CLOCK_OFFSET_MS) {
      throw new ApiError(400, 'invalid_request', 'The clock cannot be moved more than 100 years ahead.');
    }
    ctx.clockOffsetMs = offset;
    return c.json({ now: ctx.now() });
  });

  dev.post('/external-jwt', async (c) => {
    const issuer = ctx.devIssuer;
    // Only exists when the server trusts the generated dev issuer (no externalAuth option).
    if (!issuer) throw notFound();
    const body = await readJsonBody(c, ExternalJwtBody);
    return c.json({ jwt: await issuer.sign(body) });
  });

  registerDevOAuthRoutes(dev, ctx);

  return dev;
}
