// The single-file browser bundle for pages with no build step: the core and every element,
// Lit included, minified, as one ES module (dist/browser/step-up-kit.js).
//   <script type="module">
//     import { initializeStepUp } from './step-up-kit.js';   // also defines <step-up-dialog> & co.
//   </script>
import { build } from 'esbuild';

const result = await build({
  stdin: {
    // from the compiled package (tsc output with minified templates), so the bundle ships the same code
    contents: "export * from './dist/src/index.js';\nexport * from './dist/components/index.js';\n",
    resolveDir: process.cwd(),
    sourcefile: 'step-up-kit-bundle.js',
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  sourcemap: true,
  conditions: ['production'],
  outfile: 'dist/browser/step-up-kit.js',
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.js'))[1].bytes;
console.log(`dist/browser/step-up-kit.js: ${(bytes / 1024).toFixed(1)} kB minified`);
