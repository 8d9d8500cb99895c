// The pages of the development OAuth provider: a consent page and an error page. Every
// interpolated value is escaped: they all come from the query string or the form.
import type { Context } from 'hono';
import type { AuthorizeParams } from './dev-oauth-request.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; background: #f4f5f7; color: #1d1f23; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px #0002; }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  .note { color: #5a5f69; font-size: 0.875rem; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 8px; border: 1px solid #1d1f23; background: #fff; cursor: pointer; }
  button[value="allow"] { background: #1d1f23; color: #fff; }
`;

/**
 * Not cacheable (it carries a live state), not framable (a consent button under someone
 * else's page would be clickjacking), and no scripts at all.
 */
function htmlPage(c: Context, status: 200 | 400, title: string, main: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>Dev sign-in provider</h1>
${main}
</main></body>
</html>
`;
  return c.body(html, status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // frame-ancestors 'self': the provider shares the app's origin in dev mode, and the
    // redirect-mode test frames the whole round trip; no other site may frame it.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'",
    // same-origin, not no-referrer: the page's own form post must carry its real Origin (the
    // dev surface refuses a foreign or null one), while nothing leaks to other sites.
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  });
}

export function errorPage(c: Context, reason: string): Response {
  return htmlPage(c, 400, 'Sign-in request refused', `<p>${escapeHtml(reason)}</p>
<p class="note">Nothing was shared. Go back to the application and start again.</p>`);
}

export function consentPage(c: Context, action: string, params: AuthorizeParams, account: string): Response {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage(c, 200, 'Continue to step-up-kit', `<p>Continue to step-up-kit as <strong>${escapeHtml(account)}</strong>?</p>
<p class="note">This page stands in for the real sign-in provider during development.</p>
<form method="post" action="${escapeHtml(action)}">
${hidden}
<div class="actions">
<button type="submit" name="decision" value="allow" autofocus>Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</div>
</form>`);
}
