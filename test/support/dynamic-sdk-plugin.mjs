// Test-runner plugin: Dynamic's SDK (`@dynamic-labs-sdk/client`, a test-only devDependency) for
// the browser tests under test/dynamic-sdk/, served as one ES module that esbuild bundles once
// per run. The dev server serves packages file by file and cannot turn CommonJS into ES modules;
// the SDK imports one (`buffer`), so an import of the SDK is resolved to the bundle instead —
// the way an app's bundler would take it. Nothing is changed in it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SDK = '@dynamic-labs-sdk/client';
const BUNDLE_PATH = '/__dynamic-sdk__/client.js';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function dynamicSdkPlugin() {
  /** @type {Promise<string> | undefined} */
  let bundle;
  return {
    name: 'dynamic-sdk-bundle',
    resolveImport({ source }) {
      return source === SDK ? BUNDLE_PATH : undefined;
    },
    async serve(context) {
      if (context.path !== BUNDLE_PATH) return undefined;
      bundle ??= build({
        entryPoints: [SDK],
        absWorkingDir: ROOT,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundle, type: 'js' };
    },
  };
}
