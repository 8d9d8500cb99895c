// Records every request to the step-up API (`{basePath}/sdk/{environmentId}/…`) that reaches the
// reference backend during the browser suite, as one JSON line each, for the wire drift guard
// (test/wire/): what actually went over the wire, not what a test believes it sent.
//
// It wraps the backend's `fetch` rather than reading the Node request stream: a clone of the
// Fetch `Request` tees the body, so the backend reads exactly the bytes it would have read
// without the recorder. Lines are appended synchronously as each answer leaves; with the
// runner's concurrency 1, one file's requests follow the previous file's.
//
// A run writes its own file and makes it the log only when the runner stops, so a second run
// in the same checkout (one file, while the suite runs) can neither clear nor mix into another
// run's log: the log is always one whole run, the last to finish.
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The log: `.wire-log/requests.jsonl` at the repository root (gitignored; replaced by each run). */
export const WIRE_LOG = fileURLToPath(new URL('../../.wire-log/requests.jsonl', import.meta.url));

/** Bodies larger than the backend accepts are not kept: the backend refuses them unread. */
const MAX_RECORDED_BODY_CHARS = 64 * 1024;

/**
 * Who sent a request, from headers only the sender sets: the core asks for JSON
 * (`accept: application/json`) and never `x-dyn-version`; Dynamic's own SDK sends
 * `x-dyn-version`; a test's raw `fetch` (replays, deliberately broken bodies) sets no `accept`.
 */
export function senderOf(headers) {
  if (headers.get('x-dyn-version')) return 'dynamic-sdk';
  if (headers.get('accept') === 'application/json') return 'core';
  return 'other';
}

function parseBody(text) {
  if (text === '') return { body: null };
  if (text.length > MAX_RECORDED_BODY_CHARS) return { body: null, bodyNote: 'too large to record' };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: null, bodyNote: 'not JSON' };
  }
}

/** Run files of runs whose process is gone (killed before the runner stopped). */
function removeAbandonedRunFiles(folder) {
  for (const name of readdirSync(folder)) {
    const pid = Number(/^run-(\d+)\.jsonl$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0); // signal 0: only asks whether the process exists
    } catch (error) {
      if (error.code === 'ESRCH') rmSync(join(folder, name), { force: true });
    }
  }
}

/**
 * `wireRecorder(backend, { logFile })` → `{ server, middleware, plugin }`: `server` is `backend`
 * with a recording `fetch` (mount it with `createNodeMiddleware`); `middleware` notes which test
 * file each browser session runs, so a line can name the file that caused it; `plugin` makes
 * this run's file the log when the runner stops.
 */
export function wireRecorder(backend, { logFile = WIRE_LOG } = {}) {
  const sdkPrefix = `${backend.basePath}/sdk/`;
  const runFile = join(dirname(logFile), `run-${process.pid}.jsonl`);
  /** wtr-session-id → the test file that session loaded. */
  const testFiles = new Map();
  let lastTestFile = null;
  let warned = false;

  const warnOnce = (error) => {
    // Never fail a browser test for the log: the guard fails on a log that is missing or partial.
    if (!warned) console.warn(`wire recorder: ${error.message}`);
    warned = true;
  };

  // A new run: the previous log no longer describes the code under test.
  rmSync(logFile, { force: true });
  mkdirSync(dirname(logFile), { recursive: true });
  removeAbandonedRunFiles(dirname(logFile));
  writeFileSync(runFile, '');

  function append(entry) {
    const line = `${JSON.stringify(entry)}\n`;
    try {
      appendFileSync(runFile, line);
    } catch {
      try {
        mkdirSync(dirname(runFile), { recursive: true }); // removed while the suite ran
        appendFileSync(runFile, line);
      } catch (error) {
        warnOnce(error);
      }
    }
  }

  function testFileOf(request) {
    const session = URL.parse(request.headers.get('referer') ?? '')?.searchParams.get('wtr-session-id');
    if (session && testFiles.has(session)) return testFiles.get(session);
    return lastTestFile; // a popup or second tab: the file running now (one at a time)
  }

  /** The body's text, read from a clone; what the backend reads stays untouched. */
  async function bodyText(request) {
    if (!request.body) return { text: '' };
    try {
      return { text: await request.clone().text() };
    } catch {
      return { text: '', bodyNote: 'unreadable (the client gave up sending it)' };
    }
  }

  const server = {
    ...backend,
    async fetch(request, ...rest) {
      const url = new URL(request.url);
      if (!url.pathname.startsWith(sdkPrefix)) return backend.fetch(request, ...rest);
      const { text, bodyNote } = await bodyText(request);
      const response = await backend.fetch(request, ...rest);
      append({
        method: request.method,
        // the environment id normalised: one endpoint, whatever environment a test used
        path: url.pathname.slice(backend.basePath.length).replace(/^\/sdk\/[^/]+\//, '/sdk/{environmentId}/'),
        ...(bodyNote ? { body: null, bodyNote } : parseBody(text)),
        status: response.status,
        sender: senderOf(request.headers),
        testFile: testFileOf(request),
      });
      return response;
    },
  };

  function middleware() {
    return function wireRecorderTestFiles(ctx, next) {
      const session = ctx.query['wtr-session-id'];
      if (typeof session === 'string' && /\.test\.[jt]s$/.test(ctx.path)) {
        testFiles.set(session, ctx.path.slice(1));
        lastTestFile = ctx.path.slice(1);
      }
      return next();
    };
  }

  function plugin() {
    return {
      name: 'wire-recorder',
      serverStop() {
        try {
          renameSync(runFile, logFile);
        } catch (error) {
          warnOnce(error);
        }
      },
    };
  }

  return { server, middleware, plugin };
}
