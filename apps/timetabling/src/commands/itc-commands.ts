import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { chooseSolver, formatTable, solveProgressOptions, withOutputs, type DatabaseOutput, type PreparedOutputs } from '@lumix/app-kit';
import { LumixError, type RunInfo, type SolveRunRecord } from '@lumix/core';
import { openSqliteAdapter } from '@lumix/orm-sqlite';
import type { SolverName } from '@lumix/solver-runtime';
import { openAdapter, type OrmKind } from '../db/open-adapter.js';
import { SCHOOL_TABLE_NAMES } from '../db/school-schema.js';
import { evaluateItc, formatItcSolution, parseItcSolution, type ItcLecture, type ItcScore } from '../itc/itc-evaluate.js';
import { parseItcInstance, type ItcInstance } from '../itc/itc-instance.js';
import { renderItcHtml, ITC_REPORT_GENERATOR } from '../itc/itc-report.js';
import { ITC_SCHEMA, ITC_TABLE_NAMES, itcRows, loadItcInstance, loadItcRun, type LoadedItc } from '../itc/itc-schema.js';
import { solveItc, type ItcStageFigures } from '../itc/itc-solve.js';
import type { CommandContext } from './command-context.js';
import { isReportBy } from '@lumix/app-kit';

/** Where the database is and how the user named it; shared by the ITC commands. */
interface ItcDbOptions {
  /** Database file (resolved). */
  readonly db: string;
  /** The database path as the user typed it. */
  readonly dbName: string;
  /** ` --db <path as typed>` when given, else ''. */
  readonly dbFlag: string;
  readonly orm: OrmKind;
  /** `--force`: replace a file this app did not write. */
  readonly force?: boolean;
}

/** Default time limit of an ITC solve, in seconds (the issue's target: 10 minutes per instance). */
const ITC_DEFAULT_TIME_LIMIT = 600;

/**
 * Whether `file` is a database made by `import-itc` (a SQLite file with the `itc_instance` table).
 * Anything else (no file, not SQLite, cannot be opened) is `false`: the school commands then report it.
 */
export async function isItcDatabase(file: string): Promise<boolean> {
  try {
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    if (head.toString('latin1') !== 'SQLite format 3\u0000') return false;
    const adapter = await openSqliteAdapter(file);
    try {
      return await adapter.tableExists('itc_instance');
    } finally {
      await adapter.close();
    }
  } catch {
    return false;
  }
}

function itcDatabase(ctx: CommandContext, o: ItcDbOptions, use: DatabaseOutput['use']): DatabaseOutput {
  return {
    file: o.db,
    name: o.dbName,
    use,
    createHint: `Create it first with: ${ctx.program} import-itc FILE.ctt${o.dbFlag}`,
    ownTables: [...SCHOOL_TABLE_NAMES, ...ITC_TABLE_NAMES],
  };
}

async function withItcDb<T>(o: ItcDbOptions, fn: (loaded: LoadedItc, adapter: Awaited<ReturnType<typeof openAdapter>>['adapter']) => Promise<T>): Promise<T> {
  const opened = await openAdapter(o.db, o.orm);
  try {
    return await fn(await loadItcInstance(opened.adapter, o.dbName), opened.adapter);
  } finally {
    await opened.close();
  }
}

/** Options of {@link importItcCommand}. */
export interface ImportItcOptions extends ItcDbOptions {
  /** The `.ctt` / `.ectt` file (resolved). */
  readonly file: string;
  /** The file as the user typed it. */
  readonly fileName: string;
}

/**
 * `import-itc FILE`: parses and checks an ITC-2007 `.ctt` (or `.ectt`) file, then writes a fresh
 * database with the instance in the `itc_*` tables through the chosen ORM adapter (staged and
 * renamed into place, as `seed` does). A malformed file is refused with its line number before
 * anything is written (exit 2).
 */
