// `npm run screenshots`: renders each <step-up-dialog> state in headless Chromium, light and
// dark (plus RTL and other languages), into .screenshots/ for review. Serves the repo with
// vite (the reference backend mounted in dev mode, as in `npm start`) and the page in
// test/support/screenshots/.
//
// `--check` (in `npm test`) compares the states listed in BASELINES with the committed images
// in test/screenshots/ and fails on a layout change: a pixel differs when pixelmatch says so
// (threshold 0.1), and a state fails when more than 0.2 % of its pixels differ. What changes by
// itself is kept out: no caret, no animation, and the regions that show made-up or moving
// values (wallet addresses, countdowns, lock times) painted over in both images. A failure
// leaves the new image and a diff beside it in .screenshots/. `--update` rewrites the
// baselines after a deliberate change (look at every image before committing them).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { findChrome } from './find-chrome.mjs';

const MODE = process.argv.includes('--update') ? 'update' : process.argv.includes('--check') ? 'check' : 'render';
const BASELINE_DIR = 'test/screenshots';
/** Pixels that may differ before a state fails (anti-aliasing, sub-pixel text). */
const MAX_DIFF_RATIO = 0.002;
/** What shows made-up or moving values: painted over before comparing. */
const MASKED = ['[part=method-alias]', '[part=expected] code', '[part=countdown]', '[part=resend] .status'];
/** The lock's alert names the time it ends. */
const MASKED_WHEN_LOCKED = [...MASKED, '[part=error]'];
const STATES = ['checking', 'passkey', 'totp', 'wrong-code', 'rate-limited', 'recovery-code', 'email', 'sms', 'social', 'wallet', 'no-method', 'check-error', 'load-error', 'about', 'waiting'];
const EXTRA = [
  { state: 'totp', dir: 'rtl' },
  { state: 'email', lang: 'de' },
  { state: 'about', dir: 'rtl' },
  { state: 'about', lang: 'de' },
  // Arabic with no dir on the page: the dialog turns right to left from its language alone
  { state: 'totp', lang: 'ar' },
  { state: 'about', lang: 'ar' },
  { state: 'rate-limited', lang: 'ar' },
  { state: 'email', lang: 'ja' },
  { state: 'about', lang: 'ja' },
];
/** The states held against baselines: every state in light, the busiest in dark, RTL and German. */
const BASELINES = new Set([
  ...STATES.map((state) => `${state}-light`),
  ...['totp', 'email', 'about', 'check-error'].map((state) => `${state}-dark`),
  'totp-light-rtl',
  'about-light-rtl',
  'email-light-de',
  'about-light-de',
]);
const OUT = '.screenshots';

/** Bounding boxes (CSS px) of every element matching MASKED, looking into shadow roots. */
async function maskedRects(page, masked) {
  return page.evaluate((selectors) => {
    const rects = [];
    const visit = (root) => {
      for (const selector of selectors) for (const el of root.querySelectorAll(selector)) rects.push(el.getBoundingClientRect().toJSON());
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return rects.filter((r) => r.width > 0 && r.height > 0);
  }, masked);
}

/** Paints `rects` (grown by 2 px) solid magenta in a decoded PNG. */
function paintOver(png, rects) {
  for (const r of rects) {
    const [x0, y0] = [Math.max(0, Math.floor(r.x) - 2), Math.max(0, Math.floor(r.y) - 2)];
    const [x1, y1] = [Math.min(png.width, Math.ceil(r.x + r.width) + 2), Math.min(png.height, Math.ceil(r.y + r.height) + 2)];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) png.data.set([255, 0, 255, 255], (y * png.width + x) * 4);
    }
  }
}

async function readPng(path) {
  try {
    return PNG.sync.read(await readFile(path));
  } catch {
    return undefined;
  }
}


const server = await createServer({ configFile: 'vite.config.ts', root: process.cwd(), server: { port: 0, strictPort: false }, logLevel: 'warn' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
await mkdir(OUT, { recursive: true });
const failures = [];
try {
  const shots = [...STATES.flatMap((state) => ['light', 'dark'].map((scheme) => ({ state, scheme }))), ...EXTRA.map((e) => ({ scheme: 'light', ...e }))];
  const nameOf = (shot) => [shot.state, shot.scheme, shot.dir, shot.lang].filter(Boolean).join('-');
  for (const shot of MODE === 'render' ? shots : shots.filter((s) => BASELINES.has(nameOf(s)))) {
    const page = await browser.newPage();
    await page.setViewport({ width: 720, height: 820 });
    // Still images: no spinner turning, no caret blinking.
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    if (shot.state === 'passkey') {
      // Chrome's virtual authenticator, so the page can register a passkey and show the method
      const cdp = await page.createCDPSession();
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
    }
    if (shot.state === 'load-error') {
      // offline when the method's code is fetched: the browser's own network failure
      await page.setRequestInterception(true);
      page.on('request', (request) =>
        request.url().includes('/define/step-up-mfa-methods.') ? request.abort('internetdisconnected') : request.continue(),
      );
    }
    const query = new URLSearchParams(shot).toString();
    await page.goto(`${base}test/support/screenshots/index.html?${query}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
    const name = nameOf(shot);
    if (MODE === 'render') {
      await page.screenshot({ path: `${OUT}/${name}.png` });
      console.log(`${OUT}/${name}.png`);
    } else {
      await page.addStyleTag({ content: ':root { caret-color: transparent; }' });
      const shown = PNG.sync.read(await page.screenshot());
      paintOver(shown, await maskedRects(page, shot.state === 'rate-limited' ? MASKED_WHEN_LOCKED : MASKED));
      const baselinePath = `${BASELINE_DIR}/${name}.png`;
      if (MODE === 'update') {
        await writeFile(baselinePath, PNG.sync.write(shown));
        console.log(`baseline ${baselinePath}`);
      } else {
        const baseline = await readPng(baselinePath);
        const { width, height } = shown;
        const diff = new PNG({ width, height });
        const differing =
          baseline && baseline.width === width && baseline.height === height
            ? pixelmatch(baseline.data, shown.data, diff.data, width, height, { threshold: 0.1 })
            : width * height;
        const ratio = differing / (width * height);
        const verdict = ratio <= MAX_DIFF_RATIO ? 'ok' : 'CHANGED';
        console.log(`${name.padEnd(26)} ${(ratio * 100).toFixed(3).padStart(7)} % of pixels differ  ${baseline ? verdict : 'NO BASELINE'}`);
        if (verdict !== 'ok') {
          failures.push(name);
          await writeFile(`${OUT}/${name}.png`, PNG.sync.write(shown));
          if (baseline) await writeFile(`${OUT}/${name}.diff.png`, PNG.sync.write(diff));
        }
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failures.length > 0) {
  console.error(
    `\n${failures.length} state(s) look different from test/screenshots/: ${failures.join(', ')}.\n` +
      'The new images and diffs are in .screenshots/. If the change is meant, run `npm run screenshots -- --update` and commit the images.',
  );
  process.exit(1);
}
