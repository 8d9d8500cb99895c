// What is published works, not only what is in the repo: pack the three packages, install them
// into scratch projects as users would, and use them from there. A browser app installs
// `step-up-kit` (and gets no server library); a server installs `@step-up-kit/server` alone and
// serves a step-up in plain Node; the installed core completes one against it over HTTP. A web
// app built with Vite keeps the single-file bundle's elements; the README's mounts of the backend
// (Vite plugin, Express, node:http) run as written; the framework examples and the shipped
// React, Vue and Svelte typings typecheck against the installed package.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findChrome } from '../../scripts/find-chrome.mjs';

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

const repo = process.cwd();
/** A tool of this repository (tsc, vue-tsc, svelte-check), run on a scratch project. */
const tool = (name) => join(repo, 'node_modules', '.bin', name);

/** Runs a type checker; a failure shows what it printed. */
function typecheck(name, args, cwd) {
  try {
    execFileSync(tool(name), args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    assert.fail(`${name} ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`);
  }
}

/**
 * Links the repository's copies of what an app brings itself (Vite, Express, React, Vue,
 * Svelte and their types) into a scratch project: installing them there would add minutes and a
 * network dependency, and what is under test is the kit's packages, installed from their tarballs.
 */
function linkFromRepo(project, names) {
  for (const name of names) {
    const target = join(project, 'node_modules', name);
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), target, 'dir');
  }
}

/** The README's runnable examples: ```js blocks whose first line names their file (`// server.js`). */
function runnableExamples(markdownFile) {
  const text = readFileSync(join(repo, markdownFile), 'utf8');
  return [...text.matchAll(/```js\n(\/\/ (\S+)[^\n]*\n[\s\S]*?)```/g)].map(([, code, file]) => ({ code, file }));
}

/** The example of one kind (the same code wherever it appears), found in both READMEs. */
function exampleOf(kind, signature) {
  const found = ['README.md', 'server/README.md'].map((readme) => {
    const example = runnableExamples(readme).find(({ code }) => code.includes(signature));
    assert.ok(example, `${readme} shows the ${kind} mount`);
    return example;
  });
  assert.equal(found[0].code, found[1].code, `README.md and server/README.md show the same ${kind} mount`);
  return found[0];
}

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createNetServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/** Runs a README's server example as written (on a free port instead of 3000) until `stop()`. */
async function runExample(dir, name, code) {
  const port = await freePort();
  writeFileSync(join(dir, name), code.replaceAll('3000', String(port)));
  const child = spawn(process.execPath, [name], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exitCode;
  const exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit((exitCode = code ?? 'signal'))));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exitCode !== undefined) assert.fail(`${name} exited (${exitCode}) before it answered:\n${output}`);
    if (await fetch(origin).then(() => true, () => false)) break;
    if (Date.now() > deadline) {
      child.kill();
      assert.fail(`${name} did not answer on ${origin} within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, stop: () => (child.kill(), exited) };
}

/** What a mount of the reference backend in dev mode answers: its keys and the dev routes. */
async function assertServesTheBackend(origin) {
  const jwks = await fetch(`${origin}/api/v0/.well-known/jwks.json`);
  assert.equal(jwks.status, 200, 'GET /api/v0/.well-known/jwks.json');
  const { keys } = await jwks.json();
  assert.ok(keys.length > 0 && keys.every((key) => key.kty === 'EC' && !('d' in key)), 'public EC keys only');
  const users = await (await fetch(`${origin}/api/v0/dev/users`)).json();
  assert.ok(['alice', 'bob'].every((id) => users.some((user) => user.id === id)), `GET dev/users: ${JSON.stringify(users)}`);
  const session = await fetch(`${origin}/api/v0/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'bob' }),
  });
  assert.equal(session.status, 200, 'POST dev/session');
  const { jwt, environmentId } = await session.json();
  assert.equal(environmentId, 'step-up-demo');
  assert.match(jwt, /^[\w-]+\.[\w-]+\.[\w-]+$/);
}

