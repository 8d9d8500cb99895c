// Runs the browser test suite in headless Chromium, or says in one line how to get one.
import { spawn } from 'node:child_process';
import { findChrome } from './find-chrome.mjs';

const chrome = findChrome();
if (!chrome) {
  console.error(
    process.env.CHROME_PATH
      ? `CHROME_PATH (${process.env.CHROME_PATH}) is not an executable browser: point it at Chrome or Chromium.`
      : 'No Chrome or Chromium found: install Debian\'s chromium (sudo apt-get install -y chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}

const child = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
