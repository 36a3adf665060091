// Build-plus-compile rate of the modelling API against a hand-written floor that fills the same
// sparse arrays with plain loops, typed arrays and Maps (see DESIGN.md, "what the floor means").
import { Model } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { gc, median, type BenchRow, type BenchSuite } from '../bench-kit.js';

interface CsrOut {
  numCols: number;
  numRows: number;
  nnz: number;
}

// ---------------------------------------------------------------- transportation
interface Supplier { id: number; supply: number }
interface Customer { id: number; demand: number }

function transportData(S: number, D: number) {
  const r = seededRandom(7);
  const suppliers: Supplier[] = Array.from({ length: S }, (_, i) => ({ id: i, supply: 100 + Math.floor(r() * 100) }));
  const customers: Customer[] = Array.from({ length: D }, (_, i) => ({ id: i, demand: 10 + Math.floor(r() * 50) }));
  const cost = new Float64Array(S * D);
  for (let i = 0; i < cost.length; i++) cost[i] = 1 + Math.floor(r() * 20);
  return { suppliers, customers, cost, D };
}

async function transportApi(data: ReturnType<typeof transportData>): Promise<CsrOut> {
  const { suppliers, customers, cost, D } = data;
  const m = new Model('transport');
  const ship = m.continuous('ship', { s: suppliers, d: customers });
  m.constraints('supply', suppliers, (s) => ship.sum({ s }).le(s.supply));
  m.constraints('demand', customers, (d) => ship.sum({ d }).ge(d.demand));
  m.minimize(ship.sum(({ s, d }) => cost[s.id * D + d.id]!));
  const { problem } = await m.compile();
  return { numCols: problem.numCols, numRows: problem.numRows, nnz: problem.value.length };
}

function transportFloor(data: ReturnType<typeof transportData>): CsrOut {
  const { suppliers, customers, cost } = data;
  const S = suppliers.length;
  const D = customers.length;
  const n = S * D;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(Infinity);
  for (let s = 0; s < S; s++) for (let d = 0; d < D; d++) colCost[s * D + d] = cost[suppliers[s]!.id * D + customers[d]!.id]!;
  const m = S + D;
  const rowStart = new Int32Array(m + 1);
  const colIndex = new Int32Array(2 * n);
  const value = new Float64Array(2 * n);
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  let k = 0;
  for (let s = 0; s < S; s++) {
    rowStart[s] = k;
    for (let d = 0; d < D; d++) {
      colIndex[k] = s * D + d;
      value[k++] = 1;
    }
    rowLower[s] = -Infinity;
    rowUpper[s] = suppliers[s]!.supply;
  }
  for (let d = 0; d < D; d++) {
    rowStart[S + d] = k;
    for (let s = 0; s < S; s++) {
      colIndex[k] = s * D + d;
      value[k++] = 1;
    }
    rowLower[S + d] = customers[d]!.demand;
    rowUpper[S + d] = Infinity;
  }
  rowStart[m] = k;
  void colLower;
  void colUpper;
  return { numCols: n, numRows: m, nnz: k };
}

// ---------------------------------------------------------------- timetabling
interface Lecture { id: number; teacherId: number; classId: number; size: number }
interface Slot { id: number }
interface Room { id: number; capacity: number }

/** Lectures × slots × rooms filtered by capacity; about 4 non-zeros per column. */
function timetableData(L: number, T: number, R: number) {
  const r = seededRandom(11);
  const teachers = Math.max(1, Math.floor(L / 5));
  const classes = Math.max(1, Math.floor(L / 6));
  const lectures: Lecture[] = Array.from({ length: L }, (_, i) => ({
    id: i,
    teacherId: Math.floor(r() * teachers),
    classId: Math.floor(r() * classes),
    size: 15 + Math.floor(r() * 20),
  }));
  const slots: Slot[] = Array.from({ length: T }, (_, i) => ({ id: i }));
  const rooms: Room[] = Array.from({ length: R }, (_, i) => ({ id: i, capacity: 20 + Math.floor(r() * 20) }));
  return { lectures, slots, rooms };
}

