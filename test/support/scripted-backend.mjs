// A test-only HTTP endpoint that answers exactly what a test scripts, for the hostile
// answers the real reference backend never gives (HTML, truncated JSON, wrong types, slow
// replies, crafted tokens). Mounted in the test runner's server at /test-fixtures/.
//
//   /test-fixtures/respond/<base64url JSON {status?, headers?, body?, delayMs?}>/…  -> that answer
//   /test-fixtures/respond/<base64url JSON {routes: {pathSuffix: answer}}>/…       -> the answer whose suffix matches
//   /test-fixtures/echo/…                                                     -> the request, as JSON
export const SCRIPTED_PREFIX = '/test-fixtures/';

function decodeScript(segment) {
  const json = Buffer.from(segment, 'base64url').toString('utf8');
  return JSON.parse(json);
}

export function scriptedBackendMiddleware() {
  return async function scriptedBackend(ctx, next) {
    if (!ctx.path.startsWith(SCRIPTED_PREFIX)) return next();
    const [kind, segment] = ctx.path.slice(SCRIPTED_PREFIX.length).split('/');
    if (kind === 'echo') {
      ctx.set('content-type', 'application/json');
      ctx.body = JSON.stringify({ method: ctx.method, url: ctx.url, headers: ctx.headers });
      return;
    }
    if (kind === 'respond' && segment) {
      let script = decodeScript(segment);
      if (script.routes) {
        const match = Object.keys(script.routes).find((suffix) => ctx.path.endsWith(suffix));
        script = match ? script.routes[match] : { status: 404, body: '{"error":{"code":"not_found","message":"Not found."}}' };
      }
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      ctx.status = script.status ?? 200;
      for (const [name, value] of Object.entries(script.headers ?? { 'content-type': 'application/json' })) {
        ctx.set(name, value);
      }
      ctx.body = script.body ?? '';
      return;
    }
    ctx.status = 404;
  };
}
