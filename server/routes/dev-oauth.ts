// The development OAuth provider (dev mode only, no session: it plays a third-party site):
// GET dev/oauth/authorize shows a consent page, POST answers it with a redirect that carries
// a code or access_denied. Failures are a 400 page and never a redirect, so a forged request
// cannot bounce the browser anywhere.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { consentPage, errorPage } from '../dev-oauth-page.js';
import { checkAuthorizeRequest } from '../dev-oauth-request.js';
import { rememberCode } from '../oauth-records.js';
import { readCappedText } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import { DEV_OAUTH_AUTHORIZE_PATH, OAUTH_CODE_LIFETIME_MS } from '../social-providers.js';

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

async function readForm(c: Context): Promise<URLSearchParams | undefined> {
  if (!FORM_CONTENT_TYPE.test(c.req.header('content-type') ?? '')) return undefined;
  try {
    return new URLSearchParams(await readCappedText(c.req.raw));
  } catch {
    return undefined;
  }
}

export function registerDevOAuthRoutes(dev: Hono, ctx: ServerContext): void {
  // The dev router is mounted at `${basePath}/dev`; the form posts back to the same address.
  const path = '/oauth/authorize';
  const action = `${ctx.basePath}${DEV_OAUTH_AUTHORIZE_PATH}`;

  dev.get(path, async (c) => {
    const check = await checkAuthorizeRequest(ctx, new URL(c.req.url).searchParams);
    if (!check.ok) return errorPage(c, check.reason);
    return consentPage(c, action, check.params, check.account);
  });

  dev.post(path, async (c) => {
    const form = await readForm(c);
    if (!form) return errorPage(c, 'The sign-in form could not be read.');
    const check = await checkAuthorizeRequest(ctx, form);
    if (!check.ok) return errorPage(c, check.reason);
    const decision = form.getAll('decision');
    if (decision.length !== 1 || (decision[0] !== 'allow' && decision[0] !== 'deny')) {
      return errorPage(c, 'Choose Continue or Cancel.');
    }

    const { params } = check;
    const target = new URL(params.redirect_uri);
    if (decision[0] === 'allow') {
      const code = randomBytes(32).toString('base64url');
      const nowMs = ctx.now();
      await rememberCode(ctx, code, {
        state: params.state,
        codeChallenge: params.code_challenge,
        redirectUri: params.redirect_uri,
        clientId: params.client_id,
        provider: check.provider,
        userId: check.userId,
        expiresAt: nowMs + OAUTH_CODE_LIFETIME_MS,
      });
      target.searchParams.set('code', code);
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    target.searchParams.set('state', params.state);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(target.href, 302);
  });
}
