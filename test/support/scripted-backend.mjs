// A test-only HTTP endpoint that answers exactly what a test scripts, for the hostile
// answers the real reference backend never gives (HTML, truncated JSON, wrong types, slow
// replies, crafted tokens). Mounted in the test runner's server at /test-fixtures/.
//
//   /test-fixtures/respond/<base64url JSON {status?, headers?, body?, delayMs?}>/…  -> that answer
//   /test-fixtures/respond/<base64url JSON {routes: {pathSuffix: answer}}>/…       -> the answer whose suffix matches
//   /test-fixtures/echo/…                                                     -> the request, as JSON
//   /test-fixtures/arrived/…   -> every request that reached /test-fixtures/echo/… (same suffix), as a JSON array
export const SCRIPTED_PREFIX = '/test-fixtures/';

/** Requests the echo answered, by path: a test asks afterwards what reached a target (a redirect's). */
const arrivals = new Map();
const MAX_RECORDED_PATHS = 200;

function record(path, request) {
  if (!arrivals.has(path) && arrivals.size >= MAX_RECORDED_PATHS) arrivals.delete(arrivals.keys().next().value);
  arrivals.set(path, [...(arrivals.get(path) ?? []), request]);
}

function decodeScript(segment) {
  const json = Buffer.from(segment, 'base64url').toString('utf8');
  return JSON.parse(json);
}

export function scriptedBackendMiddleware() {
  return async function scriptedBackend(ctx, next) {
    if (!ctx.path.startsWith(SCRIPTED_PREFIX)) return next();
    const [kind, segment] = ctx.path.slice(SCRIPTED_PREFIX.length).split('/');
    if (kind === 'echo') {
      const request = { method: ctx.method, url: ctx.url, headers: ctx.headers };
      record(ctx.path, request);
      ctx.set('content-type', 'application/json');
      ctx.body = JSON.stringify(request);
      return;
    }
    if (kind === 'arrived') {
      const echoPath = `${SCRIPTED_PREFIX}echo/${ctx.path.slice(`${SCRIPTED_PREFIX}arrived/`.length)}`;
      ctx.set('content-type', 'application/json');
      ctx.body = JSON.stringify(arrivals.get(echoPath) ?? []);
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