export async function importItcCommand(ctx: CommandContext, o: ImportItcOptions): Promise<number> {
  let text: string;
  try {
    text = readFileSync(o.file, 'utf8');
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot read ${o.fileName}: ${(e as Error).message}. Give import-itc the path of a .ctt or .ectt file.`, { details: { file: o.file } });
  }
  const instance = parseItcInstance(text, o.fileName);
  const rows = itcRows(instance, o.fileName);
  await withOutputs({ database: itcDatabase(ctx, o, 'replace'), force: o.force === true }, async (outputs) => {
    const opened = await openAdapter(outputs.stagedDatabase as string, o.orm);
    try {
      await opened.adapter.createTables(ITC_SCHEMA);
      for (const [table, list] of rows) await opened.adapter.insertRows(table, list);
    } finally {
      await opened.close();
    }
  });
  const lectures = instance.courses.reduce((n, c) => n + c.lectures, 0);
  ctx.out.out(`Imported ${instance.name} from ${o.fileName} into ${o.dbName}, with the ${o.orm} adapter.`);
  ctx.out.out('');
  ctx.out.out(
    formatTable(
      [{ header: 'table' }, { header: 'rows', align: 'right' }],
      rows.map(([t, r]) => [t, String(r.length)]),
    ),
  );
  ctx.out.out('');
  ctx.out.out(`${instance.courses.length} courses, ${lectures} lectures, ${instance.rooms.length} rooms, ${instance.days} days × ${instance.periodsPerDay} periods, ${instance.curricula.length} curricula.`);
  if (instance.roomConstraints !== undefined || instance.dailyLectures !== undefined) {
    ctx.out.out('note: the .ectt extras (room constraints, daily lecture bounds, double lectures, sites) are stored but not used by the UD2 model.');
  }
  ctx.out.out(`Next: ${ctx.program} solve${o.dbFlag}`);
  return 0;
}

function scoreRows(s: ItcScore): string[][] {
  return [
    ['hard violations', String(s.hard)],
    ['room capacity (1/student)', String(s.roomCapacity)],
    ['min working days (5/day)', String(s.minWorkingDays)],
    ['curriculum compactness (2/lecture)', String(s.curriculumCompactness)],
    ['room stability (1/room)', String(s.roomStability)],
    ['cost (UD2)', String(s.soft)],
  ];
}

/** Options of {@link itcSolveCommand}. */
export interface ItcSolveOptions extends ItcDbOptions {
  readonly solver?: SolverName;
  /** Seconds for both stages; default {@link ITC_DEFAULT_TIME_LIMIT}. */
  readonly timeLimit?: number;
  /** HTML report file (resolved). */
  readonly report?: string;
}

/**
 * `solve` on an imported ITC database: loads the instance through the adapter, solves it in two
 * stages (periods, then rooms: see `solveItc`), scores the timetable with the independent evaluator,
 * and saves it as a run (`solve_runs` + `itc_assignments`, one transaction; objective = UD2 cost).
 * Exit 3 when no timetable was found (nothing saved).
 */
export async function itcSolveCommand(ctx: CommandContext, o: ItcSolveOptions): Promise<number> {
  return withOutputs(
    { database: itcDatabase(ctx, o, 'write'), files: o.report === undefined ? [] : [itcReportOutput(o.report)], force: o.force === true },
    (outputs) => solveAndSave(ctx, o, outputs),
  );
}

async function solveAndSave(ctx: CommandContext, o: ItcSolveOptions, outputs: PreparedOutputs): Promise<number> {
  const { out } = ctx;
  const chosen = await chooseSolver({ cwd: ctx.cwd, ...(o.solver === undefined ? {} : { name: o.solver }), ...(ctx.env === undefined ? {} : { env: ctx.env }) });
  const report = outputs.file('--report');
  const timeLimit = o.timeLimit ?? ITC_DEFAULT_TIME_LIMIT;
  return withItcDb(o, async (loaded, adapter) => {
    const inst = loaded.instance;
    const nLectures = inst.courses.reduce((n, c) => n + c.lectures, 0);
    out.out(
      `Loaded ITC instance ${inst.name}: ${inst.courses.length} courses, ${nLectures} lectures, ${inst.rooms.length} rooms, ` +
        `${inst.days * inst.periodsPerDay} periods, ${inst.curricula.length} curricula from ${o.dbName} with the ${o.orm} adapter.`,
    );
    out.out(`Solving in two stages (periods, then rooms) with ${chosen.solver.name} (${chosen.reason}), ${timeLimit} s in all.`);
    const startedAt = new Date();
    // A line on stderr every few seconds, counted across the stages.
    const result = await solveItc(inst, { solver: chosen.solver, timeLimit, ...solveProgressOptions(chosen.solver, out) });
    if ('none' in result) {
      out.err(
        `No timetable found: the ${result.stage.name} stage stopped with status '${result.none}'` +
          (result.none === 'infeasible' ? ' (the hard constraints cannot all be met).' : `; this does not prove that none exists. Allow more time with --time-limit (now ${timeLimit} s).`) +
          ' Nothing was saved.',
      );
      return 3;
    }
    const score = evaluateItc(inst, result.lectures);
    if (score.hard > 0) {
      throw new LumixError('SOLVER_FAILED', `the two-stage model returned a timetable with ${score.hard} hard violations (a bug); nothing was saved.`, { details: { score } });
    }
    const stages = result.stages;
    const total = (f: (s: ItcStageFigures) => number) => stages.reduce((n, s) => n + f(s), 0);
    out.out('');
    out.out(
      formatTable(
        [{ header: 'stage' }, { header: 'status' }, { header: 'objective', align: 'right' }, { header: 'variables', align: 'right' }, { header: 'rows', align: 'right' }, { header: 'non-zeros', align: 'right' }, { header: 'build ms', align: 'right' }, { header: 'solve ms', align: 'right' }],
        result.stages.map((s) => [s.name, s.status, s.objective === null ? '' : String(Math.round(s.objective * 1000) / 1000), String(s.variables), String(s.rows), String(s.nonzeros), String(Math.round(s.buildMs)), String(Math.round(s.solveMs))]),
      ),
    );
    out.out('');
    out.out(formatTable([{ header: 'score' }, { header: 'value', align: 'right' }], scoreRows(score)));
    const run: RunInfo = {
      ...result.last.run,
      modelName: 'itc',
      status: result.status,
      objective: score.soft,
      startedAt,
      finishedAt: new Date(),
      buildMs: total((s) => s.buildMs),
      solveMs: total((s) => s.solveMs),
      numVariables: total((s) => s.variables),
      numConstraints: total((s) => s.rows),
      numNonzeros: total((s) => s.nonzeros),
      options: { timeLimit, decomposition: 'periods, then rooms, then rounds', stages: result.stages, rounds: result.rounds },
    };
    const saved = await adapter.saveRun(
      { run },
      {
        label: `itc ${inst.name} orm=${o.orm}`,
        rows: (runId) => {
          report?.write(renderItcHtml({ instance: inst, lectures: result.lectures, score, source: o.dbName, run: { ...run, id: runId } }));
          return {
            itc_assignments: result.lectures.map((l) => ({ course_id: loaded.courseIds.get(l.course), room_id: loaded.roomIds.get(l.room), day: l.day, period: l.period })),
          };
        },
      },
    );
    outputs.commit();
    out.out('');
    out.out(`Saved run #${saved.id}: ${result.lectures.length} lectures, cost ${score.soft}, in ${o.dbName}. Export it with: ${ctx.program} export-itc --out ${inst.name}.sol${o.dbFlag}`);
    if (report !== undefined) out.out(`Report: ${report.path}`);
    return 0;
  });
}

