import { chartSvg } from '@lumix/app-kit';
import type { SchoolData } from '../data/school-data.js';
import type { Placement } from './timetable-grids.js';
import type { WeeklyLoad } from './weekly-loads.js';

// The timetable report's charts, drawn by ECharts (app-kit's chartSvg) as inline SVG.

const MUTED = '#52606d';
const AXIS = { axisLine: { lineStyle: { color: '#9aa5b1' } }, axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: '#e4e7eb', type: 'dashed' as const } } };
const DAY_COLOURS = ['#2f6fde', '#2b9a66', '#d9822b', '#8e5bd6', '#1f9bb4', '#b5a033', '#7b8794'];
const ROOM_COLOURS: Readonly<Record<string, string>> = { REGULAR: '#2f6fde', LAB: '#8e5bd6', GYM: '#d9822b' };

/** Lectures per day of the week, stacked by the type of room they are in. */
export function lecturesPerDayChart(data: SchoolData, placements: readonly Placement[]): string {
  const days = [...new Map(data.timeslots.map((t) => [t.day_of_week, t.day_name])).entries()].sort((a, b) => a[0] - b[0]);
  const slotDay = new Map(data.timeslots.map((t) => [t.id, t.day_of_week]));
  const roomType = new Map(data.classrooms.map((r) => [r.id, r.room_type ?? 'REGULAR']));
  const types = [...new Set(data.classrooms.map((r) => r.room_type ?? 'REGULAR'))];
  const count = (type: string, day: number) => placements.filter((p) => slotDay.get(p.timeslot_id) === day && roomType.get(p.classroom_id) === type).length;
  return chartSvg(
    {
      legend: { top: 0, textStyle: { color: MUTED } },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: 'category', data: days.map(([, name]) => name), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: types.map((type) => ({
        name: `${type} rooms`,
        type: 'bar' as const,
        stack: 'day',
        barMaxWidth: 56,
        color: ROOM_COLOURS[type] ?? '#7b8794',
        data: days.map(([d]) => count(type, d)),
        label: { show: true, color: '#fff', formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      })),
    },
    { title: 'Lectures per day, by room type', height: 300 },
  );
}

/** Lectures per day of each class or teacher: horizontal bars stacked by day, the week's total at the end. */
export function loadChart(loads: readonly WeeklyLoad[], days: readonly string[], what: string): string {
  const rows = [...loads].reverse();
  return chartSvg(
    {
      legend: { top: 0, textStyle: { color: MUTED } },
      grid: { left: 16, right: 40, top: 36, bottom: 16, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, ...AXIS },
      yAxis: { type: 'category', data: rows.map((l) => l.name), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      series: days.map((day, d) => ({
        name: day,
        type: 'bar' as const,
        stack: 'week',
        barMaxWidth: 18,
        color: DAY_COLOURS[d % DAY_COLOURS.length] as string,
        data: rows.map((l) => l.perDay[d] ?? 0),
        ...(d === days.length - 1
          ? { label: { show: true, position: 'right' as const, color: '#1f2933', formatter: (p: { dataIndex: number }) => String(rows[p.dataIndex]?.total ?? 0) } }
          : {}),
      })),
    },
    { title: `${what}: lectures per day and per week`, height: 70 + 26 * Math.max(1, rows.length) },
  );
}

/** Preferences met and missed per priority: stacked horizontal bars. */
export function preferencesChart(prefs: readonly { readonly priority: number; readonly satisfied: boolean }[]): string {
  const priorities = [...new Set(prefs.map((p) => p.priority))].sort((a, b) => b - a);
  const n = (k: number, met: boolean) => prefs.filter((p) => p.priority === k && p.satisfied === met).length;
  const label = { show: true, color: '#fff', formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') };
  return chartSvg(
    {
      legend: { top: 0, right: 0, textStyle: { color: MUTED } },
      grid: { left: 16, right: 24, top: 34, bottom: 16, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, ...AXIS },
      yAxis: { type: 'category', data: priorities.map((k) => `Priority ${k}`), ...AXIS, axisLabel: { color: '#1f2933', fontSize: 12 } },
      series: [
        { name: 'met', type: 'bar', stack: 'n', barMaxWidth: 24, color: '#2b9a66', data: priorities.map((k) => n(k, true)), label },
        { name: 'missed', type: 'bar', stack: 'n', barMaxWidth: 24, color: '#c23b3b', data: priorities.map((k) => n(k, false)), label },
      ],
    },
    { title: 'Teacher preferences met per priority', height: 60 + 40 * Math.max(1, priorities.length) },
  );
}
