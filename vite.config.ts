// `npm start`: the demo, with the reference backend (dev mode) mounted in the same server.
import { tsImport } from 'tsx/esm/api';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

// The reference backend from its TypeScript sources through tsx (as the test runner loads it):
// Vite's own config loader would look for the workspace packages' builds.
const { createNodeMiddleware, createReferenceServer }: typeof import('./server/index.js') = await tsImport('./server/index.ts', import.meta.url);

function referenceBackend(): Plugin {
  return {
    name: 'step-up-reference-backend',
    configureServer(server) {
      server.middlewares.use(createNodeMiddleware(createReferenceServer({ devMode: true })));
    },
  };
}

export default defineConfig({
  root: 'demo',
  server: { port: Number(process.env.PORT) || 5173, strictPort: true },
  // The workspace packages (@step-up-kit/protocol) from their TypeScript sources, unbuilt.
  resolve: { conditions: ['step-up-kit:source', ...defaultClientConditions] },
  plugins: [referenceBackend()],
});
