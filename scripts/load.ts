// `npm run load`: complete step-ups against the standalone reference backend on loopback.
//
// Starts `server/standalone.ts` in dev mode as child processes on 127.0.0.1 and free ports,
// creates demo users (`POST dev/users`), and runs 1,000 email-code step-ups for wallet:export
// with bounded concurrency: check → send the code → read it from the dev outbox → verify
// (single-use token) → the protected call, sent twice at the same moment (exactly one may pass).
// Then it presents every spent token once more, to the instance that did not accept it: each
// replay must be refused with 401 step_up_required (reason: used). Prints the figures and exits
// non-zero on any failure, double-spend, accepted replay or server error.
//
// `--instances 2 --store redis`: two backend processes with one signing key sharing one Redis
// (a redis-server this script starts on a free loopback port and stops), every request of a
// step-up sent to the next instance in turn. Each dev instance keeps its demo users in its own
// memory, as if each read its own database: the script creates every user on both (same id).
//
// The resend cooldown (30 s per user and channel) allows one code per user per 30 s. In memory,
// the step-ups run in rounds of one per user, and the server clock moves forward by the cooldown
// between rounds (`POST dev/clock`); tokens live 5 minutes, four moves of 31 s leave them live.
// Redis expires keys on real time, so there a dev clock stays put and every step-up is made by
// a user of its own (1,000 users), in one round.
//
// LOAD_STEP_UPS (default 1000), LOAD_USERS (200; with Redis as many as step-ups),
// LOAD_CONCURRENCY (20) change the shape.
// Every request goes to 127.0.0.1; every loop is bounded in count and in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MAX_CREATED_USERS } from '../server/routes/dev.js';
import { startRedis, type RedisServer } from '../server/test-support/redis-server.js';
import { OTP_RESEND_COOLDOWN_MS } from '../server/routes/otp.js';
import { ELEVATED_TOKEN_HEADER, type OtpVerification, type StepUpCheckResponse, type VerifyResponse } from '@step-up-kit/protocol';

const SCOPE = 'wallet:export';
const STEP_UPS = intFromEnv('LOAD_STEP_UPS', 1000, 1, 10_000);
const CONCURRENCY = intFromEnv('LOAD_CONCURRENCY', 20, 1, 200);
const { instances: INSTANCES, store: STORE } = cliOptions();
// Redis expires keys on real time, so a dev clock cannot be moved past the resend cooldown:
// with Redis, every step-up is made by a user of its own, in one round.
const USERS = Math.min(intFromEnv('LOAD_USERS', STORE === 'redis' ? STEP_UPS : 200, 1, MAX_CREATED_USERS), STEP_UPS);
if (STORE === 'redis' && USERS < STEP_UPS) {
  console.error(`With Redis every step-up needs a user of its own: LOAD_USERS (${USERS}) must be at least LOAD_STEP_UPS (${STEP_UPS}), at most ${MAX_CREATED_USERS}.`);
  process.exit(2);
}
/** Phases stop starting work after this; the hard limit below ends the process regardless. */
const SOFT_DEADLINE_MS = 100_000;
const HARD_DEADLINE_MS = 120_000;
const STARTUP_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;
const CLOCK_STEP_SECONDS = OTP_RESEND_COOLDOWN_MS / 1000 + 1;
const STANDALONE = fileURLToPath(new URL('../server/standalone.ts', import.meta.url));

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
    process.exit(2);
  }
  return value;
}

