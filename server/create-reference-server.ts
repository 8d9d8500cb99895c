// The factory: wires the routes of the reference backend into one Hono app.
import { ELEVATED_TOKEN_HEADER } from '@step-up-kit/protocol';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { ApiError, notFound, sendError } from './errors.js';
import { registerCheckRoutes } from './routes/check.js';
import { createDevRoutes } from './routes/dev.js';
import { registerExternalAuthRoutes } from './routes/external-auth.js';
import { registerOtpRoutes } from './routes/otp.js';
import { registerPasskeyAuthRoutes } from './routes/passkey-auth.js';
import { registerPasskeyRegistrationRoutes } from './routes/passkey-registration.js';
import { registerProtectedRoutes } from './routes/protected.js';
import { registerRecoveryRoutes } from './routes/recovery.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerSignInRoutes } from './routes/sign-in.js';
import { MAX_BODY_BYTES, payloadTooLarge } from './request-body.js';
import { registerSocialRoutes } from './routes/social.js';
import { registerTotpRoutes } from './routes/totp.js';
import { registerWalletRoutes } from './routes/wallet.js';
import { createServerContext, type ReferenceServerOptions, type ServerContext } from './server-context.js';
import { refuseRevokedSessions } from './session-revocation.js';
import { requireSession, type AppEnv } from './session.js';

/** How long verifiers may cache the key set; a rotation keeps the old key listed longer than this. */
export const JWKS_MAX_AGE_SECONDS = 5 * 60;

/**
 * Headers Dynamic's SDK sends with its calls (API and SDK versions, request and SDK-session ids,
 * platform, session public key, device-signed nonce, logout reason): a cross-origin page using
 * that SDK is refused at the preflight unless they are allowed. None of them is required here.
 */
const DYNAMIC_SDK_HEADERS = [
  'x-dyn-api-version',
  'x-dyn-version',
  'x-dyn-request-id',
  'x-dyn-session-id',
  'x-dyn-session-public-key',
  'x-dynamic-platform',
  'x-dynamic-device-nonce',
  'x-dynamic-device-publickey',
  'x-dynamic-device-signed-nonce',
  'x-dyn-logout-reason',
];

export interface ReferenceServer {
  app: Hono;
  /**
   * `env`: what the server adapter passes along, e.g. @hono/node-server's `{ incoming, outgoing }`
   * (a body is then read from the Node request directly).
   */
  fetch(request: Request, env?: object): Promise<Response>;
  /** Normalized: leading slash, no trailing slash (e.g. '/api/v0'). */
  basePath: string;
  environmentId: string;
  /**
   * Signs a user of the directory in: a session JWT for `Authorization: Bearer …` on the step-up
   * routes (12 hours). The app calls it once its own sign-in succeeded.
   */
  issueSession(userId: string): Promise<string>;
  /**
   * Restores the initial state: the seeded users in dev mode, nothing otherwise. Refused (409
   * `invalid_request`) with a store outside this process (Redis): a store shared by several
   * instances cannot be reset by one.
   */
  reset(): void;
  /** Releases the store's connections (Redis); the server answers nothing afterwards that needs it. */
  close(): Promise<void>;
}

function createSdkRoutes(ctx: ServerContext): Hono<AppEnv> {
  const sdk = new Hono<AppEnv>();
  // This server hosts one environment; any other id is an address that does not exist.
  sdk.use('*', async (c, next) => {
    if (c.req.param('environmentId') !== ctx.environmentId) {
      throw new ApiError(404, 'environment_not_found', 'This environment does not exist.');
    }
    await next();
  });
  // Before the session check: what Dynamic's SDK calls before anyone is signed in.
  registerSettingsRoutes(sdk, ctx);
  registerSignInRoutes(sdk, ctx);
  sdk.use('*', requireSession(ctx.sessions, (id) => ctx.users.find(id)));
  sdk.use('*', refuseRevokedSessions(ctx));
  registerSessionRoutes(sdk, ctx);
  registerCheckRoutes(sdk, ctx);
  registerOtpRoutes(sdk, ctx);
  registerTotpRoutes(sdk, ctx);
  registerRecoveryRoutes(sdk, ctx);
  registerExternalAuthRoutes(sdk, ctx);
  registerPasskeyAuthRoutes(sdk, ctx);
  registerPasskeyRegistrationRoutes(sdk, ctx);
  registerWalletRoutes(sdk, ctx);
  registerSocialRoutes(sdk, ctx);
  return sdk;
}

function createProtectedRoutes(ctx: ServerContext): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireSession(ctx.sessions, (id) => ctx.users.find(id)));
  routes.use('*', refuseRevokedSessions(ctx));
  registerProtectedRoutes(routes, ctx);
  return routes;
}

function createApiRoutes(ctx: ServerContext): Hono {
  const api = new Hono();
  if (ctx.corsOrigins.length > 0) {
    api.use(
      '*',
      cors({
        origin: ctx.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', ELEVATED_TOKEN_HEADER, ...DYNAMIC_SDK_HEADERS],
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  }
  // An announced oversize body is refused before it is read; readJsonBody caps the rest.
  // (hono's bodyLimit re-wraps the request, which breaks on @hono/node-server's
  // lightweight Request when global objects are not overridden.)
  api.use('*', async (c, next) => {
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw payloadTooLarge();
    await next();
  });
  api.route('/sdk/:environmentId', createSdkRoutes(ctx));
  api.route('/protected', createProtectedRoutes(ctx));
  // The public keys of elevated tokens, for the app's API and any service that verifies them.
  api.get('/.well-known/jwks.json', (c) => {
    c.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
    return c.json(ctx.elevatedTokens.jwks());
  });
  if (ctx.devMode) api.route('/dev', createDevRoutes(ctx));
  return api;
}

/** Builds the app around an existing context (tests reach into the context this way). */
export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();
  app.route(ctx.basePath || '/', createApiRoutes(ctx));
  app.notFound((c) => sendError(c, notFound()));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      return sendError(c, new ApiError(error.status, 'invalid_request', 'The request is not valid.'));
    }
    // Never a stack trace in the answer: the details stay in the server's log.
    console.error('step-up-kit reference server: unexpected error', error);
    return sendError(c, new ApiError(500, 'server_error', 'Something went wrong on our side. Try again in a moment.'));
  });
  return app;
}

export function createReferenceServer(options: ReferenceServerOptions = {}): ReferenceServer {
  const ctx = createServerContext(options);
  const app = createApp(ctx);
  return {
    app,
    fetch: async (request, env) => app.fetch(request, env),
    basePath: ctx.basePath,
    environmentId: ctx.environmentId,
    issueSession: (userId) => ctx.sessions.issue(userId),
    reset: () => ctx.reset(),
    close: () => ctx.sharedStore.close(),
  };
}
