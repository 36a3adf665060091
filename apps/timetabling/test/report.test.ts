import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, renderInChromium } from '@lumix/app-kit';
import { cli, removeTempDirs, tempDir } from './support/cli.js';
import { readRows } from './support/read-db.js';

afterAll(removeTempDirs);

const chromium = findChromium();

/** The inner HTML of the grid table of one teacher, class or room, from the rendered DOM. */
function gridOf(dom: string, kind: string, id: number): string {
  const m = new RegExp(`<table class="grid" data-kind="${kind}" data-id="${id}">([\\s\\S]*?)</table>`).exec(dom);
  if (m === null) throw new Error(`no ${kind} grid ${id} in the rendered page`);
  return m[1] as string;
}

/** The inner HTML of the cell of a day and period in a grid. */
function cellOf(grid: string, day: number, period: number): string {
  const m = new RegExp(`<td[^>]*data-day="${day}" data-period="${period}"[^>]*>([\\s\\S]*?)</td>`).exec(grid);
  if (m === null) throw new Error(`no cell for day ${day}, period ${period}`);
  return m[1] as string;
}

// Without a browser these tests cannot check what the page shows; scripts/setup.sh --with-browser installs one.
describe.skipIf(chromium === null)('HTML report in headless Chromium', () => {
  it('report/grids-show-every-lecture-in-its-cells', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'seed', '--orm', 'sqlite')).code).toBe(0);
    const solved = await cli(dir, 'solve', '--orm', 'sqlite', '--report', 'timetable.html');
    expect(solved.code, solved.stderr).toBe(0);
    expect(solved.stdout).toContain(`Report: ${join(dir, 'timetable.html')}`);

    const html = readFileSync(join(dir, 'timetable.html'), 'utf8');
    // Self-contained: inline CSS and SVG, nothing fetched; one script (the tab switcher), allowed by its hash.
    expect(html).not.toMatch(/<link|src=|url\(|https?:\/\//i);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'">/);

    const png = join(dir, 'timetable.png');
    const page = await renderInChromium(join(dir, 'timetable.html'), { screenshot: png, windowSize: { width: 1200, height: 1800 } });
    expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(page.screenshot?.bytes).toBeGreaterThan(20_000);

    const rows = await readRows<{ lecture_id: number; subject: string; teacher_id: number; class_id: number; classroom_id: number; day_of_week: number; period: number }>(
      join(dir, 'school.db'),
      `SELECT a.lecture_id, s.name AS subject, l.teacher_id, l.class_id, a.classroom_id, t.day_of_week, t.period
         FROM schedule_assignments a JOIN lectures l ON l.id = a.lecture_id JOIN subjects s ON s.id = l.subject_id
         JOIN timeslots t ON t.id = a.timeslot_id WHERE a.run_id = 1`,
    );
    expect(rows).toHaveLength(20);
    const dom = page.dom;
    expect(dom).toContain('<h1>School timetable</h1>');
    for (const r of rows) {
      for (const [kind, id] of [['teacher', r.teacher_id], ['class', r.class_id], ['room', r.classroom_id]] as const) {
        const cell = cellOf(gridOf(dom, kind, id), r.day_of_week, r.period);
        expect(cell, `${kind} ${id}, lecture ${r.lecture_id}`).toContain(`data-lecture="${r.lecture_id}">${r.subject}</span>`);
      }
    }
    // Every lecture appears exactly three times (teacher, class and room grid), and nothing else does.
    expect(dom.match(/class="subject"/g)).toHaveLength(60);
    expect(dom.match(/<table class="grid" data-kind="teacher"/g)).toHaveLength(5);
    expect(dom.match(/<table class="grid" data-kind="class"/g)).toHaveLength(4);
    expect(dom.match(/<table class="grid" data-kind="room"/g)).toHaveLength(4);

    // `show --report` renders the same grids from the saved rows.
    const shown = await cli(dir, 'show', '--orm', 'sqlite', '--report', 'again.html');
    expect(shown.code).toBe(0);
    const again = readFileSync(join(dir, 'again.html'), 'utf8');
    const cells = (s: string) => s.match(/<td class="busy[^"]*" data-day="\d" data-period="\d"[^>]*>[\s\S]*?<\/td>/g);
    expect(cells(again)).toEqual(cells(html));
  }, 90_000);
});
