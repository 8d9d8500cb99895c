// What every framework example's vite config shares: relative asset URLs (the built page is
// served from any folder), output in `<example>/dist`, the kit imported by its package name
// from this repository's sources, and the reference backend under `vite` (dev server).
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { defaultClientConditions, mergeConfig, type Plugin, type PluginOption, type UserConfig } from 'vite';

// The reference backend from its TypeScript sources through tsx, as in the demo's vite config:
// Vite's config loader would look for the workspace packages' builds.
const { createNodeMiddleware, createReferenceServer }: typeof import('../../server/index.js') = await tsImport('../../server/index.ts', import.meta.url);

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

function referenceBackend(): Plugin {
  return {
    name: 'step-up-reference-backend',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(createNodeMiddleware(createReferenceServer({ devMode: true })));
    },
  };
}

export function exampleConfig(exampleUrl: string, plugins: PluginOption[] = [], overrides: UserConfig = {}): UserConfig {
  const root = fileURLToPath(new URL('.', exampleUrl));
  return mergeConfig({
    root,
    base: './',
    logLevel: 'warn',
    resolve: {
      // The workspace packages (@step-up-kit/protocol) from their sources, unbuilt.
      conditions: ['step-up-kit:source', ...defaultClientConditions],
      alias: [
        { find: /^step-up-kit$/, replacement: repo('src/index.ts') },
        { find: /^step-up-kit\/components$/, replacement: repo('components/index.ts') },
      ],
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      rolldownOptions: {
        // `step-up-kit/components` defines every element up front, so the dialog's lazy
        // loaders have nothing left to split: expected here, not worth a warning per build.
        onwarn(warning, warn) {
          if (warning.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') warn(warning);
        },
      },
    },
    plugins: [...plugins, referenceBackend()],
  } satisfies UserConfig, overrides);
}
