// Builds every framework example under demo/frameworks/ with its own vite config, into
// demo/frameworks/<name>/dist. The plain HTML example has no build.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const examples = fileURLToPath(new URL('../demo/frameworks/', import.meta.url));
const only = process.argv.slice(2);
const names = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(`${examples}${entry.name}/vite.config.ts`))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name));

for (const name of names) {
  const started = performance.now();
  await build({ configFile: `${examples}${name}/vite.config.ts`, mode: 'production' });
  console.log(`built demo/frameworks/${name}/dist (${Math.round(performance.now() - started)} ms)`);
}
