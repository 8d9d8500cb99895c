import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

// Angular in JIT mode: the template is compiled in the browser by @angular/compiler, so a
// plain vite build of the TypeScript (legacy decorators, as the root tsconfig sets) is enough.
export default defineConfig(
  exampleConfig(import.meta.url, [], {
    build: { chunkSizeWarningLimit: 1500 }, // the JIT compiler ships in the bundle
  }),
);