function itcReportOutput(file: string) {
  return { file, flag: '--report', example: 'timetable.html', isOwn: isReportBy(ITC_REPORT_GENERATOR) };
}

async function pickRun(ctx: CommandContext, o: ItcDbOptions & { readonly run?: number }, adapter: LoadedAdapter): Promise<SolveRunRecord> {
  const run = o.run === undefined ? await adapter.latestRun({ modelName: 'itc' }) : await adapter.getRun(o.run);
  if (run === null) {
    const runs = await adapter.listRuns();
    throw new LumixError(
      'INVALID_ARGUMENT',
      o.run === undefined || runs.length === 0
        ? `${o.dbName} has no saved runs yet. Make one with: ${ctx.program} solve${o.dbFlag}`
        : `${o.dbName} has no run #${o.run}. Its runs are ${runs.map((r) => `#${r.id}`).join(', ')}; list them with: ${ctx.program} runs${o.dbFlag}`,
      { details: { file: o.db, run: o.run } },
    );
  }
  return run;
}

type LoadedAdapter = Awaited<ReturnType<typeof openAdapter>>['adapter'];

/** Options of {@link itcShowCommand}. */
export interface ItcShowOptions extends ItcDbOptions {
  /** Run id; default: the latest. */
  readonly run?: number;
  readonly report?: string;
}