const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** Serves a built app's files on a free loopback port; resolves its origin and a close function. */
function serveStatic(root) {
  const server = createHttpServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    const file = resolve(root, `.${decodeURIComponent(pathname.endsWith('/') ? `${pathname}index.html` : pathname)}`);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolveServer) =>
    server.listen(0, '127.0.0.1', () =>
      resolveServer({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

/** Every file under `dir` (full paths). */
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

describe('the packed packages', () => {
  let scratch;
  let tarballs;
  let browserApp;
  let serverApp;
  let webApp;
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
    // An app with a front end and a dev server: all three packages, and the tools it brings itself.
    webApp = project(scratch, 'web-app', [tarballs['@step-up-kit/protocol'], tarballs['step-up-kit'], tarballs['@step-up-kit/server']]);
    linkFromRepo(webApp, ['vite', 'express', 'react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'svelte']);
  });
  after(() => {
    server?.child.kill();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a browser app gets the core, the elements and their libraries, and no server library', () => {
    const installed = installedPackages(browserApp);
    for (const name of ['step-up-kit', '@step-up-kit/protocol', 'lit', '@lit/task', '@simplewebauthn/browser', 'ox', '@noble/hashes']) {
      assert.ok(installed.includes(name), `${name} is installed`);
    }
    for (const name of [...SERVER_ONLY, '@step-up-kit/server']) assert.ok(!installed.includes(name), `${name} is not installed`);
    const manifest = JSON.parse(readFileSync(join(browserApp, 'node_modules', 'step-up-kit', 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@lit/task', '@noble/hashes', '@simplewebauthn/browser', '@step-up-kit/protocol', 'lit', 'ox', 'tslib']);
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
      const entries = ['step-up-kit', 'step-up-kit/components', 'step-up-kit/components/define/step-up-dialog', 'step-up-kit/components/step-up-dialog', 'step-up-kit/dev', 'step-up-kit/dynamic', 'step-up-kit/bundle', '@step-up-kit/protocol'];
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
      'step-up-kit/dist/src/dynamic/index.js',
      'step-up-kit/dist/browser/step-up-kit.node.js', // Node's condition: the bundle's Lit would need a DOM
      '@step-up-kit/protocol/dist/index.js',
    ]);
  });

  it('step-up-kit/dynamic depends on nothing of Dynamic\'s: the SDK is passed in', () => {
    const kit = join(browserApp, 'node_modules', 'step-up-kit');
    const manifest = JSON.parse(readFileSync(join(kit, 'package.json'), 'utf8'));
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies });
    assert.deepEqual(declared.filter((name) => name.startsWith('@dynamic-labs')), []);
    const source = readFileSync(join(kit, 'dist', 'src', 'dynamic', 'index.js'), 'utf8');
    // the module's own import statements (its doc comment shows an app importing the SDK)
    const imported = [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.ok(imported.length > 0 && imported.every((specifier) => specifier.startsWith('.') || specifier === '@step-up-kit/protocol'), imported.join(', '));
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

  it('ships source maps that carry their sources, and no declaration maps', () => {
    const packages = [
      join(browserApp, 'node_modules', 'step-up-kit'),
      join(browserApp, 'node_modules', '@step-up-kit', 'protocol'),
      join(serverApp, 'node_modules', '@step-up-kit', 'server'),
    ];
    for (const dir of packages) {
      const maps = filesUnder(dir).filter((file) => file.endsWith('.map'));
      assert.ok(maps.length > 0, `${dir} has source maps`);
      for (const file of maps) {
        const name = file.slice(dir.length + 1);
        // a declaration map leads an editor to a .ts file, and the packages ship none
        assert.ok(!name.endsWith('.d.ts.map'), `${name}: no declaration maps`);
        const map = JSON.parse(readFileSync(file, 'utf8'));
        const carried = map.sourcesContent?.filter((content) => typeof content === 'string').length ?? 0;
        assert.equal(carried, map.sources.length, `${name} carries each of its ${map.sources.length} sources`);
      }
    }
  });

  it('step-up-kit/bundle, step-up-kit/components and every define module import in plain Node (server-side rendering)', () => {
    const defines = readdirSync(join(browserApp, 'node_modules', 'step-up-kit', 'dist', 'components', 'define')).filter((f) => f.endsWith('.js'));
    const script = `
      const bundle = await import('step-up-kit/bundle');
      const components = await import('step-up-kit/components');
      for (const file of ${JSON.stringify(defines)}) await import('step-up-kit/components/define/' + file.replace(/\\.js$/, ''));
      console.log(JSON.stringify({
        core: typeof bundle.initializeStepUp,
        sameElements: bundle.StepUpDialog === components.StepUpDialog,
        defined: globalThis.customElements?.get('step-up-dialog') === components.StepUpDialog,
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: browserApp, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)), { core: 'function', sameElements: true, defined: true });
  });

  it("step-up-kit/bundle's types resolve, with moduleResolution node16 and bundler", () => {
    const dir = join(browserApp, 'types-check');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'uses.ts'),
      `import { initializeStepUp, StepUpDialog, StepUpElevatedEvent, type StepUpElevation } from 'step-up-kit/bundle';
import { stepUpFetch } from 'step-up-kit';
import type { StepUpOtp } from 'step-up-kit/components';
import { StepUpTotp } from 'step-up-kit/components/define/step-up-totp';
import { createDemoWallet } from 'step-up-kit/dev';

initializeStepUp({ apiBaseUrl: 'https://app.example/api/v0', environmentId: 'step-up-demo', getAuthToken: () => 'jwt' });
const dialog: StepUpDialog = document.createElement('step-up-dialog');
dialog.addEventListener('elevated', (event: StepUpElevatedEvent) => {
  const elevation: StepUpElevation = event.detail;
  console.log(elevation.scope);
});
// @ts-expect-error: the bundle's exports are typed, not any
initializeStepUp({ apiBaseUrl: 42 });
const otp: StepUpOtp | null = document.querySelector('step-up-otp');
export const uses = [stepUpFetch, otp, StepUpTotp, createDemoWallet];
`,
    );
    for (const resolution of ['node16', 'bundler']) {
      const config = {
        compilerOptions: {
          target: 'es2022', module: resolution === 'node16' ? 'node16' : 'esnext', moduleResolution: resolution,
          lib: ['es2023', 'dom', 'dom.iterable'], types: [], strict: true, noEmit: true, skipLibCheck: true,
        },
        files: ['uses.ts'],
      };
      writeFileSync(join(dir, `tsconfig.${resolution}.json`), JSON.stringify(config));
      typecheck('tsc', ['-p', `tsconfig.${resolution}.json`], dir);
    }
  });

  it('an app built with vite that imports step-up-kit/bundle keeps the elements, and its page defines them', { timeout: 120_000 }, async () => {
    const dir = join(webApp, 'bundle-app');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundle</title></head><body><step-up-dialog></step-up-dialog><script type="module" src="./main.js"></script></body></html>');
    writeFileSync(join(dir, 'main.js'), "import 'step-up-kit/bundle';\n");
    const { build } = await import('vite');
    await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: 'dist' } });
    const built = filesUnder(join(dir, 'dist')).filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8')).join('\n');
    // kept, not tree-shaken away as an import without side effects
    assert.ok(built.length > 50_000 && built.includes('step-up-dialog'), `the built JavaScript holds the elements (${built.length} bytes)`);

    const chrome = findChrome();
    assert.ok(chrome, "No Chrome or Chromium to load the built page: install Debian's chromium or set CHROME_PATH.");
    const { default: puppeteer } = await import('puppeteer-core');
    const site = await serveStatic(join(dir, 'dist'));
    const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${site.origin}/`);
      await page.waitForFunction(() => customElements.get('step-up-dialog') !== undefined, { timeout: 15_000 }).catch((error) => {
        throw new Error(`the page did not define <step-up-dialog>: ${errors.join('; ') || error.message}`);
      });
      const state = await page.evaluate(() => {
        const tags = ['step-up-dialog', 'step-up-passkey', 'step-up-totp', 'step-up-otp', 'step-up-recovery-code', 'step-up-social', 'step-up-wallet'];
        return { undefinedTags: tags.filter((tag) => !customElements.get(tag)), upgraded: document.querySelector('step-up-dialog') instanceof customElements.get('step-up-dialog') };
      });
      assert.deepEqual(state, { undefinedTags: [], upgraded: true });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await site.close();
    }
  });

  it("the README's Vite plugin mounts the reference backend in the dev server", { timeout: 60_000 }, async () => {
    const { code } = exampleOf('Vite', 'configureServer');
    const dir = join(webApp, 'vite-app');
    mkdirSync(dir);
    writeFileSync(join(dir, 'vite.config.js'), code);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>your app</title><p>your app</p>');
    const { createServer } = await import('vite');
    const vite = await createServer({ configFile: join(dir, 'vite.config.js'), root: dir, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
    await vite.listen();
    try {
      const origin = vite.resolvedUrls.local[0].replace(/\/$/, '');
      await assertServesTheBackend(origin);
      assert.match(await (await fetch(`${origin}/`)).text(), /your app/, 'everything else goes to Vite');
    } finally {
      await vite.close();
    }
  });

  for (const [kind, signature, name] of [['Express', "from 'express'", 'express-server.js'], ['node:http', "from 'node:http'", 'http-server.js']]) {
    it(`the README's ${kind} mount serves the reference backend and passes the rest on`, { timeout: 60_000 }, async () => {
      const { code } = exampleOf(kind, signature);
      const example = await runExample(webApp, name, code);
      try {
        await assertServesTheBackend(example.origin);
        const page = await fetch(`${example.origin}/`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /your app/, "the app's own routes answer the rest");
      } finally {
        await example.stop();
      }
    });
  }

  it('the React, Vue and Svelte examples, and every element with every property and event, typecheck against the shipped typings', { timeout: 180_000 }, () => {
    const frameworks = join(webApp, 'demo', 'frameworks');
    // The examples as they are in the repository (not their Vite configs, which build from its sources).
    for (const example of ['react', 'vue', 'svelte', 'shared']) {
      cpSync(join(repo, 'demo', 'frameworks', example), join(frameworks, example), {
        recursive: true,
        filter: (source) => !/[\\/](dist|vite\.config\.ts)$/.test(source),
      });
    }
    // What an app's own tsconfig says; the examples' tsconfigs extend it ("../../../tsconfig.json").
    writeFileSync(join(webApp, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2023', 'dom', 'dom.iterable'], types: [],
        strict: true, noEmit: true, skipLibCheck: true, isolatedModules: true, verbatimModuleSyntax: true,
      },
    }));
    const manifest = JSON.parse(readFileSync(join(webApp, 'node_modules', 'step-up-kit', 'dist', 'custom-elements.json'), 'utf8'));
    // `lang` and `dir` are left to each framework's own typing of HTML attributes.
    const htmlAttributes = ['lang', 'dir'];
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => ({
      tag: d.tagName,
      properties: (d.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.privacy && !m.readonly && !htmlAttributes.includes(m.name))
        .map((m) => m.name),
      events: [...new Set((d.events ?? []).map((e) => e.name).filter(Boolean))],
    }));
    assert.ok(elements.length >= 7, `the manifest lists the elements: ${elements.map((e) => e.tag).join(', ')}`);
    const header = '// Written by test/package from the installed manifest: every element, with every property and event.';

    const jsx = (e) => `    <${e.tag} ${e.properties.map((p) => `${p}={elements['${e.tag}'].${p}}`).join(' ')} ${e.events.map((n) => `on${n}={(event: HTMLElementEventMap['${n}']) => event.type}`).join(' ')} />`;
    writeFileSync(join(frameworks, 'react', 'coverage.tsx'), `${header}
declare const elements: HTMLElementTagNameMap;
export const everyElement = (
  <>
${elements.map(jsx).join('\n')}
  </>
);
export const mistakes = (
  <>
    {/* @ts-expect-error: no such property */}
    <step-up-dialog notAProperty="x" />
    {/* @ts-expect-error: a handler for another kind of event */}
    <step-up-dialog onelevated={(event: MouseEvent) => event.button} />
    {/* @ts-expect-error: a method element fires no stepupcancel */}
    <step-up-totp onstepupcancel={() => undefined} />
  </>
);
`);
    typecheck('tsc', ['--noEmit', '-p', 'demo/frameworks/react'], webApp);
    // The other way to load them: a type reference in a .d.ts file.
    const referenced = join(frameworks, 'react-reference');
    mkdirSync(referenced);
    cpSync(join(frameworks, 'react', 'tsconfig.json'), join(referenced, 'tsconfig.json'));
    writeFileSync(join(referenced, 'env.d.ts'), '/// <reference types="step-up-kit/react" />\n');
    writeFileSync(join(referenced, 'app.tsx'), `export const ok = <step-up-dialog onelevated={(event) => event.detail.scope} />;
// @ts-expect-error: a handler for another kind of event
export const wrong = <step-up-dialog onelevated={(event: MouseEvent) => event.button} />;
`);
    typecheck('tsc', ['--noEmit', '-p', 'demo/frameworks/react-reference'], webApp);

    const vue = (e) => `  <${e.tag} ${e.tag === 'step-up-dialog' ? 'ref="dialog" ' : ''}${e.properties.map((p) => `:${p}="elements['${e.tag}'].${p}"`).join(' ')} ${e.events.map((n) => `@${n}="(event: HTMLElementEventMap['${n}']) => event.type"`).join(' ')} />`;
    writeFileSync(join(frameworks, 'vue', 'Coverage.vue'), `<!-- ${header.slice(3)} -->
<script setup lang="ts">
import { useTemplateRef } from 'vue';
const elements = {} as HTMLElementTagNameMap;
const dialog = useTemplateRef('dialog');
// a typed template ref: the dialog's own methods
const start = () => dialog.value?.requestStepUp('wallet:export');
// @ts-expect-error: not a method of the dialog
const wrong = () => dialog.value?.notAMethod();
defineExpose({ start, wrong });
</script>

<template>
${elements.map(vue).join('\n')}
  <!-- @vue-expect-error a handler for another kind of event -->
  <step-up-dialog @elevated="(event: MouseEvent) => event.button" />
  <!-- @vue-expect-error a value the property does not take -->
  <step-up-otp channel="fax" />
</template>
`);
    typecheck('vue-tsc', ['--noEmit', '-p', 'demo/frameworks/vue'], webApp);

    const svelte = (e) => `<!-- svelte-ignore a11y_misplaced_scope -->
<${e.tag} ${e.tag === 'step-up-dialog' ? 'bind:this={dialog} ' : ''}${e.properties.map((p) => `${p}={elements['${e.tag}'].${p}}`).join(' ')} ${e.events.map((n) => `on${n}={(event: HTMLElementEventMap['${n}']) => event.type}`).join(' ')}></${e.tag}>`;
    writeFileSync(join(frameworks, 'svelte', 'Coverage.svelte'), `<!-- ${header.slice(3)} -->
<script lang="ts">
  import type { StepUpDialog } from 'step-up-kit/components';
  const elements = {} as HTMLElementTagNameMap;
  let dialog = $state<StepUpDialog>();
  export const start = () => dialog?.requestStepUp('wallet:export');
</script>

${elements.map(svelte).join('\n')}
`);
    typecheck('svelte-check', ['--workspace', 'demo/frameworks/svelte', '--tsconfig', './tsconfig.json', '--fail-on-warnings'], webApp);

    // Svelte templates have no expect-error: a mistake, checked on its own, must fail.
    const mistakes = join(frameworks, 'svelte-mistakes');
    mkdirSync(mistakes);
    cpSync(join(frameworks, 'svelte', 'tsconfig.json'), join(mistakes, 'tsconfig.json'));
    cpSync(join(frameworks, 'svelte', 'step-up-kit.d.ts'), join(mistakes, 'step-up-kit.d.ts'));
    writeFileSync(join(mistakes, 'Mistake.svelte'), `<script lang="ts">
  const onClick = (event: MouseEvent) => event.button;
</script>

<step-up-dialog onelevated={onClick}></step-up-dialog>
`);
    const checked = spawnSync(tool('svelte-check'), ['--workspace', 'demo/frameworks/svelte-mistakes', '--tsconfig', './tsconfig.json'], { cwd: webApp, encoding: 'utf8' });
    assert.notEqual(checked.status, 0, 'svelte-check refuses a handler for another kind of event');
    assert.match(checked.stdout, /StepUpElevatedEvent/, `svelte-check names the event type:\n${checked.stdout}${checked.stderr}`);
  });
});
