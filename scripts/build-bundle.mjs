// The single-file browser bundle for pages with no build step: the core and every element,
// Lit included, minified, as one ES module (dist/browser/step-up-kit.js).
//   <script type="module">
//     import { initializeStepUp } from './step-up-kit.js';   // also defines <step-up-dialog> & co.
//   </script>
import { build } from 'esbuild';

const result = await build({
  stdin: {
    contents: "export * from './src/index.ts';\nexport * from './components/index.ts';\n",
    resolveDir: process.cwd(),
    sourcefile: 'step-up-kit-bundle.ts',
    loader: 'ts',
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
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.js'))[1].bytes;
console.log(`dist/browser/step-up-kit.js: ${(bytes / 1024).toFixed(1)} kB minified`);