function cliOptions(): { instances: number; store: 'memory' | 'redis' } {
  let values;
  try {
    ({ values } = parseArgs({ options: { instances: { type: 'string', default: '1' }, store: { type: 'string', default: 'memory' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}. Usage: npm run load -- [--instances 1|2] [--store memory|redis]`);
    process.exit(2);
  }
  const instances = Number(values.instances);
  if (![1, 2].includes(instances)) {
    console.error(`--instances must be 1 or 2, got "${values.instances}".`);
    process.exit(2);
  }
  if (values.store !== 'memory' && values.store !== 'redis') {
    console.error(`--store must be memory or redis, got "${values.store}".`);
    process.exit(2);
  }
  if (instances > 1 && values.store !== 'redis') {
    console.error('Two instances need a store they share: add --store redis.');
    process.exit(2);
  }
  return { instances, store: values.store };
}

/** A step that did not answer as a working backend would; `reason` groups the report. */
class StepFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

interface Api {
  base: string;
  environmentId: string;
}

interface LoadUser {
  id: string;
  jwt: string;
}

async function request<T>(
  api: Api,
  stage: string,
  method: string,
  path: string,
  options: { jwt?: string; body?: unknown; headers?: Record<string, string>; expect?: number } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.jwt) headers.authorization = `Bearer ${options.jwt}`;
  let response: Response;
  try {
    response = await fetch(`${api.base}/${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? (error.cause instanceof Error ? error.cause.name : error.name) : 'error';
    throw new StepFailure(`${stage}: no answer (${name})`);
  }
  const text = await response.text();
  if (!/^application\/json/.test(response.headers.get('content-type') ?? '')) {
    throw new StepFailure(`${stage}: ${response.status} not JSON`);
  }
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new StepFailure(`${stage}: ${response.status} malformed JSON`);
  }
  if (response.status !== (options.expect ?? 200)) {
    const code = (body as { code?: unknown } | null)?.code;
    throw new StepFailure(`${stage}: ${response.status} ${typeof code === 'string' ? code : 'unexpected answer'}`);
  }
  return { status: response.status, body };
}

const sdk = (api: Api, path: string) => `sdk/${api.environmentId}/${path}`;

const tally = (map: Map<string, number>, reason: string) => map.set(reason, (map.get(reason) ?? 0) + 1);
const reasonOf = (error: unknown) =>
  error instanceof StepFailure ? error.reason : `unexpected: ${error instanceof Error ? error.message : String(error)}`;
const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);

/** The payload of a JWT, read and not verified, as the client reads it. */
function payloadOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The running instances; `next()` hands out the next one in turn, so a step-up's requests alternate. */
class Cluster {
  private turn = 0;
  constructor(readonly apis: readonly Api[]) {}
  next(): number {
    return this.turn++ % this.apis.length;
  }
  /** The instance after `index` (itself when there is one). */
  other(index: number): number {
    return (index + 1) % this.apis.length;
  }
}

type Presented = 'accepted' | 'refused';

/** Presents a single-use token on the protected route of one instance. */
async function present(api: Api, user: LoadUser, token: string): Promise<Presented> {
  try {
    const done = await request<{ ok?: boolean; userId?: string }>(api, 'protected call', 'POST', 'protected/wallet/export', {
      jwt: user.jwt,
      headers: { [ELEVATED_TOKEN_HEADER]: token },
    });
    if (done.body.ok !== true || done.body.userId !== user.id) throw new StepFailure('protected call: answered for someone else');
    return 'accepted';
  } catch (error) {
    if (error instanceof StepFailure && error.reason === 'protected call: 401 step_up_required') return 'refused';
    throw error;
  }
}

interface SpentToken {
  token: string;
  user: LoadUser;
  /** The instance that accepted it. */
  acceptedBy: number;
  /** Both presentations at once were accepted. */
  doubleSpent: boolean;
}

/** One complete step-up, its token presented to two instances at the same moment. */
async function stepUp(cluster: Cluster, user: LoadUser): Promise<SpentToken> {
  const { jwt } = user;
  const at = (index: number) => cluster.apis[index] as Api;
  let api = at(cluster.next());
  const check = (await request<StepUpCheckResponse>(api, 'check', 'POST', sdk(api, 'stepUp/check'), { jwt, body: { scope: SCOPE } })).body;
  const email = check.credentials.find((c) => c.format === 'email')?.alias;
  if (!check.isRequired || !email) throw new StepFailure('check: no email credential offered');

  api = at(cluster.next());
  const sent = await request<OtpVerification>(api, 'send', 'POST', sdk(api, 'emailVerifications/create'), { jwt, body: { email } });
  api = at(cluster.next());
  const outbox = await request<{ channel: string; to: string; code: string }[]>(api, 'outbox', 'GET', `dev/outbox?userId=${encodeURIComponent(user.id)}`);
  const message = outbox.body[0];
  if (!message || message.channel !== 'email' || message.to !== email) throw new StepFailure('outbox: no code for this user');

  api = at(cluster.next());
  const verified = await request<VerifyResponse>(api, 'verify', 'POST', sdk(api, 'emailVerifications/verify'), {
    jwt,
    body: { verificationUUID: sent.body.verificationUUID, verificationToken: message.code, requestedScopes: [SCOPE] },
  });
  const token = verified.body.elevatedAccessToken;
  if (typeof token !== 'string') throw new StepFailure('verify: no elevated token');
  const claims = payloadOf(token);
  if (claims?.singleUse !== true || typeof claims.scope !== 'string' || !claims.scope.split(' ').includes(SCOPE)) {
    throw new StepFailure('verify: not a single-use wallet:export token');
  }

  // The same single-use token on two instances at once: exactly one may accept it.
  const first = cluster.next();
  const second = cluster.other(first);
  const outcomes = await Promise.all([present(at(first), user, token), present(at(second), user, token)]);
  const accepted = outcomes.filter((o) => o === 'accepted').length;
  if (accepted === 0) throw new StepFailure('protected call: refused on both instances');
  return { token, user, acceptedBy: outcomes[0] === 'accepted' ? first : second, doubleSpent: accepted > 1 };
}

/** Runs `work` over `items`, at most `limit` at a time, starting nothing after `deadline`. */
async function pool<T>(items: readonly T[], limit: number, deadline: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && performance.now() < deadline) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return items.length - next;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** Starts the standalone backend on 127.0.0.1 and a free port; answers its base URL. */
async function startBackend(child: ChildProcess): Promise<string> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the backend did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      seen = (seen + chunk).slice(-4096);
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(seen)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url.replace(/\/+$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the backend exited (code ${code}) before it listened`));
    });
  });
}

async function stopBackend(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** One standalone backend process in dev mode, with the shared key (and Redis); its errors counted. */
function spawnBackend(env: Record<string, string>, log: { errors: number; tail: string }): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', STANDALONE, '--dev'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', STEP_UP_DEV: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log.errors += chunk.split('unexpected error').length - 1;
    log.tail = (log.tail + chunk).slice(-4096);
  });
  return child;
}

async function main(): Promise<number> {
  const started = performance.now();
  const deadline = started + SOFT_DEADLINE_MS;
  const children: ChildProcess[] = [];
  let redis: RedisServer | undefined;
  const log = { errors: 0, tail: '' };
  const hardStop = setTimeout(() => {
    console.error(`The load run did not finish within ${HARD_DEADLINE_MS / 1000} s: stopping.`);
    for (const child of children) child.kill('SIGKILL');
    void redis?.stop();
    process.exit(1);
  }, HARD_DEADLINE_MS);
  hardStop.unref();
  const onSignal = () => {
    for (const child of children) child.kill('SIGTERM');
    void redis?.stop();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // One key for every instance: each honours the others' sessions and tokens.
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const env: Record<string, string> = { STEP_UP_SIGNING_KEY: signingKey };
    if (STORE === 'redis') {
      redis = await startRedis();
      env.STEP_UP_REDIS_URL = redis.url;
    }
    for (let i = 0; i < INSTANCES; i++) children.push(spawnBackend(env, log));
    const bases = await Promise.all(children.map(startBackend));
    const failures = new Map<string, number>();
    const fail = (error: unknown) => tally(failures, reasonOf(error));

    // Set-up (not timed): the environment, the users (on every instance) and their sessions.
    const probe = await request<{ environmentId: string }>({ base: bases[0]!, environmentId: '' }, 'set-up', 'POST', 'dev/session', { body: { userId: 'bob' } });
    const cluster = new Cluster(bases.map((base) => ({ base, environmentId: probe.body.environmentId })));
    const [home, ...mirrors] = cluster.apis as [Api, ...Api[]];
    const users: LoadUser[] = [];
    const setupFailures = new Map<string, number>();
    await pool(Array.from({ length: USERS }, (_, i) => i), CONCURRENCY, deadline, async (i) => {
      try {
        const label = `Load user ${i + 1}`;
        const { id } = (await request<{ id: string }>(home, 'create user', 'POST', 'dev/users', { body: { label } })).body;
        for (const mirror of mirrors) await request(mirror, 'create user', 'POST', 'dev/users', { body: { id, label } });
        const { jwt } = (await request<{ jwt: string }>(home, 'sign in', 'POST', 'dev/session', { body: { userId: id } })).body;
        users.push({ id, jwt });
      } catch (error) {
        tally(setupFailures, reasonOf(error));
      }
    });
    if (users.length !== USERS) {
      console.error(`Set-up failed: ${users.length} of ${USERS} users created and signed in.`);
      for (const [reason, count] of setupFailures) console.error(`  ${count} × ${reason}`);
      return 1;
    }

    // The step-ups: rounds of one per user, the server clocks moved past the resend cooldown between them.
    const latencies: number[] = [];
    const spent: SpentToken[] = [];
    let notRun = 0;
    let clockMoves = 0;
    const rounds = Math.ceil(STEP_UPS / USERS);
    const stepUpsStarted = performance.now();
    for (let round = 0; round < rounds; round++) {
      const count = Math.min(USERS, STEP_UPS - round * USERS);
      if (performance.now() >= deadline) {
        notRun += count;
        continue;
      }
      if (round > 0) {
        try {
          for (const api of cluster.apis) await request(api, 'clock', 'POST', 'dev/clock', { body: { advanceSeconds: CLOCK_STEP_SECONDS } });
          clockMoves += 1;
        } catch (error) {
          fail(error);
        }
      }
      notRun += await pool(users.slice(0, count), CONCURRENCY, deadline, async (user) => {
        const t0 = performance.now();
        try {
          const result = await stepUp(cluster, user);
          latencies.push(performance.now() - t0);
          spent.push(result);
        } catch (error) {
          fail(error);
        }
      });
    }
    const stepUpSeconds = (performance.now() - stepUpsStarted) / 1000;
    const doubleSpends = spent.filter((s) => s.doubleSpent).length;

    // Every spent single-use token, presented again to the instance that did not accept it.
    let refused = 0;
    let replaysAccepted = 0;
    const replayFailures = new Map<string, number>();
    const replaysNotRun = await pool(spent, CONCURRENCY, deadline, async ({ token, user, acceptedBy }) => {
      const api = cluster.apis[cluster.other(acceptedBy)] as Api;
      try {
        const res = await request<{ code?: string; payload?: { reason?: string } }>(api, 'replay', 'POST', 'protected/wallet/export', {
          jwt: user.jwt,
          headers: { [ELEVATED_TOKEN_HEADER]: token },
          expect: 401,
        });
        if (res.body.code === 'step_up_required' && res.body.payload?.reason === 'used') refused += 1;
        else tally(replayFailures, `replay: 401 ${res.body.code} ${res.body.payload?.reason}`);
      } catch (error) {
        const reason = reasonOf(error);
        if (/^replay: 2\d\d /.test(reason)) replaysAccepted += 1;
        else tally(replayFailures, reason);
      }
    });

    const sorted = latencies.toSorted((a, b) => a - b);
    const failed = total(failures);
    const replayFailed = total(replayFailures);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const throughput = `${(spent.length / stepUpSeconds).toFixed(1)}/s`;
    console.log(`step-up-kit load run: ${STEP_UPS} email-code step-ups for ${SCOPE}, ${USERS} users, concurrency ${CONCURRENCY}`);
    console.log(
      INSTANCES > 1
        ? `backend: ${INSTANCES} standalone reference backends in dev mode with one signing key, sharing one Redis (${redis?.url}); requests alternate: ${bases.join(', ')}`
        : `backend: the standalone reference backend in dev mode, ${STORE === 'redis' ? `on Redis (${redis?.url}), ` : ''}${bases[0]}`,
    );
    console.log(`server clock moved ${clockMoves} × ${CLOCK_STEP_SECONDS} s between rounds (resend cooldown)`);
    console.log(`succeeded:              ${spent.length}`);
    console.log(`failed:                 ${failed}${notRun > 0 ? ` (+ ${notRun} not run: time limit)` : ''}`);
    for (const [reason, count] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${reason}`);
    console.log(`double-spends:          ${doubleSpends} (each token presented to ${INSTANCES > 1 ? 'both instances' : 'the instance twice'} at once)`);
    console.log(`replays refused:        ${refused} of ${spent.length} (401 step_up_required, used${INSTANCES > 1 ? ', on the other instance' : ''})`);
    if (replayFailed > 0 || replaysNotRun > 0) {
      console.log(`replays not as expected: ${replayFailed}${replaysNotRun > 0 ? ` (+ ${replaysNotRun} not run: time limit)` : ''}`);
      for (const [reason, count] of replayFailures) console.log(`  ${count} × ${reason}`);
    }
    console.log(`throughput:             ${throughput} (${spent.length} in ${stepUpSeconds.toFixed(2)} s)`);
    console.log(`latency per step-up:    p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? Number.NaN)} (check, send, outbox, verify, protected call ×2)`);
    console.log(`server errors logged:   ${log.errors}`);
    console.log(`total run time:         ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (log.errors > 0) console.error(`A backend logged unexpected errors; the last output:\n${log.tail}`);
    console.log(
      `${spent.length} step-ups, ${doubleSpends} double-spends, ${replaysAccepted} replays accepted, ${throughput}, p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`,
    );

    const ok =
      spent.length === STEP_UPS && failed === 0 && notRun === 0 && doubleSpends === 0 && replaysAccepted === 0 && replayFailed === 0 &&
      replaysNotRun === 0 && refused === spent.length && log.errors === 0;
    return ok ? 0 : 1;
  } finally {
    await Promise.all(children.map(stopBackend));
    await redis?.stop();
    clearTimeout(hardStop);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The load run could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
