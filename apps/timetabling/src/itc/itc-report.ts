import { escapeHtml, htmlPage, htmlSection, htmlTable } from '@lumix/app-kit';
import type { RunInfo } from '@lumix/core';
import type { ItcLecture, ItcScore } from './itc-evaluate.js';
import type { ItcInstance } from './itc-instance.js';

/** The `generator` of the ITC report: `--report` may replace a file that carries it without --force. */
export const ITC_REPORT_GENERATOR = 'LumiX timetabling ITC-2007';

/** Input of {@link renderItcHtml}. */
export interface ItcReportInput {
  readonly instance: ItcInstance;
  readonly lectures: readonly ItcLecture[];
  readonly score: ItcScore;
  readonly run: RunInfo & { readonly id: number };
  /** Where the data came from (the database as typed). */
  readonly source: string;
}

/** A self-contained HTML page of an ITC run: the score, then one room × period grid per day. */
export function renderItcHtml(input: ItcReportInput): string {
  const { instance: inst, lectures, score, run } = input;
  const periods = Array.from({ length: inst.periodsPerDay }, (_, p) => p);
  const days = Array.from({ length: inst.days }, (_, d) => d);
  const cell = new Map(lectures.map((l) => [`${l.room} ${l.day} ${l.period}`, l.course]));
  const grids = days
    .map((d) =>
      htmlSection(
        `Day ${d}`,
        htmlTable(
          [{ header: 'room' }, ...periods.map((p) => ({ header: `period ${p}` }))],
          inst.rooms.map((r) => [`${r.name} (${r.capacity})`, ...periods.map((p) => cell.get(`${r.name} ${d} ${p}`) ?? '')]),
          { className: 'grid' },
        ),
      ),
    )
    .join('\n');
  const costs = htmlTable(
    [{ header: 'cost' }, { header: 'value', align: 'right' }],
    [
      ['hard violations', String(score.hard)],
      ['room capacity', String(score.roomCapacity)],
      ['min working days', String(score.minWorkingDays)],
      ['curriculum compactness', String(score.curriculumCompactness)],
      ['room stability', String(score.roomStability)],
    ],
    { footer: ['UD2 cost', String(score.soft)] },
  );
  return htmlPage({
    generator: ITC_REPORT_GENERATOR,
    title: `ITC-2007 timetable ${inst.name}`,
    subtitle: `Run #${run.id} from ${input.source}, solved ${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    facts: [
      ['Status', run.status],
      ['Cost (UD2)', String(score.soft)],
      ['Lectures', String(lectures.length)],
      ['Solver', run.solver],
      ['Model', `${run.numVariables.toLocaleString('en-US')} vars · ${run.numConstraints.toLocaleString('en-US')} rows`],
    ],
    body: `${htmlSection('Score', costs)}\n${grids}\n<p class="note">${escapeHtml('Rooms as rows, periods as columns; scored by the evaluator, independently of the model.')}</p>`,
  });
}
