// `npm run load -- --instances 2 --store redis`, small: two standalone processes with one key
// sharing one Redis. Keeps the load run working, and its verdict honest, in every test run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const LOAD_SCRIPT = fileURLToPath(new URL('../scripts/load.ts', import.meta.url));

describe('the two-instance load run', () => {
  it('40 step-ups over two instances on one Redis: no double-spend, no replay accepted', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, '--instances', '2', '--store', 'redis'], {
      env: { ...process.env, LOAD_STEP_UPS: '40', LOAD_CONCURRENCY: '8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);
    assert.match(output, /2 standalone reference backends in dev mode with one signing key, sharing one Redis/);
    assert.match(output.trim().split('\n').at(-1) ?? '', /^40 step-ups, 0 double-spends, 0 replays accepted, [\d.]+\/s, p50 [\d.]+ ms, p99 [\d.]+ ms$/);
  });
});
