// `npm run bench:server`: what the reference backend costs, as a ratio to a bare Hono route, and
// whether it keeps its pace and its memory under a steady load (the performance issue).
//
// Everything runs on 127.0.0.1 in child processes this script starts on free ports and stops:
// 1. A bare Hono app (scripts/bench-server/bare-app.ts: one route answering small JSON, served by
//    @hono/node-server as server/standalone.ts serves the backend), hammered at concurrency 20.
// 2. The standalone reference backend in dev mode: complete email-code step-ups (check → send →
//    the code from the dev outbox → verify → the protected call), each user one at a time, at
//    concurrency 20. Prints `one step-up costs N bare requests` (goal N ≤ 8) with p50/p99.
//    Then the floor: the same five requests to a Hono app that does nothing but sign an ES256
//    elevated token with jose and verify it (scripts/bench-server/floor-app.ts) — what any
//    backend making these requests here costs at least, and so what is the reference's own work.
// 3. A fresh reference backend under the same load for `--duration` seconds of load (default 60;
//    the issue's figure is `--duration 300`): throughput per minute (per tenth when the run is
//    shorter than two minutes), the last against the first (goal ≥ 90 %), and the backend's RSS
//    at the end against the end of the first minute or tenth (goal within 20 %), with the V8 heap
//    left after full collections beside it.
// `--cpu-prof`: the reference backends run with node's --cpu-prof; afterwards the top functions
// by self time are printed (`--cpu-prof-dir <dir>` keeps the .cpuprofile files there).
//
// The client (this process) shares the machine with the backend, and so may other processes:
// beside each throughput the script prints the backend's CPU time per request or step-up (from
// /proc; all its threads, so the libuv pool's crypto too) and the share other processes took.
// The bare route is bound by this client, so its throughput understates what the backend could
// serve. CPU time per unit moves with the machine too (a saturated event loop batches more work
// per wake-up), so neither ratio is a constant: compare runs made on one machine in one state.
// Every request goes to 127.0.0.1; every loop is bounded in count and in time; exits non-zero on
// any failed step-up or request, or when a backend logs an unexpected error.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DAILY_LIMITS } from '../server/daily-budget.js';
import { MAX_CREATED_USERS } from '../server/routes/dev.js';
import { ELEVATED_TOKEN_HEADER, type OtpVerification, type StepUpCheckResponse, type VerifyResponse } from '@step-up-kit/protocol';

const SCOPE = 'wallet:export';
const CONCURRENCY = 20;
const BARE_WARMUP_MS = 2_000;
const BARE_MEASURE_MS = 10_000;
/** Bounds a timed loop in count too (requests, or the floor's step-ups). */
const MAX_UNITS_PER_LOOP = 1_000_000;
const STEP_UP_WARMUP_MS = 3_000;
const STEP_UP_MEASURE_MS = 15_000;
/** As many users as `POST dev/users` makes before a reset. */
const USERS = MAX_CREATED_USERS;
/**
 * Step-ups one user can make before a reset: the daily budget of codes sent (10 a day). The 30 s
 * resend cooldown does not bound a user who verifies: a spent code ends its cooldown.
 */
const STEP_UPS_PER_USER = DEFAULT_DAILY_LIMITS.codesSentPerDay;
/** RSS and CPU are sampled this often, and at least four times a bucket of the steady load. */
const SAMPLE_MS = 2_000;
const STARTUP_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A backend writing a CPU profile of minutes needs a while to exit. */
const STOP_TIMEOUT_MS = 30_000;
const REPO = fileURLToPath(new URL('..', import.meta.url));
const STANDALONE = fileURLToPath(new URL('../server/standalone.ts', import.meta.url));
const BARE_APP = fileURLToPath(new URL('./bench-server/bare-app.ts', import.meta.url));
const FLOOR_APP = fileURLToPath(new URL('./bench-server/floor-app.ts', import.meta.url));

const options = cliOptions();
/** Phases stop starting work after this; the hard limit ends the process regardless. */
const SOFT_BUDGET_MS = 120_000 + options.durationSeconds * 1000 * 1.2;
const HARD_BUDGET_MS = SOFT_BUDGET_MS + 60_000;

function cliOptions(): { durationSeconds: number; cpuProf: boolean; cpuProfDir: string | undefined } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        duration: { type: 'string', default: '60' },
        'cpu-prof': { type: 'boolean', default: false },
        'cpu-prof-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}. Usage: npm run bench:server -- [--duration 10..1800] [--cpu-prof [--cpu-prof-dir dir]]`);
    process.exit(2);
  }
  const durationSeconds = Number(values.duration);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 10 || durationSeconds > 1800) {
    console.error(`--duration must be a whole number of seconds from 10 to 1800, got "${values.duration}".`);
    process.exit(2);
  }
  const cpuProfDir = values['cpu-prof-dir'];
  return { durationSeconds, cpuProf: values['cpu-prof'] || cpuProfDir !== undefined, cpuProfDir };
}

// ---------------------------------------------------------------------------------------------
// Requests. Not fetch, as load.ts uses: on loopback, fetch costs the client several times what a
// bare Hono route costs the server, so a bare figure made with fetch measures the client (about
// 3,000 requests/s against 11,000 with node:http on the same two cores). node:http with one
// keep-alive connection per worker is the cheapest client at hand, and both measurements use it.

