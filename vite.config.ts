// `npm start`: the demo, with the reference backend (dev mode) mounted in the same server.
import { defineConfig, type Plugin } from 'vite';
import { createNodeMiddleware, createReferenceServer } from './server/index.js';

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
  plugins: [referenceBackend()],
});
