// `npm run bench -- <name> [options]`: runs bench/<name>/run.ts.
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`./${entry.name}/run.ts`, import.meta.url)))
  .map((entry) => entry.name);

if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [options]\n`);
  process.exit(2);
}
process.argv = [process.argv[0], process.argv[1], ...rest];
await import(`./${name}/run.ts`);