/** A request that did not answer as a working backend would; `reason` groups the report. */
class StepFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** `base` is an http://127.0.0.1:port/prefix URL as a child printed it. */
async function call<T>(
  base: string,
  stage: string,
  method: string,
  path: string,
  options: { jwt?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const url = new URL(`${base}/${path}`);
  const headers: Record<string, string> = { ...options.headers };
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.jwt) headers.authorization = `Bearer ${options.jwt}`;
  let status: number;
  let text: string;
  try {
    ({ status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ agent, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        res.on('error', reject);
      });
      // Bounds every request in time: a socket silent this long is given up.
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    }));
  } catch (error) {
    throw new StepFailure(`${stage}: no answer (${error instanceof Error ? error.message : 'error'})`);
  }
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new StepFailure(`${stage}: ${status} not JSON`);
  }
  if (status !== 200) {
    const code = (body as { code?: unknown } | null)?.code;
    throw new StepFailure(`${stage}: ${status} ${typeof code === 'string' ? code : 'unexpected answer'}`);
  }
  return body;
}

const reasonOf = (error: unknown) =>
  error instanceof StepFailure ? error.reason : `unexpected: ${error instanceof Error ? error.message : String(error)}`;

class Failures {
  readonly byReason = new Map<string, number>();
  add(error: unknown): void {
    const reason = reasonOf(error);
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
  }
  get count(): number {
    return [...this.byReason.values()].reduce((a, b) => a + b, 0);
  }
  print(label: string): void {
    if (this.count === 0) return;
    console.log(`${label}: ${this.count} failed`);
    for (const [reason, count] of [...this.byReason].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${reason}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes: started on 127.0.0.1 and a free port, always stopped (also on SIGINT).

interface Backend {
  child: ChildProcess;
  base: string;
  log: { errors: number; tail: string };
}

const children = new Set<ChildProcess>();
/** The profile folder this script made (not one given with --cpu-prof-dir): removed on every way out. */
let tempProfileDir: string | undefined;
const removeTempProfileDir = () => tempProfileDir && rmSync(tempProfileDir, { recursive: true, force: true });

async function startChild(script: string, args: readonly string[], nodeArgs: readonly string[], env: Record<string, string>): Promise<Backend> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: REPO,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const log = { errors: 0, tail: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log.errors += chunk.split('unexpected error').length - 1;
    log.tail = (log.tail + chunk).slice(-4096);
  });
  let seen = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a child did not listen within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    // Stays attached after the URL is seen: the pipe is drained for the life of the child.
    child.stdout?.on('data', (chunk: string) => {
      seen = (seen + chunk).slice(-4096);
      const url = /on (http:\/\/127\.0\.0\.1:\d+\/?\S*)/.exec(seen)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url.replace(/\/+$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a child exited (code ${code}) before it listened:\n${log.tail}`));
    });
  });
  return { child, base, log };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function startReferenceBackend(signingKey: string, profileDir: string | undefined, nodeArgsBesides: readonly string[] = []): Promise<Backend> {
  const nodeArgs = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), ...nodeArgsBesides];
  return startChild(STANDALONE, ['--dev'], nodeArgs, { STEP_UP_DEV: '1', STEP_UP_SIGNING_KEY: signingKey });
}

/** The backend's resident set (VmRSS) in KiB, read from /proc; undefined where there is none. */
function rssKiB(child: ChildProcess): number | undefined {
  if (child.pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks of /proc's CPU times: USER_HZ, 100 a second on Linux. */
const TICK_US = 10_000;

/**
 * CPU time in µs: the backend's (all its threads, /proc/<pid>/stat utime + stime), this client's,
 * and the whole machine's busy and total (/proc/stat). The machine's busy time minus the two shows
 * what other processes took: on a shared machine that is the noise in every figure.
 */
interface CpuSnapshot {
  server: number;
  client: number;
  busy: number;
  total: number;
}

function cpuSnapshot(child: ChildProcess): CpuSnapshot | undefined {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const server = (Number(fields[11]) + Number(fields[12])) * TICK_US;
    // cpu user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const machine = (/^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').trim().split(/\s+/).map(Number).slice(0, 8);
    const total = machine.reduce((a, b) => a + b, 0) * TICK_US;
    const busy = total - ((machine[3] ?? 0) + (machine[4] ?? 0)) * TICK_US;
    const { user, system } = process.cpuUsage();
    if (!Number.isFinite(server) || !Number.isFinite(total) || total === 0) return undefined;
    return { server, client: user + system, busy, total };
  } catch {
    return undefined;
  }
}

const cpuDelta = (a: CpuSnapshot, b: CpuSnapshot): CpuSnapshot => ({
  server: b.server - a.server,
  client: b.client - a.client,
  busy: b.busy - a.busy,
  total: b.total - a.total,
});

/** "backend 97 % of a core (4.31 ms a step-up), this client 60 %, other processes 40 % of the machine". */
function cpuLine(d: CpuSnapshot | undefined, seconds: number, count: number, unit: string): string {
  if (!d || seconds <= 0 || count === 0) return 'CPU: n/a (no /proc on this system)';
  const perUs = d.server / count;
  const per = perUs >= 1000 ? `${(perUs / 1000).toFixed(2)} ms` : `${perUs.toFixed(0)} µs`;
  const others = Math.max(0, d.busy - d.server - d.client) / d.total;
  return `CPU: backend ${((100 * d.server) / 1e6 / seconds).toFixed(0)} % of a core (${per} ${unit}), this client ${((100 * d.client) / 1e6 / seconds).toFixed(0)} %, other processes ${(100 * others).toFixed(0)} % of the machine (${availableParallelism()} cores)`;
}

// ---------------------------------------------------------------------------------------------
// Figures.

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (kib: number | undefined) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
function p50p99(values: readonly number[]): string {
  const sorted = values.toSorted((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`;
}

// ---------------------------------------------------------------------------------------------
// Load.

/**
 * Runs `work` on CONCURRENCY loops until `stop()` says so or `maxCount` have started; answers how
 * many started and the seconds from the start until the last one in flight ended.
 */
async function hammer(stop: () => boolean, maxCount: number, work: () => Promise<void>): Promise<{ started: number; seconds: number }> {
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < maxCount && !stop()) {
      started += 1;
      await work();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { started, seconds: (performance.now() - t0) / 1000 };
}

interface Measured {
  /** Each recorded unit's time, in ms. */
  latencies: number[];
  seconds: number;
  /** The child's CPU over the measured part (undefined without /proc). */
  cpu: CpuSnapshot | undefined;
  failures: Failures;
}

/**
 * `unit` at CONCURRENCY for `warmupMs` (not recorded), then for `measureMs` with the child's CPU
 * read before and after; a failed unit is counted by its reason.
 */
async function measure(child: ChildProcess, warmupMs: number, measureMs: number, stop: () => boolean, unit: () => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  const failures = new Failures();
  const run = async (record: boolean) => {
    const t0 = performance.now();
    try {
      await unit();
      if (record) latencies.push(performance.now() - t0);
    } catch (error) {
      failures.add(error);
    }
  };
  let until = performance.now() + warmupMs;
  await hammer(() => performance.now() >= until || stop(), MAX_UNITS_PER_LOOP, () => run(false));
  until = performance.now() + measureMs;
  const cpu0 = cpuSnapshot(child);
  const { seconds } = await hammer(() => performance.now() >= until || stop(), MAX_UNITS_PER_LOOP, () => run(true));
  const cpu1 = cpuSnapshot(child);
  return { latencies, seconds, cpu: cpu0 && cpu1 && cpuDelta(cpu0, cpu1), failures };
}

interface BenchUser {
  id: string;
  jwt: string;
  /** Step-ups this user can still make before the daily budget of codes runs out. */
  left: number;
}

const sdk = (environmentId: string, path: string) => `sdk/${environmentId}/${path}`;

/** Makes USERS demo users and signs each in (set-up, not timed). */
async function createUsers(base: string, deadline: number, failures: Failures): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  let next = 0;
  await hammer(
    () => next >= USERS || performance.now() >= deadline,
    USERS,
    async () => {
      const i = next++;
      try {
        const { id } = await call<{ id: string }>(base, 'create user', 'POST', 'dev/users', { body: { label: `Bench user ${i + 1}` } });
        const { jwt } = await call<{ jwt: string }>(base, 'sign in', 'POST', 'dev/session', { body: { userId: id } });
        users.push({ id, jwt, left: STEP_UPS_PER_USER });
      } catch (error) {
        failures.add(error);
      }
    },
  );
  if (users.length !== USERS) throw new Error(`set-up made ${users.length} of ${USERS} users`);
  return users;
}

type Stage = 'check' | 'send' | 'outbox' | 'verify' | 'protected call';
const STAGES: readonly Stage[] = ['check', 'send', 'outbox', 'verify', 'protected call'];
const REQUESTS_PER_STEP_UP = STAGES.length;

/** One complete email-code step-up; `timed` receives each request's time. */
async function stepUp(base: string, environmentId: string, user: BenchUser, timed?: (stage: Stage, ms: number) => void): Promise<void> {
  const { jwt } = user;
  const step = async <T>(stage: Stage, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    timed?.(stage, performance.now() - t0);
    return result;
  };
  const check = await step('check', () =>
    call<StepUpCheckResponse>(base, 'check', 'POST', sdk(environmentId, 'stepUp/check'), { jwt, body: { scope: SCOPE } }),
  );
  const email = check.credentials.find((c) => c.format === 'email')?.alias;
  if (!check.isRequired || !email) throw new StepFailure('check: no email credential offered');
  const sent = await step('send', () =>
    call<OtpVerification>(base, 'send', 'POST', sdk(environmentId, 'emailVerifications/create'), { jwt, body: { email } }),
  );
  const outbox = await step('outbox', () =>
    call<{ channel: string; to: string; code: string }[]>(base, 'outbox', 'GET', `dev/outbox?userId=${encodeURIComponent(user.id)}`),
  );
  const message = outbox[0];
  if (!message || message.channel !== 'email' || message.to !== email) throw new StepFailure('outbox: no code for this user');
  const verified = await step('verify', () =>
    call<VerifyResponse>(base, 'verify', 'POST', sdk(environmentId, 'emailVerifications/verify'), {
      jwt,
      body: { verificationUUID: sent.verificationUUID, verificationToken: message.code, requestedScopes: [SCOPE] },
    }),
  );
  const token = verified.elevatedAccessToken;
  if (typeof token !== 'string') throw new StepFailure('verify: no elevated token');
  const done = await step('protected call', () =>
    call<{ ok?: boolean; userId?: string }>(base, 'protected call', 'POST', 'protected/wallet/export', {
      jwt,
      headers: { [ELEVATED_TOKEN_HEADER]: token },
    }),
  );
  if (done.ok !== true || done.userId !== user.id) throw new StepFailure('protected call: answered for someone else');
}

/**
 * The floor app's step-up: the five requests of `stepUp`, with the same headers and bodies (the
 * client's share of the work is the same), to routes that only sign and verify the token.
 */
async function floorStepUp(base: string, jwt: string): Promise<void> {
  await call(base, 'floor check', 'POST', 'check', { jwt, body: { scope: SCOPE } });
  const { verificationUUID } = await call<{ verificationUUID: string }>(base, 'floor send', 'POST', 'send', { jwt, body: { email: 'user@example.com' } });
  const [message] = await call<{ code: string }[]>(base, 'floor outbox', 'GET', 'outbox');
  const { elevatedAccessToken } = await call<{ elevatedAccessToken: string }>(base, 'floor verify', 'POST', 'verify', {
    jwt,
    body: { verificationUUID, verificationToken: message?.code, requestedScopes: [SCOPE] },
  });
  const done = await call<{ ok?: boolean }>(base, 'floor protected call', 'POST', 'protected', {
    jwt,
    headers: { [ELEVATED_TOKEN_HEADER]: elevatedAccessToken },
  });
  if (done.ok !== true) throw new StepFailure('floor protected call: refused');
}

/**
 * Step-ups at CONCURRENCY until `stop()` or until every user's budget is spent: users wait in a
 * first-in-first-out queue, so each has one step-up in flight at most and all spend alike.
 * `done` receives each completed step-up's time; a failed user is not queued again.
 */
async function driveStepUps(
  base: string,
  environmentId: string,
  users: BenchUser[],
  stop: () => boolean,
  failures: Failures,
  done: (ms: number) => void,
  timed?: (stage: Stage, ms: number) => void,
): Promise<{ exhausted: boolean; seconds: number }> {
  const queue = users.filter((u) => u.left > 0);
  let inFlight = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (!stop()) {
      const user = queue.shift();
      if (!user) {
        // The last users of a budget are still in flight: they may come back, or all is spent.
        if (inFlight === 0) return;
        await sleep(2);
        continue;
      }
      inFlight += 1;
      user.left -= 1;
      const started = performance.now();
      try {
        await stepUp(base, environmentId, user, timed);
        done(performance.now() - started);
        if (user.left > 0) queue.push(user);
      } catch (error) {
        failures.add(error);
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { exhausted: queue.length === 0 && inFlight === 0 && !stop(), seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// The CPU profile: self time per function, from the samples.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A profile URL as a path relative to the repository (node's own modules as they are). */
function shownFile(url: string): string {
  if (url === '') return '(native)';
  if (!url.startsWith('file:')) return url;
  const path = relative(REPO, fileURLToPath(url.replace(/\?.*$/, ''))).split(sep).join('/');
  return path.startsWith('..') ? `(outside the repository)/${path.split('/').at(-1)}` : path;
}

/** Where a file's time is grouped in the summary: a package, a repository folder, or node. */
function groupOf(file: string): string {
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (pkg) return pkg;
  if (file.startsWith('node:')) return 'node (built-in modules)';
  if (file.startsWith('(')) return file;
  const [top, second] = file.split('/');
  return second === undefined ? file : top === 'server' && file.split('/').length > 2 ? `server/${second}/` : `${top}/`;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** [generated line, generated column, source line] of a source map, in order (all 0-based). */
function decodeMappings(mappings: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  let sourceLine = 0;
  mappings.split(';').forEach((line, generatedLine) => {
    let column = 0;
    for (const segment of line.split(',')) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = VLQ.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      if (values.length === 0) continue;
      column += values[0] as number;
      if (values.length >= 4) {
        sourceLine += values[2] as number;
        out.push([generatedLine, column, sourceLine]);
      }
    }
  });
  return out;
}

/**
 * tsx compiles the repository's TypeScript with esbuild, whitespace minified: every function of
 * a file sits on line 1 of what V8 runs, and keepNames leaves arrow functions "(anonymous)" to the
 * profiler. The same transform here, with its source map, gives back the source line (and an
 * arrow's `const` name). Checked against the functions the profile does name: if their lines do
 * not show those names, the transform differs from tsx's and no line is shown.
 */
async function sourceLines(urls: readonly { url: string; lineNumber: number; columnNumber: number; functionName: string }[]) {
  const { transform } = await import('esbuild');
  const maps = new Map<string, { segments: [number, number, number][]; lines: string[] } | undefined>();
  for (const { url } of urls) {
    if (maps.has(url) || !/^file:.*\.ts$/.test(url) || url.includes('/node_modules/')) continue;
    try {
      const source = readFileSync(fileURLToPath(url), 'utf8');
      const result = await transform(source, {
        loader: 'ts',
        format: 'esm',
        target: `node${process.versions.node}`,
        sourcemap: 'external',
        minifyWhitespace: true,
        keepNames: true,
      });
      maps.set(url, { segments: decodeMappings((JSON.parse(result.map) as { mappings: string }).mappings), lines: source.split('\n') });
    } catch {
      maps.set(url, undefined);
    }
  }
  const locate = (frame: { url: string; lineNumber: number; columnNumber: number }) => {
    const map = maps.get(frame.url);
    if (!map) return undefined;
    let found: number | undefined;
    for (const [line, column, sourceLine] of map.segments) {
      if (line < frame.lineNumber || (line === frame.lineNumber && column <= frame.columnNumber)) found = sourceLine;
      else break;
    }
    return found === undefined ? undefined : { line: found + 1, text: map.lines[found] ?? '' };
  };
  let named = 0;
  let matched = 0;
  for (const frame of urls) {
    if (!maps.get(frame.url) || !frame.functionName || frame.functionName === '__name') continue;
    named += 1;
    if (locate(frame)?.text.includes(frame.functionName)) matched += 1;
  }
  const trusted = named > 0 && matched >= 0.9 * named;
  return (frame: { url: string; lineNumber: number; columnNumber: number }) => (trusted ? locate(frame) : undefined);
}

async function printProfile(dir: string): Promise<void> {
  // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<n>: thread 0 is the backend's own; the
  // others are the module loader thread of tsx's hooks, idle once the code is loaded.
  const files = readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (files.length === 0) {
    console.log('cpu profile: none written (did a backend stop cleanly?)');
    return;
  }
  const profiles = files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile);
  const whereIs = await sourceLines(profiles.flatMap((p) => p.nodes.map((n) => n.callFrame)));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  const byGroup = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const shown = new Map<number, { key: string; name: string; where: string; group: string }>();
    const show = (node: ProfileNode) => {
      const known = shown.get(node.id);
      if (known) return known;
      const frame = node.callFrame;
      const file = shownFile(frame.url);
      const source = whereIs(frame);
      const arrow = source && !frame.functionName ? /\b(?:const|let)\s+([\w$]+)\s*=/.exec(source.text)?.[1] : undefined;
      const name = frame.functionName || (arrow ? `${arrow} (arrow)` : '(anonymous)');
      const line = source?.line ?? (frame.lineNumber >= 0 && !file.endsWith('.ts') ? frame.lineNumber + 1 : undefined);
      const where = file.startsWith('(') || line === undefined ? file : `${file}:${line}`;
      const entry = { key: `${name}\u0000${where}`, name, where, group: groupOf(file) };
      shown.set(node.id, entry);
      return entry;
    };
    // Sample i lasts until sample i+1 (DevTools' reading); the last one until the profile's end.
    let at = profile.startTime;
    const times = profile.timeDeltas.map((d) => (at += d));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i] as number);
      const us = Math.max(0, ((i + 1 < times.length ? times[i + 1] : profile.endTime) as number) - (times[i] as number));
      if (!node) continue;
      if (node.callFrame.functionName === '(idle)') {
        idleUs += us;
        continue;
      }
      totalUs += us;
      const { key, name, where, group } = show(node);
      const entry = selfUs.get(key) ?? { name, where, us: 0 };
      entry.us += us;
      selfUs.set(key, entry);
      byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
  const sec = (us: number) => `${(us / 1e6).toFixed(2).padStart(7)} s`;
  console.log(
    `\ncpu profile of the reference backend (main thread of ${files.length} process${files.length === 1 ? '' : 'es'}): ${(totalUs / 1e6).toFixed(1)} s busy, ${(idleUs / 1e6).toFixed(1)} s idle`,
  );
  console.log('top 15 functions by self time:');
  for (const e of [...selfUs.values()].sort((a, b) => b.us - a.us).slice(0, 15)) console.log(`  ${sec(e.us)} ${pct(e.us)}  ${e.name}  ${e.where}`);
  console.log('self time by package or folder:');
  for (const [group, us] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${sec(us)} ${pct(us)}  ${group}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const softDeadline = started + SOFT_BUDGET_MS;
  const pastDeadline = () => performance.now() >= softDeadline;
  const hardStop = setTimeout(() => {
    console.error(`The bench did not finish within ${Math.round(HARD_BUDGET_MS / 1000)} s: stopping.`);
    for (const child of children) child.kill('SIGKILL');
    removeTempProfileDir();
    process.exit(1);
  }, HARD_BUDGET_MS);
  hardStop.unref();
  const onSignal = () => {
    for (const child of children) child.kill('SIGTERM');
    const kill = setTimeout(() => {
      for (const child of children) child.kill('SIGKILL');
      removeTempProfileDir();
      process.exit(130);
    }, 3000);
    void Promise.all([...children].map((c) => once(c, 'exit'))).then(() => {
      clearTimeout(kill);
      removeTempProfileDir();
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const profileDir = options.cpuProf
    ? options.cpuProfDir
      ? (mkdirSync(options.cpuProfDir, { recursive: true }), options.cpuProfDir)
      : (tempProfileDir = mkdtempSync(join(tmpdir(), 'bench-server-prof-')))
    : undefined;
  const backends: Backend[] = [];
  let ok = true;
  try {
    // One signing key, as load.ts makes it: the backend needs no made-up key of its own.
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    console.log(`step-up-kit server bench: loopback, concurrency ${CONCURRENCY}${profileDir ? ', reference backend under --cpu-prof (slower)' : ''}`);

    // 1. The bare route.
    const bare = await startChild(BARE_APP, [], [], {});
    backends.push(bare);
    const {
      latencies: bareLatencies,
      seconds: bareSeconds,
      cpu: bareCpu,
      failures: bareFailures,
    } = await measure(bare.child, BARE_WARMUP_MS, BARE_MEASURE_MS, pastDeadline, () => call(bare.base, 'bare', 'GET', 'ping'));
    await stopChild(bare.child);
    const bareRate = bareLatencies.length / bareSeconds;
    console.log(
      `bare Hono route:   ${bareRate.toFixed(0)} requests/s (${bareLatencies.length} in ${bareSeconds.toFixed(1)} s after ${BARE_WARMUP_MS / 1000} s warm-up), ${p50p99(bareLatencies)}`,
    );
    console.log(`  ${cpuLine(bareCpu, bareSeconds, bareLatencies.length, 'a request')}`);
    bareFailures.print('bare route');

    // 2. Step-ups for the ratio, on a fresh reference backend after a warm-up.
    const ratio = await startReferenceBackend(signingKey, profileDir);
    backends.push(ratio);
    const setupFailures = new Failures();
    const { environmentId } = await call<{ environmentId: string }>(ratio.base, 'set-up', 'POST', 'dev/session', { body: { userId: 'bob' } });
    const ratioUsers = await createUsers(ratio.base, softDeadline, setupFailures);
    const stepUpFailures = new Failures();
    let until = performance.now() + STEP_UP_WARMUP_MS;
    await driveStepUps(ratio.base, environmentId, ratioUsers, () => performance.now() >= until || pastDeadline(), stepUpFailures, () => {});
    const stepUpLatencies: number[] = [];
    const stageLatencies = new Map<Stage, number[]>(STAGES.map((s) => [s, []]));
    until = performance.now() + STEP_UP_MEASURE_MS;
    const ratioCpu0 = cpuSnapshot(ratio.child);
    const ratioRun = await driveStepUps(
      ratio.base,
      environmentId,
      ratioUsers,
      () => performance.now() >= until || pastDeadline(),
      stepUpFailures,
      (t) => stepUpLatencies.push(t),
      (stage, t) => stageLatencies.get(stage)?.push(t),
    );
    const ratioCpu1 = cpuSnapshot(ratio.child);
    const ratioCpu = ratioCpu0 && ratioCpu1 && cpuDelta(ratioCpu0, ratioCpu1);
    await stopChild(ratio.child);
    const stepUpRate = stepUpLatencies.length / ratioRun.seconds;
    console.log(
      `email step-ups:    ${stepUpRate.toFixed(1)} step-ups/s (${stepUpLatencies.length} in ${ratioRun.seconds.toFixed(1)} s after ${STEP_UP_WARMUP_MS / 1000} s warm-up, ${USERS} users${ratioRun.exhausted ? ', stopped early: budgets spent' : ''}), ${p50p99(stepUpLatencies)}`,
    );
    for (const stage of STAGES) console.log(`  ${`${stage}:`.padEnd(16)} ${p50p99(stageLatencies.get(stage) ?? [])}`);
    console.log(`  ${cpuLine(ratioCpu, ratioRun.seconds, stepUpLatencies.length, 'a step-up')}`);
    console.log(`one step-up costs ${(bareRate / stepUpRate).toFixed(1)} bare requests (goal ≤ 8; a step-up is ${REQUESTS_PER_STEP_UP} requests)`);
    // Throughput also counts the client and whatever else runs on the machine (the bare route is
    // bound by this client); the backend's own CPU time per unit of work is the steadier reading.
    if (bareCpu && ratioCpu && bareLatencies.length > 0 && stepUpLatencies.length > 0) {
      const perBare = bareCpu.server / bareLatencies.length;
      const perStepUp = ratioCpu.server / stepUpLatencies.length;
      console.log(
        `by backend CPU time: one step-up costs ${(perStepUp / perBare).toFixed(1)} bare requests (${(perStepUp / 1000).toFixed(2)} ms against ${perBare.toFixed(0)} µs)`,
      );
    }

    // 2b. The floor, measured as the step-ups above and for as long as they were (the users'
    // budgets may end them early): what is left of N when the backend does nothing of its own.
    // The bearer is a real session's, so the requests are as long.
    const floor = await startChild(FLOOR_APP, [], [], { STEP_UP_SIGNING_KEY: signingKey });
    backends.push(floor);
    const bearer = ratioUsers[0]!.jwt;
    const {
      latencies: floorLatencies,
      seconds: floorSeconds,
      cpu: floorCpu,
      failures: floorFailures,
    } = await measure(floor.child, STEP_UP_WARMUP_MS, ratioRun.seconds * 1000, pastDeadline, () => floorStepUp(floor.base, bearer));
    await stopChild(floor.child);
    const floorRate = floorLatencies.length / floorSeconds;
    console.log(
      `the floor:         ${floorRate.toFixed(1)} step-ups/s (${floorLatencies.length} in ${floorSeconds.toFixed(1)} s: the five requests to a Hono app that only signs and verifies the ES256 token with jose), ${p50p99(floorLatencies)}`,
    );
    console.log(`  ${cpuLine(floorCpu, floorSeconds, floorLatencies.length, 'a step-up')}`);
    floorFailures.print('floor step-ups');
    if (floorFailures.count > 0) ok = false;
    console.log(
      // The last figure moves least with the machine's pace: both sides are step-ups, measured back to back.
      `the least a step-up costs here: ${(bareRate / floorRate).toFixed(1)} bare requests; the reference backend's own work adds ${(bareRate / stepUpRate - bareRate / floorRate).toFixed(1)} (a step-up on it takes ${(floorRate / stepUpRate).toFixed(2)}× the floor's time)`,
    );
    if (bareCpu && floorCpu && bareLatencies.length > 0 && floorLatencies.length > 0) {
      const perBare = bareCpu.server / bareLatencies.length;
      const perFloor = floorCpu.server / floorLatencies.length;
      console.log(`by backend CPU time: the floor costs ${(perFloor / perBare).toFixed(1)} bare requests (${(perFloor / 1000).toFixed(2)} ms)`);
    }

    // 3. A steady load for --duration seconds on another fresh backend.
    //
    // The dev clock is not moved. A moved clock makes the short-lived state expire early (code
    // requests are kept 20 minutes, daily budgets 24 hours, the outbox an hour) and the memory
    // store's sweep would then hide the very growth this measures. What bounds a user here is the
    // daily budget of 10 codes (the resend cooldown ends when a code is spent), so with the
    // 1,000 users `POST dev/users` makes, 10,000 step-ups spend every budget. Then the load
    // drains, `POST dev/reset` starts a new generation (the store keeps the old generation's
    // entries until they expire on real time, as real users' state would stay) and 1,000 new
    // users are made and signed in. Those pauses are not load: the throughput figures count
    // load time only, so every minute is a minute of concurrency 20; RSS is sampled throughout.
    //
    // RSS alone cannot tell live objects from garbage V8 has not collected yet: the backend also
    // runs with --trace-gc, and the heap left after each full (mark-compact) collection is kept.
    const steady = await startReferenceBackend(signingKey, profileDir, ['--trace-gc']);
    backends.push(steady);
    const heapAfterFullGc: { loadMs: number; mb: number; isolate: string }[] = [];
    // Set when the load starts (after set-up); collections before it count at 0.
    let loadStart: number | undefined = undefined;
    let pausedMs = 0;
    const loadMs = () => (loadStart === undefined ? 0 : performance.now() - loadStart - pausedMs);
    let gcText = '';
    steady.child.stdout?.on('data', (chunk: string) => {
      const lines = (gcText + chunk).split('\n');
      gcText = (lines.pop() ?? '').slice(-4096);
      for (const line of lines) {
        const gc = /^\[\d+:(0x[\da-f]+)\].*Mark-Compact[^>]*-> ([\d.]+) \(/.exec(line);
        if (gc && heapAfterFullGc.length < 100_000) heapAfterFullGc.push({ loadMs: loadMs(), mb: Number(gc[2]), isolate: gc[1] as string });
      }
    });
    let users = await createUsers(steady.base, softDeadline, setupFailures);
    const steadyFailures = new Failures();
    // The same warm-up as above: a first minute that includes compiling the code would flatter
    // the last one.
    until = performance.now() + STEP_UP_WARMUP_MS;
    await driveStepUps(steady.base, environmentId, users, () => performance.now() >= until || pastDeadline(), steadyFailures, () => {});
    const rssSamples: { loadMs: number; kib: number }[] = [];
    const cpuSamples: { loadMs: number; cpu: CpuSnapshot }[] = [];
    loadStart = performance.now();
    let paused = false;
    // CPU spent in pauses (reset, new users), taken out of every later CPU sample.
    let excluded: CpuSnapshot = { server: 0, client: 0, busy: 0, total: 0 };
    const durationMs = options.durationSeconds * 1000;
    const byMinute = options.durationSeconds >= 120;
    const bucketMs = byMinute ? 60_000 : durationMs / 10;
    const unit = byMinute ? 'minute' : 'tenth';
    const sample = () => {
      const at = loadMs();
      const kib = rssKiB(steady.child);
      if (kib !== undefined) rssSamples.push({ loadMs: at, kib });
      const cpu = cpuSnapshot(steady.child);
      if (cpu && !paused) cpuSamples.push({ loadMs: at, cpu: cpuDelta(excluded, cpu) });
    };
    sample();
    const sampler = setInterval(sample, Math.min(SAMPLE_MS, bucketMs / 4));
    const completions: number[] = [];
    const steadyLatencies: number[] = [];
    let resets = 0;
    try {
      for (let epoch = 0; epoch < 1000 && loadMs() < durationMs && !pastDeadline(); epoch++) {
        if (epoch > 0) {
          sample();
          paused = true;
          const pause = performance.now();
          const pauseCpu0 = cpuSnapshot(steady.child);
          await call(steady.base, 'reset', 'POST', 'dev/reset', { body: {} });
          users = await createUsers(steady.base, softDeadline, setupFailures);
          const pauseCpu1 = cpuSnapshot(steady.child);
          if (pauseCpu0 && pauseCpu1) {
            const d = cpuDelta(pauseCpu0, pauseCpu1);
            excluded = { server: excluded.server + d.server, client: excluded.client + d.client, busy: excluded.busy + d.busy, total: excluded.total + d.total };
          }
          pausedMs += performance.now() - pause;
          paused = false;
          resets += 1;
        }
        const run = await driveStepUps(
          steady.base,
          environmentId,
          users,
          () => loadMs() >= durationMs || pastDeadline(),
          steadyFailures,
          (t) => {
            completions.push(loadMs());
            steadyLatencies.push(t);
          },
        );
        if (!run.exhausted) break;
      }
      sample();
    } finally {
      clearInterval(sampler);
    }
    // Frozen here: stopping the backend (writing a profile) is not load.
    const loadTotalMs = loadMs();
    const loadSeconds = loadTotalMs / 1000;
    await stopChild(steady.child);
    if (loadTotalMs < durationMs) {
      ok = false;
      console.log(`the steady load stopped after ${loadSeconds.toFixed(1)} of ${options.durationSeconds} s (time limit or failures)`);
    }

    // The step-ups in flight at the end finish after the duration: they count in the last bucket.
    const buckets = Math.max(1, Math.ceil(Math.min(loadTotalMs, durationMs) / bucketMs - 1e-9));
    const counts = Array.from({ length: buckets }, () => 0);
    for (const t of completions) counts[Math.min(buckets - 1, Math.floor(t / bucketMs))]! += 1;
    const rates = counts.map((c, i) => c / ((i === buckets - 1 ? loadTotalMs - i * bucketMs : bucketMs) / 1000));
    console.log(
      `\nsteady load: ${completions.length} step-ups in ${loadSeconds.toFixed(1)} s of load (${(completions.length / loadSeconds).toFixed(1)}/s), ${p50p99(steadyLatencies)}; ${resets} reset${resets === 1 ? '' : 's'} with ${USERS} new users each, ${(pausedMs / 1000).toFixed(1)} s of pauses not counted`,
    );
    console.log(`throughput per ${unit} (${(bucketMs / 1000).toFixed(0)} s): ${rates.map((r) => r.toFixed(1)).join(', ')} step-ups/s`);
    if (cpuSamples.length > 1) {
      console.log(`  ${cpuLine(cpuDelta(cpuSamples[0]!.cpu, cpuSamples.at(-1)!.cpu), loadSeconds, completions.length, 'a step-up')}`);
      // Per bucket, from the CPU samples nearest its ends: the backend's CPU per step-up tells a
      // slower backend from a busier machine, which throughput alone cannot.
      const at = (ms: number) => cpuSamples.findLast((c) => c.loadMs <= ms) ?? cpuSamples[0]!;
      const perStepUp: string[] = [];
      const others: string[] = [];
      for (let i = 0; i < buckets; i++) {
        const a = at(i * bucketMs);
        const b = i === buckets - 1 ? cpuSamples.at(-1)! : at((i + 1) * bucketMs);
        const n = completions.filter((t) => t >= a.loadMs && t < b.loadMs).length;
        const d = cpuDelta(a.cpu, b.cpu);
        perStepUp.push(n > 0 ? (d.server / n / 1000).toFixed(2) : 'n/a');
        others.push(d.total > 0 ? ((100 * Math.max(0, d.busy - d.server - d.client)) / d.total).toFixed(0) : 'n/a');
      }
      console.log(`backend CPU per step-up per ${unit}: ${perStepUp.join(', ')} ms`);
      console.log(`other processes' share of the machine per ${unit}: ${others.join(', ')} %`);
    }
    const first = rates[0] ?? Number.NaN;
    const last = rates.at(-1) ?? Number.NaN;
    console.log(`last ${unit} / first ${unit}: ${((100 * last) / first).toFixed(1)} % (goal ≥ 90 %)`);
    if (rssSamples.length === 0) {
      console.log('backend RSS: n/a (no /proc on this system)');
    } else {
      const atFirst = rssSamples.find((s) => s.loadMs >= bucketMs) ?? rssSamples.at(-1)!;
      const end = rssSamples.at(-1)!;
      const peak = Math.max(...rssSamples.map((s) => s.kib));
      console.log(
        `backend RSS: ${mib(rssSamples[0]?.kib)} after set-up and warm-up, ${mib(atFirst.kib)} at the end of the first ${unit}, ${mib(end.kib)} at the end (${(((end.kib - atFirst.kib) / atFirst.kib) * 100).toFixed(1)} %; goal within 20 %), peak ${mib(peak)}`,
      );
    }
    // --trace-gc also reports the isolate of the module loader thread (tsx's hooks): the
    // backend's own is the one with the biggest heap.
    const main = heapAfterFullGc.reduce<{ mb: number; isolate?: string }>((a, h) => (h.mb > a.mb ? h : a), { mb: -1 }).isolate;
    const fullGcs = heapAfterFullGc.filter((h) => h.isolate === main);
    const heapPerBucket = Array.from({ length: buckets }, (_, i) => fullGcs.findLast((h) => h.loadMs < (i + 1) * bucketMs || i === buckets - 1));
    console.log(
      `V8 heap after the last full GC of each ${unit}: ${heapPerBucket.map((h) => (h ? h.mb.toFixed(0) : '–')).join(', ')} MB (${fullGcs.length} full GCs)`,
    );

    for (const [label, failures] of [
      ['set-up', setupFailures],
      ['ratio step-ups', stepUpFailures],
      ['steady step-ups', steadyFailures],
    ] as const) {
      failures.print(label);
      if (failures.count > 0) ok = false;
    }
    if (bareFailures.count > 0) ok = false;
    for (const backend of backends) {
      if (backend.log.errors > 0) {
        ok = false;
        console.error(`A backend logged ${backend.log.errors} unexpected error(s); its last output:\n${backend.log.tail}`);
      }
    }
    console.log(`total run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all([...children].map(stopChild));
    clearTimeout(hardStop);
  }
  if (profileDir) {
    try {
      await printProfile(profileDir);
    } finally {
      removeTempProfileDir();
    }
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The bench could not run: ${error instanceof Error ? error.message : String(error)}`);
    for (const child of children) child.kill('SIGKILL');
    removeTempProfileDir();
    process.exit(1);
  },
);
