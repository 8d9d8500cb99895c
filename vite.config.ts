// `npm start`: the demo, with the reference backend (dev mode) mounted in the same server.
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// The reference backend from its TypeScript sources through tsx (as the test runner loads it):
// Vite's own config loader would look for the workspace packages' builds.
const { createNodeMiddleware, createReferenceServer }: typeof import('./server/index.js') = await tsImport('./server/index.ts', import.meta.url);

const demo = fileURLToPath(new URL('demo/', import.meta.url));

/** `path` as a glob pattern that matches only itself (a checkout path may hold `(`, `[`, …). */
const literalGlob = (path: string) => path.split(sep).join('/').replace(/[\\()[\]{}*?!+@|]/g, '\\$&');

function referenceBackend(): Plugin {
  return {
    name: 'step-up-reference-backend',
    configureServer(server) {
      server.middlewares.use(createNodeMiddleware(createReferenceServer({ devMode: true })));
    },
  };
}

export default defineConfig({
  root: demo,
  server: { port: Number(process.env.PORT) || 5173, strictPort: true },
  // The workspace packages (@step-up-kit/protocol) from their TypeScript sources, unbuilt.
  resolve: { conditions: ['step-up-kit:source', ...defaultClientConditions] },
  optimizeDeps: {
    // The pages this server serves, and no other. Left to itself Vite scans every HTML file
    // under the root, the framework examples' too; they import the kit by its package name,
    // which only their own configs point at the sources, so on a fresh clone (nothing built)
    // the scan fails, nothing is pre-bundled, and the first dependency met in a lazily loaded
    // module (the dialog's method elements import `lit/directives/if-defined.js`) makes Vite
    // re-optimise and reload the page under the user's first press. The scan follows the
    // dialog's dynamic imports from these pages, so what the method elements need is
    // pre-bundled before the page is first served. Absolute, so a script serving another root
    // with this config (the screenshots) still gets them.
    entries: ['index.html', 'frameworks/html/index.html'].map((page) => literalGlob(join(demo, page))),
  },
  plugins: [referenceBackend()],
});