/** Prints one day of a timetable: rooms as rows, periods as columns, the course in each cell. */
function dayGrid(inst: ItcInstance, lectures: readonly ItcLecture[], day: number): string {
  const cell = new Map(lectures.filter((l) => l.day === day).map((l) => [`${l.room} ${l.period}`, l.course]));
  const periods = Array.from({ length: inst.periodsPerDay }, (_, p) => p);
  return formatTable(
    [{ header: `day ${day}` }, ...periods.map((p) => ({ header: `p${p}` }))],
    inst.rooms.map((r) => [`${r.name} (${r.capacity})`, ...periods.map((p) => cell.get(`${r.name} ${p}`) ?? '.')]),
  );
}

/** `show` on an ITC database: a saved run's figures, its score by the evaluator, and a room × period grid per day. */
export async function itcShowCommand(ctx: CommandContext, o: ItcShowOptions): Promise<number> {
  return withOutputs(
    { database: itcDatabase(ctx, o, 'read'), files: o.report === undefined ? [] : [itcReportOutput(o.report)], force: o.force === true },
    (outputs) =>
      withItcDb(o, async (loaded, adapter) => {
        const run = await pickRun(ctx, o, adapter);
        const lectures = await loadItcRun(adapter, run.id, loaded);
        const inst = loaded.instance;
        const score = evaluateItc(inst, lectures);
        ctx.out.out(
          formatTable(
            [{ header: `run #${run.id}` }, { header: '' }],
            [
              ['instance', inst.name],
              ['started', `${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`],
              ['solver', run.solver],
              ['status', run.status],
              ['lectures', `${lectures.length} of ${inst.courses.reduce((n, c) => n + c.lectures, 0)}`],
              ['model', `${run.numVariables} variables, ${run.numConstraints} constraints (two stages)`],
              ['build / solve', `${Math.round(run.buildMs)} ms / ${Math.round(run.solveMs)} ms`],
              ...scoreRows(score),
            ],
          ),
        );
        for (let d = 0; d < inst.days; d++) {
          ctx.out.out('');
          ctx.out.out(dayGrid(inst, lectures, d));
        }
        const report = outputs.file('--report');
        if (report !== undefined) {
          report.write(renderItcHtml({ instance: inst, lectures, score, source: o.dbName, run }));
          outputs.commit();
          ctx.out.out('');
          ctx.out.out(`Report: ${report.path}`);
        }
        return 0;
      }),
  );
}

/** `runs` on an ITC database: every saved run with its status, cost and model size. */
export async function itcRunsCommand(ctx: CommandContext, o: ItcDbOptions): Promise<number> {
  return withOutputs({ database: itcDatabase(ctx, o, 'read') }, () =>
    withItcDb(o, async (loaded, adapter) => {
      const runs = await adapter.listRuns();
      if (runs.length === 0) {
        ctx.out.out(`${o.dbName} (ITC instance ${loaded.instance.name}) has no saved runs yet. Make one with: ${ctx.program} solve${o.dbFlag}`);
        return 0;
      }
      const counts = await adapter.query<{ run_id: number; n: number }>('SELECT run_id, COUNT(*) AS n FROM itc_assignments GROUP BY run_id');
      const byRun = new Map(counts.map((c) => [Number(c.run_id), Number(c.n)]));
      ctx.out.out(
        formatTable(
          [
            { header: 'run', align: 'right' },
            { header: 'started (UTC)' },
            { header: 'solver' },
            { header: 'status' },
            { header: 'cost', align: 'right' },
            { header: 'lectures', align: 'right' },
            { header: 'variables', align: 'right' },
            { header: 'constraints', align: 'right' },
            { header: 'solve ms', align: 'right' },
            { header: 'label' },
          ],
          runs.map((r) => [
            String(r.id),
            r.startedAt.toISOString().replace('T', ' ').slice(0, 19),
            r.solver,
            r.status,
            r.objective === null ? '' : String(r.objective),
            String(byRun.get(r.id) ?? 0),
            String(r.numVariables),
            String(r.numConstraints),
            String(Math.round(r.solveMs)),
            r.label ?? '',
          ]),
        ),
      );
      ctx.out.out('');
      ctx.out.out(`Show one with: ${ctx.program} show${o.dbFlag} --run N`);
      return 0;
    }),
  );
}

