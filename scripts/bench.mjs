// `npm run bench`: the kit's speed and memory in headless Chromium, against the reference
// backend. Starts vite's dev server with the repo's vite.config.ts (the backend mounted in
// dev mode) on a free port, opens scripts/bench/index.html, and prints medians of repeated
// runs. Bounded: every phase has a fixed number of runs and the whole bench a time limit.
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { findChrome } from './find-chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIME_LIMIT_MS = 5 * 60_000;
const RUNS = { fastPath: 7, open: 15, totp: 15 };
const OPEN_CLOSE_TIMES = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

const chrome = findChrome();
if (!chrome) {
  console.error('No Chrome or Chromium found: set CHROME_PATH (on Debian: apt-get install -y chromium).');
  process.exit(1);
}

const limit = setTimeout(() => {
  console.error(`bench: stopped after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS);
limit.unref();

const server = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  root: ROOT,
  logLevel: 'warn',
  server: { port: 0, strictPort: false, host: '127.0.0.1' },
  // crawl the lazily loaded method modules up front, so that no dependency discovered late
  // makes vite reload the page in the middle of a measurement
  optimizeDeps: { entries: ['scripts/bench/index.html', 'components/define/*.ts'] },
});
let browser;
try {
  await server.listen();
  const base = server.resolvedUrls.local[0];
  browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    protocolTimeout: 120_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage();
  await page.bringToFront(); // focus events need a focused window
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => { if (message.type() === 'warn' && !message.text().startsWith('Lit is in dev mode')) console.error('page:', message.text()); });
  // Warm-up visit: vite transforms every module and settles its dependency optimisation (which
  // may reload the page) before anything is measured; the measured visit starts fresh.
  const url = new URL('scripts/bench/index.html', base).href;
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  await page.evaluate(() => import('/components/define/step-up-methods.ts'));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  await page.evaluate(() => window.bench.setUp());
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');

  console.log(`step-up-kit bench — ${await browser.version()}, vite dev server (unminified modules), reference backend\n`);

  // 1. the local fast path of checkStepUpAuth
  const rates = [];
  for (let i = 0; i < RUNS.fastPath; i++) rates.push(await page.evaluate(() => window.bench.fastPathCallsPerSecond(200)));
  console.log(`checkStepUpAuth with a held token   ${Math.round(median(rates)).toLocaleString('en')} calls/s (median of ${RUNS.fastPath} × 200 ms)`);

  // 2. requestStepUp() → first method interactive (the first run loads the method elements)
  const opens = [];
  for (let i = 0; i < RUNS.open; i++) opens.push(await page.evaluate(() => window.bench.openToInteractive()));
  console.log(`requestStepUp() → method interactive ${ms(median(opens.slice(1)))} median of ${RUNS.open - 1} (first, loading the methods: ${ms(opens[0])})`);

  // 3. a complete TOTP code → elevated
  const submits = [];
  for (let i = 0; i < RUNS.totp; i++) submits.push(await page.evaluate(() => window.bench.totpToElevated()));
  console.log(`TOTP code entered → elevated         ${ms(median(submits))} median of ${RUNS.totp}`);

  // 4. memory: open and close the dialog 500 times
  const snapshot = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    const dom = await cdp.send('Memory.getDOMCounters');
    const usedJSHeapSize = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    return { heap: metric('JSHeapUsedSize'), usedJSHeapSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
  };
  await page.evaluate(() => window.bench.openClose(20)); // warm up: modules, templates, caches
  const readings = [await snapshot()];
  const started = Date.now();
  for (let round = 0; round < 2; round++) {
    await page.evaluate((times) => window.bench.openClose(times), OPEN_CLOSE_TIMES);
    readings.push(await snapshot());
  }
  const took = (Date.now() - started) / 1000;
  const row = (label, key, format) =>
    console.log(`  ${label.padEnd(22)} ${readings.map((r) => format(r[key])).join(' → ')}`);
  console.log(`\nopen + close ×${OPEN_CLOSE_TIMES}, twice (${took.toFixed(1)} s; GC forced before each reading)`);
  row('JS heap (CDP)', 'heap', kb);
  row('performance.memory', 'usedJSHeapSize', kb);
  row('DOM nodes', 'nodes', String);
  row('event listeners', 'listeners', String);
  const growth = readings[2].heap - readings[1].heap;
  console.log(`  heap change over the second ${OPEN_CLOSE_TIMES}: ${growth >= 0 ? '+' : ''}${kb(growth)} (${(growth / OPEN_CLOSE_TIMES).toFixed(0)} bytes per open)`);
} finally {
  await browser?.close();
  await server.close();
  clearTimeout(limit);
}
