// `fetch` that answers a step-up refusal itself: it runs the step-up for the refused scope
// through the app's prompt (a `<step-up-dialog>`, or a function), then sends the request once
// more, byte for byte, with the new elevated token.
import type { StepUpClient } from './client.js';
import { getDefaultClient } from './default-client.js';
import type { StepUpElevation } from './elevation.js';
import { isStepUpError, StepUpError } from './errors.js';
import { sessionToken } from './http.js';
import { readElevatedToken } from './jwt-payload.js';
import { readStepUpRefusal, type StepUpRefusal } from './step-up-refusal.js';
import { ELEVATED_TOKEN_HEADER, type ScopeValue } from '@step-up-kit/protocol';

export type { StepUpRefusal };

/** What the app says about the call being approved; the dialog shows it. */
export interface StepUpAbout {
  /** A human label of the action, e.g. 'Export private key'. */
  action?: string;
  /** Label/value pairs: amount, destination, device. */
  details?: readonly StepUpDetail[];
}

export interface StepUpDetail {
  label: string;
  value: string;
}

/**
 * How a step-up runs: a `<step-up-dialog>` (anything with its `requestStepUp`), or a function.
 * Either resolves once the client holds a token for `scope`, and rejects with a StepUpError of
 * code `cancelled` when the user gives up.
 */
export type StepUpPrompt =
  | { requestStepUp(scope: string, about?: StepUpAbout): Promise<StepUpElevation> }
  | ((scope: string, refusal: StepUpRefusal, about: StepUpAbout) => Promise<StepUpElevation>);

export interface StepUpFetchOptions {
  /** Runs the step-up. Default: the page's first `<step-up-dialog>`; with neither, a refusal is returned as is. */
  prompt?: StepUpPrompt;
  /** The client whose tokens are sent and whose API origin they are pinned to. Default: the default client. */
  client?: StepUpClient;
  /** When the user cancels: 'return' (default) the refused response, or 'throw' the `cancelled` error. */
  onCancel?: 'return' | 'throw';
}

/**
 * `fetch`'s init, with `scope` to send a held token for it on the first attempt, what is being
 * approved (`action`, `details`: the dialog shows them), and per-call options.
 */
export type StepUpFetchInit = RequestInit & StepUpFetchOptions & StepUpAbout & { scope?: ScopeValue };

// One prompt at a time on the page: a dialog shows one step-up, and a single-use token must be
// taken by its caller before the next prompt runs.
let lastPrompt: Promise<unknown> | undefined;
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = Promise.resolve(lastPrompt).then(task);
  lastPrompt = run.catch(() => undefined);
  return run;
}

/** The step-up running for a scope, which callers refused meanwhile for that scope join. */
interface SharedStepUp {
  client: StepUpClient;
  done: Promise<unknown>;
  /** Its token was single-use and has gone to one caller. */
  spent?: boolean;
}
const running = /* @__PURE__ */ new Map<string, SharedStepUp>();

/** Runs (or joins) the step-up `refusal` asks for; the token this caller retries with. */
async function elevate(client: StepUpClient, prompt: StepUpPrompt, refusal: StepUpRefusal, about: StepUpAbout): Promise<string | undefined> {
  const { scope } = refusal;
  const ask = () => (typeof prompt === 'function' ? prompt(scope, refusal, about) : prompt.requestStepUp(scope, about));
  let shared = running.get(scope);
  if (shared?.client !== client) {
    const entry: SharedStepUp = (shared = { client, done: oneAtATime(ask) });
    running.set(scope, entry);
    const forget = () => running.get(scope) === entry && running.delete(scope);
    entry.done.then(forget, forget);
  }
  await shared.done;
  if (shared.spent) {
    // A single-use token serves one call: every other call gets its own step-up, in turn.
    return oneAtATime(async () => (await ask(), client.tokens.take(scope, true)));
  }
  const token = client.tokens.take(scope, true);
  shared.spent = Boolean(token && readElevatedToken(token)?.singleUse);
  return token;
}

