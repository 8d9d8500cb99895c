// `npm run screenshots`: renders each <step-up-dialog> state in headless Chromium, light and
// dark (plus RTL and German samples), into .screenshots/ for review. Serves the repo with
// vite (the reference backend mounted in dev mode, as in `npm start`) and the page in
// test/support/screenshots/.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { findChrome } from './find-chrome.mjs';

const STATES = ['checking', 'passkey', 'totp', 'wrong-code', 'rate-limited', 'recovery-code', 'email', 'sms', 'social', 'wallet', 'no-method', 'check-error', 'about', 'waiting'];
const EXTRA = [{ state: 'totp', dir: 'rtl' }, { state: 'email', lang: 'de' }, { state: 'about', dir: 'rtl' }, { state: 'about', lang: 'de' }];
const OUT = '.screenshots';

const server = await createServer({ configFile: 'vite.config.ts', root: process.cwd(), server: { port: 0, strictPort: false }, logLevel: 'warn' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
await mkdir(OUT, { recursive: true });
try {
  const shots = [...STATES.flatMap((state) => ['light', 'dark'].map((scheme) => ({ state, scheme }))), ...EXTRA.map((e) => ({ scheme: 'light', ...e }))];
  for (const shot of shots) {
    const page = await browser.newPage();
    await page.setViewport({ width: 720, height: 820 });
    if (shot.state === 'passkey') {
      // Chrome's virtual authenticator, so the page can register a passkey and show the method
      const cdp = await page.createCDPSession();
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
    }
    const query = new URLSearchParams(shot).toString();
    await page.goto(`${base}test/support/screenshots/index.html?${query}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
    const name = [shot.state, shot.scheme, shot.dir, shot.lang].filter(Boolean).join('-');
    await page.screenshot({ path: `${OUT}/${name}.png` });
    console.log(`${OUT}/${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
