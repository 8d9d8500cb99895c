// Minifies the markup and styles inside Lit's html`` / svg`` / css`` templates (whitespace,
// redundant CSS), which a JavaScript minifier leaves alone. The published components go through
// it (`npm run build`), and so do the browser tests (web-test-runner.config.mjs), so the tests
// run the templates as shipped. Uses minify-literals (html-minifier-next + Lightning CSS, aware
// of Lit's bindings).
//   node scripts/minify-templates.mjs <dir>   rewrites every .js file under <dir> in place
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import remapping from '@jridgewell/remapping';
import { minifyHTMLLiterals } from 'minify-literals';

const hasTemplates = (code) => /\b(?:html|svg|css)\s*`/.test(code);

/** `code` with its Lit templates minified (unchanged when it has none). */
export async function minifyTemplates(code, fileName) {
  if (!hasTemplates(code)) return code;
  const result = await minifyHTMLLiterals(code, { fileName, sourceMap: false });
  return result?.code ?? code;
}

async function minifyDirectory(dir) {
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const code = await readFile(file, 'utf8');
    if (!hasTemplates(code)) continue;
    const result = await minifyHTMLLiterals(code, { fileName: entry.name, sourceMap: true });
    if (!result) continue;
    // chain the file's source map (from tsc) behind the minification, so it still leads to the .ts
    const mapFile = `${file}.map`;
    const original = await readFile(mapFile, 'utf8').catch(() => undefined);
    if (original) await writeFile(mapFile, JSON.stringify(remapping([result.map, JSON.parse(original)], () => null)));
    await writeFile(file, result.code);
    count += 1;
  }
  console.log(`minified the Lit templates of ${count} files under ${dir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/minify-templates.mjs <dir>');
    process.exit(1);
  }
  await minifyDirectory(dir);
}
