// What is published works, not only what is in the repo: pack the three packages, install them
// into scratch projects as users would, and use them from there. A browser app installs
// `step-up-kit` (and gets no server library); a server installs `@step-up-kit/server` alone and
// serves a step-up in plain Node; the installed core completes one against it over HTTP.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Server libraries that must never reach a browser app's install. */
const SERVER_ONLY = ['hono', '@hono/node-server', '@simplewebauthn/server', 'jose', 'otplib', 'zod', 'viem'];

/** Every installed package under `node_modules`, by name. */
function installedPackages(project) {
  const names = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(join(dir, entry))) names.push(`${entry}/${scoped}`);
      } else {
        names.push(entry);
      }
    }
  };
  walk(join(project, 'node_modules'));
  return names;
}

function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

function project(scratch, name, tarballs) {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  npm(['install', ...tarballs.map((t) => join(scratch, t)), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], dir);
  return dir;
}

/** Starts the installed server's own executable in dev mode on a free port; resolves its base URL. */
function startServer(dir) {
  const child = spawn(process.execPath, [join(dir, 'node_modules', '.bin', 'step-up-kit-server'), '--dev'], {
    cwd: dir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+\/api\/v0)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened: ${out}`)));
  });
  return { child, url };
}

describe('the packed packages', () => {
  let scratch;
  let tarballs;
  let browserApp;
  let serverApp;
  let server;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'step-up-kit-pack-'));
    // What prepack does, kept apart so pack's JSON stays clean.
    npm(['run', 'build'], process.cwd());
    npm(['run', 'build:server'], process.cwd());
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--workspaces', '--include-workspace-root', '--pack-destination', scratch], process.cwd()));
    tarballs = Object.fromEntries(packed.map((p) => [p.name, p.filename]));
    browserApp = project(scratch, 'browser-app', [tarballs['@step-up-kit/protocol'], tarballs['step-up-kit']]);
    serverApp = project(scratch, 'server-app', [tarballs['@step-up-kit/protocol'], tarballs['@step-up-kit/server']]);
  });
  after(() => {
    server?.child.kill();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a browser app gets the core, the elements and their libraries, and no server library', () => {
    const installed = installedPackages(browserApp);
    for (const name of ['step-up-kit', '@step-up-kit/protocol', 'lit', '@lit/task', '@simplewebauthn/browser', 'ox']) {
      assert.ok(installed.includes(name), `${name} is installed`);
    }
    for (const name of [...SERVER_ONLY, '@step-up-kit/server']) assert.ok(!installed.includes(name), `${name} is not installed`);
    const manifest = JSON.parse(readFileSync(join(browserApp, 'node_modules', 'step-up-kit', 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@lit/task', '@simplewebauthn/browser', '@step-up-kit/protocol', 'lit', 'ox', 'tslib']);
    const megabytes = sizeOf(join(browserApp, 'node_modules')) / 1e6;
    console.log(`browser app: ${installed.length} packages, ${megabytes.toFixed(1)} MB of node_modules`);
  });

  it('ships built modules, type declarations, the browser bundle and the elements manifest — and no sources or tests', () => {
    const installed = join(browserApp, 'node_modules', 'step-up-kit');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/components/index.js', 'dist/browser/step-up-kit.js']) {
      assert.ok(existsSync(join(installed, file)), `${file} is in the package`);
    }
    assert.ok(existsSync(join(installed, manifest.customElements)), 'the custom-elements manifest the package names');
    const elements = JSON.parse(readFileSync(join(installed, manifest.customElements), 'utf8'));
    const tags = elements.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
    assert.ok(tags.includes('step-up-dialog') && tags.includes('step-up-otp'), `manifest tags: ${tags.join(', ')}`);
    assert.ok(!existsSync(join(installed, 'src')) && !existsSync(join(installed, 'test')), 'no sources or tests');
    assert.ok(!existsSync(join(installed, 'dist', 'server')), 'no server code');
    for (const pkg of ['protocol', 'server']) {
      const dir = join(pkg === 'server' ? serverApp : browserApp, 'node_modules', '@step-up-kit', pkg);
      assert.ok(existsSync(join(dir, 'dist', 'index.js')) && existsSync(join(dir, 'dist', 'index.d.ts')), `@step-up-kit/${pkg} is built`);
      assert.ok(!readdirSync(dir).some((f) => f.endsWith('.ts')), `@step-up-kit/${pkg} ships no sources`);
    }
  });

  it('resolves every entry of the exports map', () => {
    const script = `
      const entries = ['step-up-kit', 'step-up-kit/components', 'step-up-kit/components/define/step-up-dialog', 'step-up-kit/components/step-up-dialog', 'step-up-kit/dev', '@step-up-kit/protocol'];
      console.log(JSON.stringify(entries.map((e) => import.meta.resolve(e).split('/node_modules/')[1])));
    `;
    writeFileSync(join(browserApp, 'resolve.mjs'), script);
    const resolved = JSON.parse(execFileSync(process.execPath, ['resolve.mjs'], { cwd: browserApp, encoding: 'utf8' }).trim());
    assert.deepEqual(resolved, [
      'step-up-kit/dist/src/index.js',
      'step-up-kit/dist/components/index.js',
      'step-up-kit/dist/components/define/step-up-dialog.js',
      'step-up-kit/dist/components/step-up-dialog/step-up-dialog.js',
      'step-up-kit/dist/src/dev/index.js',
      '@step-up-kit/protocol/dist/index.js',
    ]);
  });

  it('@step-up-kit/server installed alone runs in plain Node and serves a step-up over HTTP', async () => {
    const installed = installedPackages(serverApp);
    assert.ok(!installed.includes('lit') && !installed.includes('step-up-kit'), 'no browser code in a server install');
    server = startServer(serverApp);
    const base = await server.url;
    const call = async (method, path, { jwt, body, headers = {} } = {}) => {
      const response = await fetch(`${base}/${path}`, {
        method,
        headers: { ...(body && { 'content-type': 'application/json' }), ...(jwt && { authorization: `Bearer ${jwt}` }), ...headers },
        body: body && JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    const { jwt, environmentId } = (await call('POST', 'dev/session', { body: { userId: 'bob' } })).body;
    const sdk = (path) => `sdk/${environmentId}/${path}`;
    assert.equal((await call('POST', sdk('stepUp/check'), { jwt, body: { scope: 'wallet:export' } })).body.isRequired, true);
    const { verificationUUID } = (await call('POST', sdk('emailVerifications/create'), { jwt, body: { email: 'bob@example.com' } })).body;
    const [{ code }] = (await call('GET', 'dev/outbox?userId=bob')).body;
    const verified = await call('POST', sdk('emailVerifications/verify'), {
      jwt, body: { verificationUUID, verificationToken: code, requestedScopes: ['wallet:export'] },
    });
    assert.equal(verified.status, 200);
    const exported = await call('POST', 'protected/wallet/export', { jwt, headers: { 'x-dyn-elevated-access-token': verified.body.elevatedAccessToken } });
    assert.equal(exported.status, 200);
  });

  it('the installed core completes an email step-up against the installed server', async () => {
    server ??= startServer(serverApp);
    const base = await server.url;
    const script = `
      import { createStepUpClient, checkStepUpAuth, sendEmailOTP, verifyOTP, elevatedFetch } from 'step-up-kit';
      const base = ${JSON.stringify(base)};
      const dev = async (path, body) => (await fetch(base + '/dev/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})).json();
      const { id } = await dev('users', {}); // a user of its own: bob's resend cooldown may still run
      const { jwt, environmentId } = await dev('session', { userId: id });
      const client = createStepUpClient({ apiBaseUrl: base, environmentId, getAuthToken: () => jwt });
      const check = await checkStepUpAuth({ scope: 'credential:link' }, client);
      await sendEmailOTP({}, client);
      const [{ code }] = await dev('outbox?userId=' + id);
      await verifyOTP({ type: 'email', token: code, requestedScopes: ['credential:link'] }, client);
      const response = await elevatedFetch(base + '/protected/credentials/link', { method: 'POST', scope: 'credential:link' }, client);
      console.log(JSON.stringify({ required: check.isRequired, status: response.status }));
    `;
    writeFileSync(join(browserApp, 'step-up.mjs'), script);
    const output = execFileSync(process.execPath, ['step-up.mjs'], { cwd: browserApp, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)), { required: true, status: 200 });
  });
});
