// What is published works, not only what is in the repo: pack the package, install the
// tarball into a scratch project, and use it from there — the core and the reference
// backend in Node (a full email-code step-up), the entries and files the exports map names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', () => {
  let scratch;
  let installed;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'step-up-kit-pack-'));
    npm(['run', 'build'], process.cwd()); // what prepack does, kept apart so pack's JSON stays clean
    const [{ filename }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], process.cwd()));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    npm(['install', join(scratch, filename), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], scratch);
    installed = join(scratch, 'node_modules', 'step-up-kit');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('ships built modules, type declarations, the browser bundle and the elements manifest — and no sources or tests', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/components/index.js', 'dist/server/index.js', 'dist/browser/step-up-kit.js']) {
      assert.ok(existsSync(join(installed, file)), `${file} is in the package`);
    }
    assert.ok(existsSync(join(installed, manifest.customElements)), 'the custom-elements manifest the package names');
    const elements = JSON.parse(readFileSync(join(installed, manifest.customElements), 'utf8'));
    const tags = elements.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
    assert.ok(tags.includes('step-up-dialog') && tags.includes('step-up-otp'), `manifest tags: ${tags.join(', ')}`);
    assert.ok(!existsSync(join(installed, 'src')) && !existsSync(join(installed, 'test')), 'no sources or tests');
  });

  it('runs a full email-code step-up with the installed core against the installed reference backend', () => {
    const script = `
      import { createReferenceServer } from 'step-up-kit/server';
      import { createStepUpClient, checkStepUpAuth, sendEmailOTP, verifyOTP, elevatedFetch } from 'step-up-kit';
      const server = createReferenceServer({ devMode: true });
      const local = (input, init) => server.fetch(new Request(input, init));
      const dev = async (path, body) => (await local('http://localhost/api/v0/dev/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})).json();
      const { jwt, environmentId } = await dev('session', { userId: 'bob' });
      const client = createStepUpClient({ apiBaseUrl: 'http://localhost/api/v0', environmentId, getAuthToken: () => jwt, fetch: local });
      const check = await checkStepUpAuth({ scope: 'credential:link' }, client);
      await sendEmailOTP({}, client);
      const [{ code }] = await dev('outbox?userId=bob');
      await verifyOTP({ type: 'email', token: code, requestedScopes: ['credential:link'] }, client);
      const response = await elevatedFetch('/api/v0/protected/credentials/link', { method: 'POST', scope: 'credential:link' }, client);
      console.log(JSON.stringify({ required: check.isRequired, status: response.status }));
    `;
    writeFileSync(join(scratch, 'step-up.mjs'), script);
    const output = execFileSync(process.execPath, ['step-up.mjs'], { cwd: scratch, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)), { required: true, status: 200 });
  });

  it('resolves every entry of the exports map', () => {
    const script = `
      const entries = ['step-up-kit', 'step-up-kit/components', 'step-up-kit/components/define/step-up-dialog', 'step-up-kit/dev', 'step-up-kit/server'];
      console.log(JSON.stringify(entries.map((e) => import.meta.resolve(e).split('node_modules/step-up-kit/')[1])));
    `;
    writeFileSync(join(scratch, 'resolve.mjs'), script);
    const resolved = JSON.parse(execFileSync(process.execPath, ['resolve.mjs'], { cwd: scratch, encoding: 'utf8' }).trim());
    assert.deepEqual(resolved, [
      'dist/src/index.js',
      'dist/components/index.js',
      'dist/components/define/step-up-dialog.js',
      'dist/src/dev/index.js',
      'dist/server/index.js',
    ]);
  });
});
