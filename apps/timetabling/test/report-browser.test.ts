// The timetable report of tutorial step 4 in a real browser (Playwright driving the system's
// Chromium): seed, solve with --report, open the report, click every tab and check what the
// visible panel shows against the database rows (read with sqlite3 directly, no app code): every
// saved placement in its class, teacher and room grid cell, the weekly loads, each preference
// met or missed as recomputed from the placements, and the data warnings. A screenshot of every
// tab goes to a temp folder (its path is printed; LUMIX_KEEP_SCREENSHOTS=1 keeps it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumForTests, openReport } from '@lumix/app-kit/testing';
import { fixturePath } from '@lumix/test-fixtures';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows } from './support/read-db.js';

const shots = mkdtempSync(join(tmpdir(), 'timetable-report-shots-'));
afterAll(() => {
  removeTempDirs();
  if (process.env['LUMIX_KEEP_SCREENSHOTS'] === '1') console.log(`report screenshots kept in ${shots}`);
  else rmSync(shots, { recursive: true, force: true });
});

const browser = chromiumForTests();

interface Placed {
  lecture_id: number;
  subject: string;
  teacher_id: number;
  teacher: string;
  class_id: number;
  class: string;
  classroom_id: number;
  day_of_week: number;
  day_name: string;
  period: number;
  timeslot_id: number;
}

interface Pref {
  id: number;
  teacher_id: number;
  work_years: number;
  preference_type: string;
  day_of_week: number | null;
  lecture_id: number | null;
  timeslot_id: number | null;
}

/** What a grid panel shows: `kind/id day/period lecture subject` per lecture span, sorted. */
const entryKey = (kind: string, id: number, day: number, period: number, lecture: number, subject: string) => `${kind}/${id} ${day}/${period} #${lecture} ${subject}`;

