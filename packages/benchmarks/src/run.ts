// pnpm bench [--quick] [suite-name ...]: runs every suite in src/suites (or those named), prints
// a table per suite and, at the end, all rows as JSON.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchSuite } from './bench-kit.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a, i) => !a.startsWith('--') && !['--time-limit', '--instances'].includes(args[i - 1] ?? '')); // values of suite flags (itc)
const dir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const all: BenchRow[] = [];
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchSuite };
  console.log(`\n## ${name}`);
  const rows = await mod.default({ quick });
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.figures)))];
  const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
  const header = ['case', ...keys, 'note'];
  const table = rows.map((r) => [r.case, ...keys.map((k) => fmt(r.figures[k])), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  console.log(header.map((h, i) => h.padEnd(widths[i]!)).join(' | '));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const t of table) console.log(t.map((c, i) => c.padEnd(widths[i]!)).join(' | '));
  all.push(...rows);
}
console.log('\n## JSON');
console.log(JSON.stringify(all));
