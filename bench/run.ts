// Runs the benchmarks in bench/*.bench.ts and writes their sections into docs/BENCHMARKS.md.
// `npm run bench` runs them all; `npm run bench -- NAME...` runs only those and keeps the other
// sections as they were. Each bench module default-exports `() => Promise<string>` (markdown).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const benchDir = import.meta.dirname;
const docPath = join(benchDir, '../docs/BENCHMARKS.md');
const wanted = process.argv.slice(2);
const names = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
const sections = new Map<string, string>();
for (const m of previous.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1]!, m[2]!);

for (const name of names) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`bench: ${name}\n`);
  const module = (await import(join(benchDir, `${name}.bench.ts`))) as { default: () => Promise<string> };
  const body = await module.default();
  sections.set(name, `${body.trim()}\n\n_Measured ${new Date().toISOString().slice(0, 10)}._\n`);
}

const header = `# Benchmarks

Written by \`npm run bench\` (bench/). Every figure is a ratio against a baseline measured in the
same run on the same machine, because absolute times on these shared 2-core machines are noisy.
Machine of the last run: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.
`;
const body = names
  .filter((n) => sections.has(n))
  .map((n) => `<!-- bench:${n} -->\n${sections.get(n)}<!-- /bench:${n} -->`)
  .join('\n\n');
writeFileSync(docPath, `${header}\n${body}\n`);
process.stderr.write(`bench: wrote ${docPath}\n`);
