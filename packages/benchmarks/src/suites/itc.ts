// ITC-2007 track 3 (curriculum-based course timetabling) through the timetabling app, end to end:
// for each instance, `import-itc` into a fresh SQLite database, `solve --time-limit S` (HiGHS,
// the app's two-stage model with improvement rounds), `export-itc`, then the exported file is
// scored by the app's evaluator (which shares no code with the model) against the best known UD2
// cost from test-fixtures/itc2007/expected.csv.
//
//   pnpm bench itc [--time-limit S] [--instances comp01,comp11]
//
// Defaults: all 21 instances, 60 s each (--quick: comp01 and comp11, 20 s each). `variables` and
// `rows` are those of the largest model solved for the instance (a stage, or the full model).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import { fixturePath, readFixture } from '@lumix/test-fixtures';
import { evaluateItc, parseItcInstance, parseItcSolution, runTimetablingCli } from '@lumix/timetabling';
import { median, type BenchRow, type BenchSuite } from '../bench-kit.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function bestKnown(): Map<string, number> {
  const [head, ...lines] = readFixture('itc2007/expected.csv').trim().split('\n');
  const cols = head!.split(',');
  const name = cols.indexOf('name');
  const best = cols.indexOf('best_known_UD2_upper_bound_2013');
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[name]!, Number(f[best])]));
}

interface Stage {
  readonly variables: number;
  readonly rows: number;
}

const suite: BenchSuite = async ({ quick }) => {
  const timeLimit = Number(flag('--time-limit') ?? (quick ? 20 : 60));
  const names = (flag('--instances') ?? (quick ? 'comp01,comp11' : Array.from({ length: 21 }, (_, i) => `comp${String(i + 1).padStart(2, '0')}`).join(','))).split(',');
  const best = bestKnown();
  const dir = mkdtempSync(join(tmpdir(), 'lumix-bench-itc-'));
  const rows: BenchRow[] = [];
  try {
    for (const name of names) {
      const file = fixturePath(`itc2007/ctt/${name}.ctt`);
      const db = join(dir, `${name}.db`);
      const sol = join(dir, `${name}.sol`);
      const stderr: string[] = [];
      const out = { out: () => {}, err: (t: string) => void stderr.push(t) };
      const run = async (argv: string[]) => {
        const code = await runTimetablingCli(argv, out, dir);
        if (code !== 0 && code !== 3) throw new Error(`${argv[0]} ${name} exited ${code}: ${stderr.join('\n')}`);
        return code;
      };
      await run(['import-itc', file, '--db', db, '--orm', 'sqlite']);
      const t0 = performance.now();
      const code = await run(['solve', '--db', db, '--orm', 'sqlite', '--solver', 'highs', '--time-limit', String(timeLimit)]);
      const seconds = (performance.now() - t0) / 1000;
      const inst = parseItcInstance(readFileSync(file, 'utf8'), file);
      const lectures = inst.courses.reduce((n, c) => n + c.lectures, 0);
      const size = { lectures, rooms: inst.rooms.length, periods: inst.days * inst.periodsPerDay };
      if (code === 3) {
        rows.push({ suite: 'itc', case: name, figures: { ...size, feasible: 0, 'best known': best.get(name)!, 'time s': seconds }, note: 'no timetable within the time limit' });
        console.log(`${name}: no timetable in ${seconds.toFixed(0)} s`);
        continue;
      }
      await run(['export-itc', '--db', db, '--orm', 'sqlite', '--out', sol]);
      const score = evaluateItc(inst, parseItcSolution(readFileSync(sol, 'utf8'), sol));
      const adapter = await openSqliteAdapter(db);
      let largest: Stage = { variables: 0, rows: 0 };
      let rounds: number[] = [];
      try {
        const [r] = await adapter.query<{ options_json: string }>('SELECT options_json FROM solve_runs ORDER BY id DESC LIMIT 1');
        const options = JSON.parse(r!.options_json) as { stages: Stage[]; rounds: number[] };
        for (const s of options.stages) if (s.variables > largest.variables) largest = s;
        rounds = options.rounds;
      } finally {
        await adapter.close();
      }
      const known = best.get(name)!;
      rows.push({
        suite: 'itc',
        case: name,
        figures: {
          ...size,
          variables: largest.variables,
          rows: largest.rows,
          feasible: score.hard === 0 ? 1 : 0,
          cost: score.soft,
          'best known': known,
          ratio: known === 0 ? (score.soft === 0 ? 1 : Number.POSITIVE_INFINITY) : score.soft / known,
          'time s': seconds,
        },
        note: `hard ${score.hard}; rounds ${rounds.join(' -> ')}`,
      });
      console.log(`${name}: hard ${score.hard}, cost ${score.soft} (best known ${known}) in ${seconds.toFixed(0)} s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratios = rows.filter((r) => r.figures['feasible'] === 1 && Number.isFinite(r.figures['ratio'])).map((r) => r.figures['ratio']!);
  rows.push({
    suite: 'itc',
    case: `summary (${timeLimit} s each)`,
    figures: { feasible: rows.filter((r) => r.figures['feasible'] === 1).length, instances: names.length, ...(ratios.length === 0 ? {} : { 'median ratio': median(ratios) }) },
    note: 'ratio = cost / best known (comp11: best known 0, ratio 1 when 0 is reached); instances with best known 0 and cost > 0 are left out of the median',
  });
  return rows;
};
export default suite;
