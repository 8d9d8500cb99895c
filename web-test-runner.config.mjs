// Browser tests: headless Chromium (Debian's, or CHROME_PATH) against the real reference
// backend, mounted in the test runner's own server so the page and the API share an origin.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { dynamicSdkPlugin } from './test/support/dynamic-sdk-plugin.mjs';
import { scriptedBackendMiddleware } from './test/support/scripted-backend.mjs';
import { mediaPlugin } from './test/support/media-plugin.mjs';
import { networkFailurePlugin } from './test/support/network-failure-plugin.mjs';
import { tabsPlugin } from './test/support/tabs-plugin.mjs';
import { webauthnPlugin } from './test/support/webauthn-plugin.mjs';
import { wireRecorder } from './test/support/wire-recorder.mjs';

const { createReferenceServer, createNodeMiddleware } = await tsImport('./server/index.ts', import.meta.url);
const backend = createReferenceServer({ devMode: true });
// Every step-up API request is logged for the wire drift guard (test/wire/, `npm run test:wire`).
const recorder = wireRecorder(backend);
const handleApi = createNodeMiddleware(recorder.server);

/** Hands requests under the backend's base path to the Hono app, bypassing Koa's response handling. */
function referenceBackendMiddleware() {
  return async function referenceBackend(ctx, next) {
    if (!ctx.path.startsWith(`${backend.basePath}/`)) return next();
    ctx.respond = false;
    await new Promise((resolve, reject) => {
      ctx.res.once('finish', resolve);
      ctx.res.once('close', resolve);
      handleApi(ctx.req, ctx.res, () => reject(new Error(`reference backend did not answer ${ctx.path}`)));
    });
  };
}

/** The components' Lit templates minified as `npm run build` ships them, so the tests run them that way. */
function shippedTemplatesPlugin() {
  return {
    name: 'shipped-templates',
    async transform(context) {
      if (!context.path.startsWith('/components/') || context.path.endsWith('.test.ts')) return undefined;
      if (typeof context.body !== 'string') return undefined;
      return { body: await minifyTemplates(context.body, context.path) };
    },
  };
}

const CHROME_ARGS = [
  '--headless',
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default {
  files: ['src/**/*.test.ts', 'components/**/*.test.ts', 'test/**/*.test.ts', 'demo/**/*.test.ts'],
  // 'step-up-kit:source': the workspace packages (@step-up-kit/protocol) from their sources, unbuilt.
  nodeResolve: { exportConditions: ['step-up-kit:source', 'browser', 'development'] },
  // Test files share one in-memory backend (resets, clock moves), so they run one at a time.
  concurrency: 1,
  middleware: [recorder.middleware(), referenceBackendMiddleware(), scriptedBackendMiddleware()],
  plugins: [
    // target es2022 so legacy decorators are lowered; tsconfig is read raw (no "extends").
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    shippedTemplatesPlugin(),
    webauthnPlugin(),
    tabsPlugin(),
    mediaPlugin(),
    networkFailurePlugin(),
    recorder.plugin(), // makes this run's request log the one the wire drift guard reads
    // Dynamic's SDK bundled for test/dynamic-sdk/: it imports CommonJS, which the dev server cannot serve.
    dynamicSdkPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROME_ARGS,
        // Keep Chrome's popup blocker on (puppeteer turns it off): social step-up must open
        // its popup inside the user's gesture, and a blocked popup is a case we test.
        ignoreDefaultArgs: ['--disable-popup-blocking'],
      },
      // one window per test page: background tabs get no requestAnimationFrame in headless Chrome
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
};
