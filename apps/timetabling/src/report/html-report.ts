import { escapeHtml, formatNumber, htmlPage, htmlSection, htmlTable } from '@lumix/app-kit';
import type { SchoolData } from '../data/school-data.js';
import { schoolDataWarnings } from '../data/validate-school-data.js';
import { lecturesPerDayChart, loadChart, preferencesChart } from './report-charts.js';
import { weeklyLoads, type WeeklyLoad } from './weekly-loads.js';
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

function preferencesTab(prefs: readonly ReportPreference[]): string {
  const priorities = [...new Set(prefs.map((p) => p.priority))].sort((a, b) => a - b);
  const summary = priorities
    .map((k) => {
      const at = prefs.filter((p) => p.priority === k);
      const ok = at.filter((p) => p.satisfied).length;
      return `<tr><td>P${k}</td><td class="num">${ok}/${at.length}</td><td class="num">${Math.round((100 * ok) / at.length)}%</td></tr>`;
    })
    .join('');
  const rows = prefs
    .map(
      (p) =>
        `<tr class="${p.satisfied ? 'met' : 'missed'}"><td><span class="tag ${p.satisfied ? 'ok' : 'full'}">${p.satisfied ? '✓ met' : '✗ missed'}</span></td><td>P${p.priority}</td><td class="num">${p.id}</td><td>${escapeHtml(p.text)}</td></tr>`,
    )
    .join('');
  return [
    htmlSection(
      'Satisfied per priority',
      `<p class="note">Priority by seniority: 15 years or more P1, 7 or more P2, else P3.</p>${preferencesChart(prefs)}<div class="table-wrap"><table class="prefs-summary"><thead><tr><th>Priority</th><th class="num">Satisfied</th><th class="num">%</th></tr></thead><tbody>${summary}</tbody></table></div>`,
      'pref-summary',
    ),
    htmlSection(
      'Each preference',
      `<div class="table-wrap"><table class="prefs"><thead><tr><th></th><th>Priority</th><th class="num">Id</th><th>Preference</th></tr></thead><tbody>${rows}</tbody></table></div>`,
      'pref-list',
    ),
  ].join('\n');
}

function warningsTab(dataWarnings: readonly string[], breaks: readonly string[] | undefined): string {
  const list = (items: readonly string[], cls: string) => `<ul class="${cls}">${items.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
  return [
    htmlSection(
      'Data',
      dataWarnings.length === 0
        ? '<p class="note">Nothing odd in the data.</p>'
        : `<p class="note">Found in the data and kept as written: a preference on another teacher's lecture, or two preferences of which one must be missed.</p>${list(dataWarnings, 'data-warnings')}`,
      'data-warnings',
    ),
    htmlSection(
      'Same subject twice a day',
      breaks === undefined
        ? '<p class="note">Not checked for this run (shown by solve; show reads the saved placements only).</p>'
        : breaks.length === 0
          ? '<p class="note">Never: no class has the same subject twice on one day.</p>'
          : `<p class="note">A soft rule (priority 4): broken ${breaks.length} time${breaks.length === 1 ? '' : 's'}.</p>${list(breaks, 'same-subject')}`,
      'same-subject',
    ),
  ].join('\n');
}

function loadsSection(title: string, id: string, loads: readonly WeeklyLoad[], days: readonly string[]): string {
  const table = htmlTable(
    [{ header: title === 'Classes' ? 'Class' : 'Teacher' }, ...days.map((d) => ({ header: d, align: 'right' as const })), { header: 'Week', align: 'right' }, { header: 'Busiest day', align: 'right' }],
    loads.map((l) => [l.name, ...l.perDay.map(String), String(l.total), String(Math.max(0, ...l.perDay))]),
    { className: `loads-${id}` },
  );
  return htmlSection(`${title}: lectures per day`, loadChart(loads, days, title) + table, `loads-${id}`);
}

