import { escapeHtml, formatNumber, htmlPage, htmlSection } from '@lumix/app-kit';
import type { SchoolData } from '../data/school-data.js';
import { buildTimetableGrids, type Placement, type TimetableGrid } from './timetable-grids.js';

/** The `generator` of the timetable report: `--report` may replace a file that carries it without --force. */
export const TIMETABLE_REPORT_GENERATOR = 'LumiX timetabling';

/** What a timetable report says about the run it shows. */
interface ReportRun {
  /** `solve_runs.id`. */
  readonly id: number;
  readonly solver: string;
  readonly status: string;
  readonly startedAt: Date;
  /** Milliseconds spent loading the data and building the model. */
  readonly buildMs: number;
  /** Milliseconds the solver took. */
  readonly solveMs: number;
  readonly numVariables: number;
  readonly numConstraints: number;
}

/** Input of {@link renderTimetableHtml}. */
export interface TimetableReportInput {
  readonly data: SchoolData;
  readonly placements: readonly Placement[];
  readonly run: ReportRun;
  /** Where the data came from (shown under the title), e.g. the database file name. */
  readonly source: string;
  /** Time printed in the footer. Default: now. */
  readonly generatedAt?: Date;
  /** Teacher preferences and whether the run met them (steps 3–4); no section when absent. */
  readonly preferences?: readonly ReportPreference[];
  /** Breaks of the soft same-subject-per-day rule, one line each (`9A Mathematics on Monday: 2 lectures`). */
  readonly sameSubjectBreaks?: readonly string[];
}

/** One teacher preference in the report. */
interface ReportPreference {
  readonly id: number;
  readonly priority: number;
  /** The preference in words. */
  readonly text: string;
  readonly satisfied: boolean;
}