async function timetableApi(data: ReturnType<typeof timetableData>): Promise<CsrOut> {
  const { lectures, slots, rooms } = data;
  const m = new Model('timetable');
  const assign = m.binary('assign', { lecture: lectures, slot: slots, room: rooms }, {
    where: ({ lecture, room }) => lecture.size <= room.capacity,
  });
  m.constraints('once', lectures, (l) => assign.sum({ lecture: l }).eq(1));
  m.constraints('room', assign.groupBy(({ slot, room }) => [slot.id, room.id]), (g) => g.sum().le(1));
  m.constraints('teacher', assign.groupBy(({ lecture, slot }) => [lecture.teacherId, slot.id]), (g) => g.sum().le(1));
  m.constraints('class', assign.groupBy(({ lecture, slot }) => [lecture.classId, slot.id]), (g) => g.sum().le(1));
  const { problem } = await m.compile();
  return { numCols: problem.numCols, numRows: problem.numRows, nnz: problem.value.length };
}

/** The floor: the same columns and the same four row groups, with loops, typed arrays and Maps. */
function timetableFloor(data: ReturnType<typeof timetableData>): CsrOut {
  const { lectures, slots, rooms } = data;
  const L = lectures.length;
  const T = slots.length;
  const R = rooms.length;
  let cap = 1024;
  let cl = new Int32Array(cap);
  let ct = new Int32Array(cap);
  let cr = new Int32Array(cap);
  let n = 0;
  for (let l = 0; l < L; l++)
    for (let t = 0; t < T; t++)
      for (let r = 0; r < R; r++) {
        if (lectures[l]!.size > rooms[r]!.capacity) continue;
        if (n === cap) {
          cap *= 2;
          const a = new Int32Array(cap); a.set(cl); cl = a;
          const b = new Int32Array(cap); b.set(ct); ct = b;
          const c = new Int32Array(cap); c.set(cr); cr = c;
        }
        cl[n] = l; ct[n] = t; cr[n] = r; n++;
      }
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(1);
  // Group ids per family: lecture (direct), slot-room (arithmetic), teacher-slot and class-slot (Maps).
  const groupOf = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const counts = [L, 0, 0, 0];
  const roomMap = new Map<number, number>();
  const teacherMap = new Map<number, number>();
  const classMap = new Map<number, number>();
  for (let c = 0; c < n; c++) {
    groupOf[0]![c] = cl[c]!;
    const sr = ct[c]! * R + cr[c]!;
    let g = roomMap.get(sr);
    if (g === undefined) { g = counts[1]!++; roomMap.set(sr, g); }
    groupOf[1]![c] = g;
    const lec = lectures[cl[c]!]!;
    const ts = lec.teacherId * T + ct[c]!;
    g = teacherMap.get(ts);
    if (g === undefined) { g = counts[2]!++; teacherMap.set(ts, g); }
    groupOf[2]![c] = g;
    const cs = lec.classId * T + ct[c]!;
    g = classMap.get(cs);
    if (g === undefined) { g = counts[3]!++; classMap.set(cs, g); }
    groupOf[3]![c] = g;
  }
  const m = counts[0]! + counts[1]! + counts[2]! + counts[3]!;
  const rowStart = new Int32Array(m + 1);
  const colIndex = new Int32Array(4 * n);
  const value = new Float64Array(4 * n).fill(1);
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m).fill(1);
  let base = 0;
  for (let f = 0; f < 4; f++) {
    const gs = groupOf[f]!;
    const ng = counts[f]!;
    for (let c = 0; c < n; c++) rowStart[base + gs[c]! + 1]!++;
    base += ng;
  }
  for (let i = 0; i < m; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, m);
  base = 0;
  for (let f = 0; f < 4; f++) {
    const gs = groupOf[f]!;
    for (let c = 0; c < n; c++) colIndex[fill[base + gs[c]!]!++] = c;
    base += counts[f]!;
  }
  for (let i = 0; i < counts[0]!; i++) rowLower[i] = 1;
  void colLower;
  void colUpper;
  void rowUpper;
  void value;
  return { numCols: n, numRows: m, nnz: 4 * n };
}

// ---------------------------------------------------------------- harness
async function measure(run: () => CsrOut | Promise<CsrOut>, runs: number): Promise<{ ms: number; out: CsrOut }> {
  let out = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    out = await run();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), out };
}