const GRID_CSS = `
main { max-width:1200px; }
.grids { display:grid; grid-template-columns:repeat(auto-fill, minmax(min(460px, 100%), 1fr)); gap:18px; }
.tt .table-wrap > table.grid { min-width:420px; }
.tt .table-wrap > table.grid th.period { position:sticky; left:0; z-index:1; background:#eef2f7; }
nav.jump { display:flex; flex-wrap:wrap; gap:6px; margin:10px 0 4px; }
nav.jump a { font-size:13px; padding:2px 10px; border:1px solid var(--line); border-radius:12px; color:var(--accent); text-decoration:none; background:#fff; }
nav.jump a:hover { background:#eef2f7; }
ul.data-warnings li, ul.same-subject li { margin:4px 0; }
tr.missed td { background:#fff7f7; }
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
  return `<div class="tt" id="${grid.kind}-${grid.id}"><h3>${escapeHtml(grid.title)}</h3><p class="sub">${escapeHtml(grid.subtitle)}</p><div class="table-wrap"><table class="grid" data-kind="${grid.kind}" data-id="${grid.id}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></div>`;
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
 * The timetable as one self-contained HTML page in tabs (inline CSS and SVG; the only script is
 * the tab switcher): Summary (facts, lectures per day by room type), the weekly grids by class,
 * by teacher and by room (a jump list to each), Loads (lectures per day of every class and
 * teacher, chart and table), Preferences (steps 3–4: satisfied per priority, each preference)
 * and Warnings (data problems such as conflicting preferences, breaks of the same-subject rule).
 * Each grid is a `table.grid` with `data-kind` and `data-id`; each cell has `data-day` and
 * `data-period`, and each lecture in it a `span.subject` with `data-lecture`, so tests can find
 * what a cell shows; `#class-3` (or `teacher-`, `room-`) links to one grid.
 */
export function renderTimetableHtml(input: TimetableReportInput): string {
  const grids = buildTimetableGrids(input.data, input.placements);
  const subjectIds = new Map(input.data.subjects.map((s) => [s.name, s.id]));
  const gridsTab = (noun: string, id: string, list: readonly TimetableGrid[]) =>
    htmlSection(
      `${noun}: weekly timetables`,
      `<nav class="jump" aria-label="${escapeHtml(noun)}">${list.map((g) => `<a href="#${g.kind}-${g.id}">${escapeHtml(g.title)}</a>`).join('')}</nav><div class="grids">${list.map((g) => gridTable(g, subjectIds)).join('\n')}</div>`,
      id,
    );
  const { run } = input;
  const prefs = input.preferences ?? [];
  const loads = weeklyLoads(input.data, input.placements);
  const dataWarnings = schoolDataWarnings(input.data);
  const breaks = input.sameSubjectBreaks;
  const warningCount = dataWarnings.length + (breaks?.length ?? 0);
  const facts: [string, string][] = [
    ['Status', run.status],
    ['Lectures placed', `${input.placements.length} of ${input.data.lectures.length}`],
  ];
  if (prefs.length > 0) {
    facts.push(['Preferences met', [...new Set(prefs.map((p) => p.priority))].sort((a, b) => a - b).map((k) => {
      const at = prefs.filter((p) => p.priority === k);
      return `P${k} ${at.filter((p) => p.satisfied).length}/${at.length}`;
    }).join(' · ')]);
  }
  facts.push(
    ['Solver', run.solver],
    ['Model', `${formatNumber(run.numVariables, 0)} vars · ${formatNumber(run.numConstraints, 0)} rows`],
    ['Build / solve', `${Math.round(run.buildMs)} / ${Math.round(run.solveMs)} ms`],
    ['Warnings', String(warningCount)],
  );
  const summary = [
    htmlSection('Lectures per day', lecturesPerDayChart(input.data, input.placements), 'per-day'),
    htmlSection(
      'School',
      `<p class="note">${escapeHtml(
        `${input.data.classes.length} classes, ${input.data.teachers.length} teachers, ${input.data.classrooms.length} rooms, ${input.data.subjects.length} subjects, ${input.data.timeslots.length} timeslots a week. Rooms used by type: ${roomUsage(input)}.`,
      )}</p>`,
      'school',
    ),
  ].join('\n');
  const tabs = [
    { id: 'summary', title: 'Summary', body: summary },
    { id: 'classes', title: 'By class', body: gridsTab('Classes', 'class-grids', grids.classes) },
    { id: 'teachers', title: 'By teacher', body: gridsTab('Teachers', 'teacher-grids', grids.teachers) },
    { id: 'rooms', title: 'By room', body: gridsTab('Rooms', 'room-grids', grids.rooms) },
    { id: 'loads', title: 'Loads', body: [loadsSection('Classes', 'classes', loads.classes, loads.days), loadsSection('Teachers', 'teachers', loads.teachers, loads.days)].join('\n') },
    ...(prefs.length > 0 ? [{ id: 'preferences', title: 'Preferences', body: preferencesTab(prefs) }] : []),
    { id: 'warnings', title: `Warnings (${warningCount})`, body: warningsTab(dataWarnings, breaks) },
  ];
  return htmlPage({
    generator: TIMETABLE_REPORT_GENERATOR,
    title: 'School timetable',
    subtitle: `Run #${run.id} from ${input.source}, solved ${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    facts,
    body: '',
    tabs,
    extraCss: GRID_CSS,
    ...(input.generatedAt === undefined ? {} : { generatedAt: input.generatedAt }),
  });
}