function preferencesSection(prefs: readonly ReportPreference[], breaks: readonly string[] | undefined): string {
  const priorities = [...new Set(prefs.map((p) => p.priority))].sort((a, b) => a - b);
  const summary = priorities
    .map((k) => {
      const at = prefs.filter((p) => p.priority === k);
      const ok = at.filter((p) => p.satisfied).length;
      return `<tr><td>P${k}</td><td class="num">${ok}/${at.length}</td><td class="num">${Math.round((100 * ok) / at.length)}%</td></tr>`;
    })
    .join('');
  const rows = prefs
    .map((p) => `<tr class="${p.satisfied ? 'met' : 'missed'}"><td>${p.satisfied ? '✓' : '✗'}</td><td>P${p.priority}</td><td class="num">${p.id}</td><td>${escapeHtml(p.text)}</td></tr>`)
    .join('');
  const soft =
    breaks === undefined
      ? ''
      : `<h3>Same subject twice a day</h3>${breaks.length === 0 ? '<p>Never.</p>' : `<ul>${breaks.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>`}`;
  return htmlSection(
    'Preferences',
    `<table class="prefs-summary"><thead><tr><th>priority</th><th>satisfied</th><th>%</th></tr></thead><tbody>${summary}</tbody></table>` +
      `<table class="prefs"><thead><tr><th></th><th>priority</th><th>id</th><th>preference</th></tr></thead><tbody>${rows}</tbody></table>${soft}`,
    'preferences',
  );
}

const GRID_CSS = `
main { max-width:1200px; }
.grids { display:grid; grid-template-columns:repeat(auto-fill, minmax(460px, 1fr)); gap:18px; }
.tt h3 { margin:14px 0 2px; }
.tt .sub { color:var(--muted); font-size:12px; margin:0 0 6px; }
table.grid { table-layout:fixed; }
table.grid th.period { width:50px; vertical-align:middle; }
table.grid th { font-size:11px; padding:5px 2px; }
table.grid td { height:58px; padding:4px 3px; line-height:1.25; vertical-align:middle; overflow:hidden; overflow-wrap:break-word; }
table.grid td .subject { display:block; font-weight:600; font-size:11.5px; }
table.grid td .who { display:block; color:var(--muted); font-size:11px; }
table.grid td.none { background:repeating-linear-gradient(45deg,#f5f7fa,#f5f7fa 4px,#eceff3 4px,#eceff3 8px); }
table.grid td.clash { outline:2px solid var(--full); }
nav.toc { margin:10px 0 0; font-size:14px; }
nav.toc a { margin-right:14px; color:var(--accent); }
`;

/** A soft background colour per subject, so the same subject reads the same in every grid. */
function subjectColour(subjectId: number): string {
  const hue = (subjectId * 137) % 360;
  return `hsl(${hue} 70% 90%)`;
}

function gridTable(grid: TimetableGrid, subjectIds: ReadonlyMap<string, number>): string {
  const head = `<tr><th class="period">Period</th>${grid.days.map((d) => `<th>${escapeHtml(d.day_name)}</th>`).join('')}</tr>`;
  const rows = grid.periods.map((period, pi) => {
    const cells = grid.days.map((day, di) => {
      const cell = grid.cells[pi]?.[di] ?? null;
      const at = `data-day="${day.day_of_week}" data-period="${period}"`;
      if (cell === null) return `<td class="none" ${at} title="no timeslot"></td>`;
      if (cell.length === 0) return `<td ${at}></td>`;
      const first = cell[0];
      const colour = first === undefined ? '' : ` style="background:${subjectColour(subjectIds.get(first.subject) ?? 0)}"`;
      const inner = cell
        .map(
          (e) =>
            `<span class="subject" data-lecture="${e.lectureId}">${escapeHtml(e.subject)}</span>${e.lines
              .slice(1)
              .map((l) => `<span class="who">${escapeHtml(l)}</span>`)
              .join('')}`,
        )
        .join('');
      return `<td class="busy${cell.length > 1 ? ' clash' : ''}" ${at}${colour}>${inner}</td>`;
    });
    return `<tr><th class="period">${period}</th>${cells.join('')}</tr>`;
  });
  return `<div class="tt"><h3>${escapeHtml(grid.title)}</h3><p class="sub">${escapeHtml(grid.subtitle)}</p><table class="grid" data-kind="${grid.kind}" data-id="${grid.id}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Lectures per room type, e.g. `REGULAR 49 · LAB 26 · GYM 12`. */
function roomUsage(input: TimetableReportInput): string {
  const type = new Map(input.data.classrooms.map((r) => [r.id, r.room_type ?? 'REGULAR']));
  const n = new Map<string, number>();
  for (const p of input.placements) {
    const t = type.get(p.classroom_id) ?? '?';
    n.set(t, (n.get(t) ?? 0) + 1);
  }
  return [...n.entries()].map(([t, k]) => `${t} ${k}`).join(' · ');
}

/**
 * The timetable as one self-contained HTML page (inline CSS, no scripts, no external requests):
 * facts about the run, then the weekly grids of every teacher, class and room. Each grid is a
 * `table.grid` with `data-kind` and `data-id`; each cell has `data-day` and `data-period`, and
 * each lecture in it a `span.subject` with `data-lecture`, so tests can find what a cell shows.
 */
export function renderTimetableHtml(input: TimetableReportInput): string {
  const grids = buildTimetableGrids(input.data, input.placements);
  const subjectIds = new Map(input.data.subjects.map((s) => [s.name, s.id]));
  const section = (title: string, id: string, list: readonly TimetableGrid[]) =>
    htmlSection(title, `<div class="grids">${list.map((g) => gridTable(g, subjectIds)).join('\n')}</div>`, id);
  const { run } = input;
  const prefs = input.preferences ?? [];
  const body = [
    `<nav class="toc">${prefs.length > 0 ? '<a href="#preferences">Preferences</a>' : ''}<a href="#teachers">Teachers</a><a href="#classes">Classes</a><a href="#rooms">Rooms</a></nav>`,
    ...(prefs.length > 0 ? [preferencesSection(prefs, input.sameSubjectBreaks)] : []),
    section('Teachers', 'teachers', grids.teachers),
    section('Classes', 'classes', grids.classes),
    section('Rooms', 'rooms', grids.rooms),
  ].join('\n');
  return htmlPage({
    generator: TIMETABLE_REPORT_GENERATOR,
    title: 'School timetable',
    subtitle: `Run #${run.id} from ${input.source}, solved ${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    facts: [
      ['Status', run.status],
      ['Lectures placed', `${input.placements.length} of ${input.data.lectures.length}`],
      ['Solver', run.solver],
      ['Model', `${formatNumber(run.numVariables, 0)} vars · ${formatNumber(run.numConstraints, 0)} rows`],
      ['Build / solve', `${Math.round(run.buildMs)} / ${Math.round(run.solveMs)} ms`],
      ['Rooms used by type', roomUsage(input)],
    ],
    body,
    extraCss: GRID_CSS,
    ...(input.generatedAt === undefined ? {} : { generatedAt: input.generatedAt }),
  });
}
