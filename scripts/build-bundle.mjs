// The browser bundle for pages with no build step: the core and every element, Lit included,
// minified, as one ES module (dist/browser/step-up-kit.js) and, beside it, the parts it loads
// only when needed (each language's strings, the method elements) as chunks it imports itself.
//   <script type="module">
//     import { initializeStepUp } from './step-up-kit.js';   // also defines <step-up-dialog> & co.
//   </script>
// Beside it, for `import 'step-up-kit/bundle'` from an app:
// - step-up-kit.d.ts: its types, the package's own declarations re-exported;
// - step-up-kit.node.js: what Node gets under the `node` export condition (server-side
//   rendering). The bundle inlines Lit's browser build, whose base class extends `HTMLElement`
//   as it is imported, and Node has none; the package's own modules import Lit by name, which
//   Node resolves to Lit's Node build with its DOM shim.
import { rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

// The elements: the documented entry (the dialog, methods on demand) and, for pages that use a
// method element on its own, every method defined at once with its class.
const reexports =
  "export * from '../src/index.js';\nexport * from '../components/index.js';\nexport * from '../components/define/step-up-methods.js';\n";

// From the compiled package (tsc output with minified templates), so the bundle ships the same code.
const ENTRY = 'dist/bundle-entry.js';
await writeFile(ENTRY, reexports.replaceAll("'../", "'./"));
const result = await build({
  entryPoints: { 'step-up-kit': ENTRY },
  bundle: true,
  // What the kit loads on demand stays on demand: a page in English never downloads the other
  // nine languages (inlined, they would nearly double the bundle).
  splitting: true,
  chunkNames: 'step-up-kit-[name]-[hash]',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  // The map carries its sources (sourcesContent, esbuild's default, chained through the
  // compiled files' maps back to the TypeScript): the package ships no sources of its own.
  sourcemap: true,
  conditions: ['production'],
  outdir: 'dist/browser',
  metafile: true,
});
await rm(ENTRY);
await writeFile('dist/browser/step-up-kit.d.ts', `// The types of step-up-kit/bundle: the core's and the elements'.\n${reexports}`);
await writeFile(
  'dist/browser/step-up-kit.node.js',
  `// step-up-kit/bundle under Node: the same exports from the package's modules, whose Lit is\n// Lit's Node build, so importing it while rendering on a server defines the elements in Lit's\n// DOM shim and throws nothing.\n${reexports}`,
);
// What a page loads at once (the bundle and the chunks it imports statically) and what it may load later.
const outputs = result.metafile.outputs;
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const { path, kind } of outputs[file].imports) if (kind === 'import-statement' && outputs[path]) visit(path);
};
visit('dist/browser/step-up-kit.js');
const kB = (files) => (files.reduce((sum, file) => sum + outputs[file].bytes, 0) / 1024).toFixed(1);
const scripts = Object.keys(outputs).filter((file) => file.endsWith('.js'));
console.log(
  `dist/browser/step-up-kit.js: ${kB([...initial])} kB minified at once, ${kB(scripts.filter((f) => !initial.has(f)))} kB in ${scripts.length - initial.size} chunks on demand (with step-up-kit.d.ts and step-up-kit.node.js)`,
);