describe.skipIf(browser.path === null)(`timetable report in Chromium (Playwright)${browser.skip === undefined ? '' : ` — skipped: ${browser.skip}`}`, () => {
  it('report-browser/step4-every-tab-matches-the-database', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'seed', '--orm', 'sqlite', '--data', fixturePath('tutorial/timetabling_step4.json'))).code).toBe(0);
    const solved = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'timetable.html');
    expect(solved.code, solved.stderr).toBe(0);
    const db = join(dir, 'school.db');
    const [run] = await readRows<{ id: number }>(db, 'SELECT id FROM solve_runs ORDER BY id DESC LIMIT 1');
    const placed = await readRows<Placed>(
      db,
      `SELECT a.lecture_id, s.name AS subject, l.teacher_id, te.name AS teacher, l.class_id, c.name AS class, a.classroom_id,
              t.day_of_week, t.day_name, t.period, a.timeslot_id
         FROM schedule_assignments a JOIN lectures l ON l.id = a.lecture_id JOIN subjects s ON s.id = l.subject_id
         JOIN teachers te ON te.id = l.teacher_id JOIN classes c ON c.id = l.class_id JOIN timeslots t ON t.id = a.timeslot_id
        WHERE a.run_id = ?`,
      [run!.id],
    );
    expect(placed).toHaveLength(87);

    const report = await openReport(join(dir, 'timetable.html'), { chromium: browser.path as string, screenshotDir: shots, prefix: 'timetable' });
    try {
      const tabs = await report.tabs();
      expect(tabs.map((t) => t.id)).toEqual(['summary', 'classes', 'teachers', 'rooms', 'loads', 'preferences', 'warnings']);

      // Summary: the lectures placed, and the per-day chart's stacks add up to the saved rows per day.
      const summary = await report.clickTab('summary');
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered, visible text: what a reader sees is what the test checks
      expect(await report.page.locator('.facts').innerText()).toContain(`${placed.length} of 87`);
      expect(summary.text).toContain('Lectures per day');
      const dayNames = [...new Set(placed.sort((a, b) => a.day_of_week - b.day_of_week).map((p) => p.day_name))];
      for (const d of dayNames) expect(summary.text).toContain(d);

      // The three grid tabs: exactly the saved placements, each in its cell.
      for (const [tab, kind, owner] of [
        ['classes', 'class', (p: Placed) => p.class_id],
        ['teachers', 'teacher', (p: Placed) => p.teacher_id],
        ['rooms', 'room', (p: Placed) => p.classroom_id],
      ] as const) {
        await report.clickTab(tab);
        const shown = await report.page.$$eval(`#${tab} table.grid span.subject`, (spans) =>
          spans.map((s) => {
            const td = s.closest('td');
            const table = s.closest('table');
            return `${table?.getAttribute('data-kind')}/${table?.getAttribute('data-id')} ${td?.getAttribute('data-day')}/${td?.getAttribute('data-period')} #${s.getAttribute('data-lecture')} ${s.textContent}`;
          }),
        );
        expect(shown.sort(), tab).toEqual(placed.map((p) => entryKey(kind, owner(p), p.day_of_week, p.period, p.lecture_id, p.subject)).sort());
        expect(await report.page.locator(`#${tab} table.grid`).first().isVisible()).toBe(true);
      }
      // A jump link opens the grid of one class.
      await report.clickTab('classes');
      const first = placed[0] as Placed;
      await report.page.locator(`#classes nav.jump a[href="#class-${first.class_id}"]`).click();
      expect(report.page.url()).toMatch(new RegExp(`#class-${first.class_id}$`));
      expect(await report.page.locator(`#class-${first.class_id}`).isVisible()).toBe(true);

      // Loads: lectures per day of each class and teacher, counted from the rows.
      await report.clickTab('loads');
      for (const [table, name, id] of [
        ['classes', (p: Placed) => p.class, (p: Placed) => p.class_id],
        ['teachers', (p: Placed) => p.teacher, (p: Placed) => p.teacher_id],
      ] as const) {
        const rows = await report.rows(`#loads table.loads-${table}`);
        const ids = [...new Set(placed.map(id))];
        for (const x of ids) {
          const mine = placed.filter((p) => id(p) === x);
          const perDay = dayNames.map((d) => mine.filter((p) => p.day_name === d).length);
          const row = rows.find((r) => r[0] === name(mine[0] as Placed));
          expect(row, `${table} ${x}`).toEqual([name(mine[0] as Placed), ...perDay.map(String), String(mine.length), String(Math.max(...perDay))]);
        }
      }

      // Preferences: met or missed as recomputed from the placements (DAY_OFF: no lecture of the teacher that day; SPECIFIC_TIME: the lecture in that slot).
      const prefs = await readRows<Pref>(
        db,
        'SELECT p.id, p.teacher_id, t.work_years, p.preference_type, p.day_of_week, p.lecture_id, p.timeslot_id FROM teacher_preferences p JOIN teachers t ON t.id = p.teacher_id ORDER BY p.id',
      );
      const met = (p: Pref) =>
        p.preference_type === 'DAY_OFF'
          ? !placed.some((x) => x.teacher_id === p.teacher_id && x.day_of_week === p.day_of_week)
          : placed.some((x) => x.lecture_id === p.lecture_id && x.timeslot_id === p.timeslot_id);
      const priority = (p: Pref) => (p.work_years >= 15 ? 1 : p.work_years >= 7 ? 2 : 3);
      await report.clickTab('preferences');
      const prefRows = await report.rows('#preferences table.prefs');
      expect(prefRows.map((r) => [r[0], r[1], r[2]])).toEqual(prefs.map((p) => [met(p) ? '✓ met' : '✗ missed', `P${priority(p)}`, String(p.id)]));
      const summaryRows = await report.rows('#preferences table.prefs-summary');
      expect(summaryRows.map((r) => [r[0], r[1]])).toEqual([
        ['P1', '8/9'],
        ['P2', '7/7'],
        ['P3', '7/8'],
      ]);
      expect(await report.page.locator('#preferences svg[aria-label="Teacher preferences met per priority"]').isVisible()).toBe(true);

      // Warnings: every SPECIFIC_TIME preference on another teacher's lecture, and every one on a day its teacher asked off.
      const lectures = new Map((await readRows<{ id: number; teacher_id: number }>(db, 'SELECT id, teacher_id FROM lectures')).map((l) => [l.id, l.teacher_id]));
      const slotDay = new Map((await readRows<{ id: number; day_of_week: number }>(db, 'SELECT id, day_of_week FROM timeslots')).map((t) => [t.id, t.day_of_week]));
      const expected = prefs.flatMap((p) => {
        if (p.preference_type !== 'SPECIFIC_TIME') return [];
        const teacher = lectures.get(p.lecture_id as number);
        const out: string[] = [];
        if (teacher !== p.teacher_id) out.push(`teacher_preferences id ${p.id} `);
        if (prefs.some((o) => o.preference_type === 'DAY_OFF' && o.teacher_id === teacher && o.day_of_week === slotDay.get(p.timeslot_id as number))) {
          out.push(`teacher_preferences id ${p.id} `);
        }
        return out;
      });
      expect(expected).toHaveLength(12);
      const warnings = await report.clickTab('warnings');
      expect(warnings.title).toBe(`Warnings (${expected.length})`);
      const items = await report.page.locator('#warnings ul.data-warnings li').allInnerTexts();
      expect(items.map((i) => i.slice(0, i.indexOf('(') + 0))).toEqual(expected);
      expect(warnings.text).toContain('Same subject twice a day');
    } finally {
      await report.close();
    }
    console.log(`timetable report screenshots: ${shots}/timetable-*.png`);
  }, 180_000);
});
