// `npm start` on a fresh clone: the demo's dev server with an empty Vite cache, the demo page in
// headless Chromium, a demo user signed in and the first press of "Export private key". The
// dialog must open on that press: no reload of the page (Vite re-optimising a dependency it met
// late reloads it, and the press is lost), and nothing on the server's log that looks like an
// error or a warning (a failed dependency scan is how it starts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { findChrome } from '../../scripts/find-chrome.mjs';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A bound on each wait, so a broken start fails instead of hanging; every wait ends on a state. */
const BOUND_MS = 60_000;

/** What Vite says when something is wrong or when it re-optimises and reloads the page. */
const TROUBLE = /\(!\)|error|fail|warn|reload|optimized dependencies changed|dependenc(?:y|ies) optimized/i;

/** A Vite logger that keeps every line (without colours) instead of printing it. */
function recordingLogger() {
  const lines = [];
  const warnedOnce = new Set();
  const logger = {
    hasWarned: false,
    info: (msg) => lines.push({ type: 'info', msg: stripVTControlCharacters(String(msg)) }),
    warn(msg) {
      logger.hasWarned = true;
      lines.push({ type: 'warn', msg: stripVTControlCharacters(String(msg)) });
    },
    warnOnce(msg) {
      if (warnedOnce.has(msg)) return;
      warnedOnce.add(msg);
      logger.warn(msg);
    },
    error: (msg) => lines.push({ type: 'error', msg: stripVTControlCharacters(String(msg)) }),
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
  };
  return { logger, lines };
}

/**
 * What a fresh clone sees: no build of the package yet. An earlier `npm run build` leaves
 * `dist/`, and the package's own name then resolves to it (a self-reference), which hides a
 * dependency scan that would fail on a fresh clone; here that resolution fails as it would there.
 */
function withoutPackageBuild() {
  const dist = repo('dist/');
  return {
    name: 'test:fresh-clone-without-build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/^step-up-kit(?:\/|$)/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id.startsWith(dist)) {
        throw new Error(`${source} (imported by ${importer}) resolves only to a build of the package, which a fresh clone does not have`);
      }
      return resolved;
    },
  };
}

describe('npm start on a fresh clone', () => {
  const { logger, lines } = recordingLogger();
  let cacheDir;
  let server;
  let browser;

  before(async () => {
    const chrome = findChrome();
    assert.ok(chrome, 'No Chrome or Chromium found: install Debian\'s chromium or set CHROME_PATH.');
    cacheDir = mkdtempSync(join(tmpdir(), 'step-up-vite-cache-'));
    server = await createServer({
      configFile: repo('vite.config.ts'),
      cacheDir,
      customLogger: logger,
      clearScreen: false,
      // port 0: any free port. Nothing watched (`watch: null` is dropped by the config merge),
      // so a file edited meanwhile cannot reload the page: only the optimiser could.
      server: { port: 0, strictPort: false, host: '127.0.0.1', watch: { ignored: () => true } },
      plugins: [withoutPackageBuild()],
    });
    await server.listen();
    browser = await puppeteer.launch({
      executablePath: chrome,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, { timeout: BOUND_MS });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('the first press of "Export private key" opens the dialog: no reload, no error or warning from the server', { timeout: 4 * BOUND_MS }, async () => {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    const report = () =>
      [`Server log:`, ...lines.map(({ type, msg }) => `  [${type}] ${msg}`), 'Page errors:', ...pageErrors.map((e) => `  ${e}`)].join('\n');
    /** Waits for a state of the page; if it never comes, says which, with what the server and page said. */
    const until = (predicate, what) =>
      page.waitForFunction(predicate, { timeout: BOUND_MS }).catch((error) => {
        throw new Error(`${what} (${error.message})\n${report()}`);
      });

    await page.goto(server.resolvedUrls.local[0]);
    await until(() => document.querySelector('#user option[value=alice]'), 'the demo did not list its users');
    await page.select('#user', 'alice');
    await page.click('#sign-in button[type=submit]');
    await until(
      () => document.querySelector('#signed-in')?.textContent === 'Signed in as alice.' && !document.querySelector('#export').disabled,
      'alice was not signed in',
    );

    // From here on, the same document must carry on: a reload would drop this marker.
    await page.evaluate(() => Object.assign(window, { beforeFirstPress: true }));
    let navigations = 0;
    const navigated = new Promise((resolve) =>
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        navigations += 1;
        resolve('page reloaded');
      }),
    );

    await page.click('#export');
    // What the user sees: the dialog open on alice's authenticator-app code field.
    const dialogShown = until(() => {
      const dialog = document.querySelector('step-up-dialog')?.shadowRoot?.querySelector('dialog[open]');
      const input = dialog?.querySelector('.current > *')?.shadowRoot?.querySelector('input');
      return Boolean(input?.checkVisibility());
    }, 'the dialog did not show the code field');
    const outcome = await Promise.race([dialogShown.then(() => 'dialog shown'), navigated]);
    dialogShown.catch(() => undefined); // once the page is gone, the losing wait may still fail

    assert.equal(outcome, 'dialog shown', `the first press was lost: the page reloaded.\n${report()}`);
    // Vite logs a re-optimisation ("optimized dependencies changed. reloading") before it serves
    // the dependency the dialog's code waited for, so a reload on its way shows here already.
    const trouble = lines.filter(({ type, msg }) => type !== 'info' || TROUBLE.test(msg));
    assert.deepEqual(trouble, [], `the server logged trouble.\n${report()}`);
    const state = await page
      .evaluate(() => ({
        marker: window.beforeFirstPress === true,
        navigations: performance.getEntriesByType('navigation').map((entry) => entry.type),
      }))
      .catch((error) => ({ error: error.message }));
    assert.deepEqual({ ...state, pageNavigations: navigations }, { marker: true, navigations: ['navigate'], pageNavigations: 0 }, 'the document was replaced');
    await page.close();
  });
});
