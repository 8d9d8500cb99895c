// `npm run size`: production bundles of the ways an app uses the kit, with a gzip budget each.
// Builds every scenario with esbuild (minified ESM for browsers, ES2022, every dependency
// bundled, code splitting on), follows the metafile from the entry chunk to what the page
// can load — statically (before anything shows) or by dynamic import() (on demand) — and
// fails when a scenario is over its budget. `--verbose` lists the heaviest inputs of each.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KB = 1000;
const verbose = process.argv.includes('--verbose');

/** An import specifier for a repo file, from an entry written to the temp dir. */
const repo = (path) => JSON.stringify(join(ROOT, path));

/**
 * Entries: small modules standing for an app. `measure` says which chunks count: `initial`
 * = the entry and what it imports statically; `all` = also every chunk it can import().
 */
const ENTRIES = {
  'core-email': `
    import { initializeStepUp, checkStepUpAuth, sendEmailOTP, verifyOTP, elevatedFetch } from ${repo('src/index.ts')};
    initializeStepUp({ apiBaseUrl: '/api/v0', environmentId: 'app', getAuthToken: () => 'jwt' });
    export async function exportWallet(code) {
      const { isRequired } = await checkStepUpAuth({ scope: 'wallet:export' });
      if (isRequired) {
        await sendEmailOTP();
        await verifyOTP({ type: 'email', token: await code(), requestedScopes: ['wallet:export'] });
      }
      return elevatedFetch('/api/v0/protected/wallet/export', { method: 'POST', scope: 'wallet:export' });
    }
  `,
  'core-all': `export * from ${repo('src/index.ts')};`,
  // a page with the dialog also creates the client and makes the protected call
  dialog: `
    import ${repo('components/define/step-up-dialog.ts')};
    import { initializeStepUp, elevatedFetch } from ${repo('src/index.ts')};
    initializeStepUp({ apiBaseUrl: '/api/v0', environmentId: 'app', getAuthToken: () => 'jwt' });
    export async function exportWallet() {
      await document.querySelector('step-up-dialog').requestStepUp('wallet:export');
      return elevatedFetch('/api/v0/protected/wallet/export', { method: 'POST', scope: 'wallet:export' });
    }
  `,
};

const SCENARIOS = [
  { name: 'core: check + email code + elevatedFetch', entry: 'core-email', measure: 'all', budget: 5 * KB },
  { name: 'core: every method', entry: 'core-all', measure: 'all', budget: 16 * KB },
  { name: 'dialog + all six methods (every chunk)', entry: 'dialog', measure: 'all', budget: 32 * KB },
  { name: 'dialog before the first method (initial)', entry: 'dialog', measure: 'initial', budget: 18 * KB },
];

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const fmt = (bytes) => `${(bytes / KB).toFixed(2)} kB`;

async function build(dir, name, source) {
  const file = join(dir, `${name}.js`);
  await writeFile(file, source);
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    outdir: join(dir, `out-${name}`),
    absWorkingDir: ROOT,
    tsconfig: join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((f) => [relative(ROOT, f.path), f.contents]));
  const outputs = result.metafile.outputs;
  const entryChunk = Object.keys(outputs).find((key) => outputs[key].entryPoint?.endsWith(`${name}.js`));
  return { outputs, files, entryChunk };
}

/** The chunks reachable from `start` along static imports (and dynamic ones when `lazy`). */
function reachable(outputs, start, lazy) {
  const seen = new Set();
  const queue = [start];
  while (queue.length > 0) {
    const chunk = queue.pop();
    if (seen.has(chunk) || !outputs[chunk]) continue;
    seen.add(chunk);
    for (const edge of outputs[chunk].imports) {
      if (edge.external) continue;
      if (edge.kind === 'import-statement' || (lazy && edge.kind === 'dynamic-import')) queue.push(edge.path);
    }
  }
  return [...seen];
}

function heaviestInputs(outputs, chunks, count = 12) {
  const inputs = new Map();
  for (const chunk of chunks) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[chunk].inputs)) {
      inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    }
  }
  return [...inputs].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const dir = await mkdtemp(join(tmpdir(), 'step-up-kit-size-'));
try {
  const builds = {};
  for (const [name, source] of Object.entries(ENTRIES)) builds[name] = await build(dir, name, source);

  const rows = SCENARIOS.map((scenario) => {
    const { outputs, files, entryChunk } = builds[scenario.entry];
    const chunks = reachable(outputs, entryChunk, scenario.measure === 'all');
    const raw = chunks.reduce((sum, c) => sum + files.get(c).length, 0);
    const gz = chunks.reduce((sum, c) => sum + gzip(files.get(c)), 0);
    return { ...scenario, chunks, raw, gz, outputs, ok: gz <= scenario.budget };
  });

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'scenario'.padEnd(width)}  chunks        raw   gzip -9    budget`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(width)}  ${String(r.chunks.length).padStart(6)}  ${fmt(r.raw).padStart(9)}  ${fmt(r.gz).padStart(8)}  ${('≤ ' + fmt(r.budget)).padStart(10)}  ${r.ok ? 'ok' : 'OVER BUDGET'}`,
    );
  }
  for (const r of rows) {
    if (r.ok && !verbose) continue;
    console.log(`\n${r.name}: heaviest inputs (minified bytes, before gzip)`);
    for (const [input, bytes] of heaviestInputs(r.outputs, r.chunks)) console.log(`  ${String(bytes).padStart(7)}  ${input}`);
  }
  const over = rows.filter((r) => !r.ok);
  if (over.length > 0) {
    console.error(`\n${over.length} scenario(s) over budget (sizes in kB of 1000 bytes, gzip level 9).`);
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