/** Options of {@link exportItcCommand}. */
export interface ExportItcOptions extends ItcDbOptions {
  /** Output file (resolved). */
  readonly out: string;
  readonly run?: number;
}

const SOLUTION_LINE = /^(\S+ \S+ \d+ \d+\r?\n)*\S* ?\S* ?\d* ?\d*$/;

/**
 * `export-itc --out FILE`: writes a saved run (default: the latest) in the official ITC-2007
 * solution format, one `course room day period` line per lecture, for the official validator.
 * An existing file is replaced only when it looks like a solution file, or with --force.
 */
export async function exportItcCommand(ctx: CommandContext, o: ExportItcOptions): Promise<number> {
  return withOutputs(
    {
      database: itcDatabase(ctx, o, 'read'),
      files: [{ file: o.out, flag: '--out', example: 'comp01.sol', isOwn: (head) => head.length > 0 && SOLUTION_LINE.test(head) }],
      force: o.force === true,
    },
    (outputs) =>
      withItcDb(o, async (loaded, adapter) => {
        const run = await pickRun(ctx, o, adapter);
        const lectures = await loadItcRun(adapter, run.id, loaded);
        const file = outputs.file('--out')!;
        file.write(formatItcSolution(lectures));
        outputs.commit();
        const score = evaluateItc(loaded.instance, lectures);
        ctx.out.out(`Wrote run #${run.id} of ${loaded.instance.name} (${lectures.length} lectures, ${score.hard} hard violations, cost ${score.soft}) to ${file.path}.`);
        return 0;
      }),
  );
}

/** Options of {@link evaluateItcCommand}. */
export interface EvaluateItcOptions extends ItcDbOptions {
  /** The solution file (resolved). */
  readonly solution: string;
  /** The solution file as the user typed it. */
  readonly solutionName: string;
}

/**
 * `evaluate-itc FILE.sol`: scores a timetable in the official solution format (from this app, the
 * official validator's inputs, or anyone else) against the instance in the database, with the
 * evaluator the runs are scored by: hard violations by kind and each UD2 cost. Reads only.
 */
export async function evaluateItcCommand(ctx: CommandContext, o: EvaluateItcOptions): Promise<number> {
  let text: string;
  try {
    text = readFileSync(o.solution, 'utf8');
  } catch (e) {
    throw new LumixError('INVALID_ARGUMENT', `Cannot read ${o.solutionName}: ${(e as Error).message}. Give evaluate-itc the path of a solution file.`, { details: { file: o.solution } });
  }
  const lectures = parseItcSolution(text, o.solutionName);
  return withOutputs({ database: itcDatabase(ctx, o, 'read') }, () =>
    withItcDb(o, async (loaded) => {
      const s = evaluateItc(loaded.instance, lectures);
      ctx.out.out(`${o.solutionName} on ${loaded.instance.name} (${lectures.length} lectures):`);
      ctx.out.out('');
      ctx.out.out(
        formatTable(
          [{ header: 'check' }, { header: 'value', align: 'right' }],
          [
            ['missing or extra lectures', String(s.lectures)],
            ['room occupancy', String(s.roomOccupancy)],
            ['conflicts', String(s.conflicts)],
            ['unavailable periods', String(s.availability)],
            ['unknown course, room or period', String(s.unknown)],
            ...scoreRows(s),
          ],
        ),
      );
      return 0;
    }),
  );
}