/** The page's `<step-up-dialog>`, once its element is defined (before that, there is no prompt). */
function defaultPrompt(): StepUpPrompt | undefined {
  const dialog = globalThis.document?.querySelector('step-up-dialog') as Partial<{ requestStepUp: unknown }> | null;
  return typeof dialog?.requestStepUp === 'function' ? (dialog as StepUpPrompt) : undefined;
}

async function fetchWithStepUp(
  fetch: typeof globalThis.fetch | undefined,
  options: StepUpFetchOptions,
  input: RequestInfo | URL,
  init: StepUpFetchInit = {},
): Promise<Response> {
  const { scope, action, details, prompt = options.prompt, client = options.client ?? getDefaultClient(), onCancel = options.onCancel, ...rest } = init;
  const send = fetch ?? client.config.fetch ?? globalThis.fetch;
  const request = new Request(input, rest);
  // The same pinning as elevatedFetch: tokens (and the session) only ever go to the API origin.
  if (new URL(request.url).origin !== client.origin) return send(request);

  const headers = new Headers(request.headers);
  const session = await sessionToken(client);
  if (session && !headers.has('authorization')) headers.set('authorization', `Bearer ${session}`);
  // Both attempts carry one key, so the server can tell a retry from a second action.
  if (!headers.has('idempotency-key')) headers.set('idempotency-key', crypto.randomUUID());
  // A stream can be read only once: such a request is sent once and never retried.
  const streamed = rest.body instanceof ReadableStream;
  const body = streamed || !request.body ? undefined : await request.clone().arrayBuffer();
  const attempt = (token: string | undefined) => {
    const sent = new Headers(headers);
    if (token) sent.set(ELEVATED_TOKEN_HEADER, token);
    // a redirect would carry the token to wherever it points
    return send(new Request(request, { headers: sent, body, ...(token && { redirect: 'error' }) }));
  };

  const held = scope ? client.tokens.take(scope, true) : undefined;
  const first = await attempt(held);
  const refusal = await readStepUpRefusal(first);
  // The server refused the token it was given: held on, it would make the step-up look done.
  if (refusal && held) client.tokens.forget(held);
  const stepUp = prompt ?? defaultPrompt();
  if (!refusal || !stepUp) return first;
  if (streamed) {
    throw new StepUpError('step_up_required', {
      message: 'This request could not be repeated after verification because its content was streamed.',
      status: first.status,
      cause: refusal,
    });
  }
  let token: string | undefined;
  try {
    token = await elevate(client, stepUp, refusal, { action, details });
  } catch (error) {
    if (onCancel !== 'throw' && isStepUpError(error, 'cancelled')) return first;
    throw error;
  }
  return attempt(token);
}

/**
 * `fetch`, with step-up. A request to the client's API origin goes with the session (unless it
 * has an `authorization` header), an `Idempotency-Key` (unless it has one) and, when `scope` is
 * named and a token for it is held, that token. When the answer is a step-up refusal for a
 * scope, the prompt runs the step-up and the request is sent exactly once more, with the same
 * body bytes and key and the new token; whatever that second answer is, it is returned.
 * Several calls refused for one scope share one step-up, unless its token is single-use: then
 * each has its own, one at a time.
 *
 * Returned as is: an answer that is not a step-up refusal, any answer from another origin (no
 * token is ever sent there), and the refusal itself when the user cancels (with
 * `onCancel: 'throw'`, the `cancelled` error instead). A refused request whose body is a
 * `ReadableStream` cannot be sent again: it rejects with `step_up_required`, without a
 * prompt, so the app can run the step-up and send it anew with `scope`. Network failures
 * reject as `fetch`'s do.
 */
export function stepUpFetch(input: RequestInfo | URL, init?: StepUpFetchInit): Promise<Response> {
  return fetchWithStepUp(undefined, {}, input, init);
}

/** `stepUpFetch` over the app's own `fetch`, with `options` for every call (a call's init can override them). */
export function withStepUp(
  fetch: typeof globalThis.fetch,
  options: StepUpFetchOptions = {},
): (input: RequestInfo | URL, init?: StepUpFetchInit) => Promise<Response> {
  return (input, init) => fetchWithStepUp(fetch, options, input, init);
}