async function retainedBytes(run: () => Promise<unknown>): Promise<number> {
  gc();
  const before = process.memoryUsage();
  const kept = await run();
  const after = process.memoryUsage();
  void kept;
  return after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
}

const suite: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const transportSizes: Array<[string, number, number]> = [
    ['10k', 50, 100],
    ['100k', 200, 250],
    ['1M', 500, 1000],
  ];
  const ttSizes: Array<[string, number, number, number]> = [
    ['10k', 20, 25, 8],
    ['100k', 60, 40, 16],
    ['1M', 200, 45, 40],
  ];
  for (const [label, S, D] of quick ? transportSizes.slice(0, 2) : transportSizes) {
    const data = transportData(S, D);
    const runs = label === '1M' ? 3 : 5;
    const api = await measure(() => transportApi(data), runs);
    const floor = await measure(() => transportFloor(data), runs);
    if (api.out.nnz !== floor.out.nnz || api.out.numRows !== floor.out.numRows) throw new Error('transport: API and floor disagree on the problem');
    const bytes = await retainedBytes(async () => {
      const m = new Model('t');
      const ship = m.continuous('ship', { s: data.suppliers, d: data.customers });
      m.constraints('supply', data.suppliers, (s) => ship.sum({ s }).le(s.supply));
      m.constraints('demand', data.customers, (d) => ship.sum({ d }).ge(d.demand));
      return [m, await m.compile()];
    });
    rows.push({
      suite: 'core-build',
      case: `transport ${label} (${S}x${D})`,
      figures: {
        nnz: api.out.nnz,
        apiMs: api.ms,
        floorMs: floor.ms,
        ratio: api.ms / floor.ms,
        nnzPerSec: api.out.nnz / (api.ms / 1000),
        bytesPerNnz: bytes / api.out.nnz,
      },
      note: 'floor = index arithmetic, no grouping (the cheapest possible builder)',
    });
  }
  for (const [label, L, T, R] of quick ? ttSizes.slice(0, 2) : ttSizes) {
    const data = timetableData(L, T, R);
    const runs = label === '1M' ? 3 : 5;
    const api = await measure(() => timetableApi(data), runs);
    const floor = await measure(() => timetableFloor(data), runs);
    if (api.out.nnz !== floor.out.nnz || api.out.numRows !== floor.out.numRows) {
      throw new Error(`timetable: API (${api.out.nnz} nnz, ${api.out.numRows} rows) and floor (${floor.out.nnz}, ${floor.out.numRows}) disagree`);
    }
    const bytes = await retainedBytes(async () => {
      const m = new Model('t');
      const assign = m.binary('assign', { lecture: data.lectures, slot: data.slots, room: data.rooms }, {
        where: ({ lecture, room }) => lecture.size <= room.capacity,
      });
      m.constraints('once', data.lectures, (l) => assign.sum({ lecture: l }).eq(1));
      m.constraints('room', assign.groupBy(({ slot, room }) => [slot.id, room.id]), (g) => g.sum().le(1));
      m.constraints('teacher', assign.groupBy(({ lecture, slot }) => [lecture.teacherId, slot.id]), (g) => g.sum().le(1));
      m.constraints('class', assign.groupBy(({ lecture, slot }) => [lecture.classId, slot.id]), (g) => g.sum().le(1));
      return [m, await m.compile()];
    });
    rows.push({
      suite: 'core-build',
      case: `timetabling ${label} (${L}L x ${T}T x ${R}R)`,
      figures: {
        nnz: api.out.nnz,
        apiMs: api.ms,
        floorMs: floor.ms,
        ratio: api.ms / floor.ms,
        nnzPerSec: api.out.nnz / (api.ms / 1000),
        bytesPerNnz: bytes / api.out.nnz,
      },
      note: label === '1M' ? `target: < 2000 ms (${api.ms < 2000 ? 'met' : 'MISSED'}), ratio <= 4 (${api.ms / floor.ms <= 4 ? 'met' : 'MISSED'})` : '',
    });
  }
  rows.push({
    suite: 'core-build',
    case: 'process peak RSS',
    figures: { maxRssMB: process.resourceUsage().maxRSS / 1024 },
  });
  return rows;
};

export default suite;
