// The two models of the build suite (transport, timetabling), each written four ways over the
// same records: with the LumiX API, as a hand-written floor (plain loops, typed arrays and Maps,
// see DESIGN.md "what the floor means"), as a YALPS model object and as a javascript-lp-solver
// model object (the way their READMEs build models). Shared by the suite and its child process.
import { Model } from '@lumix/core';
import { seededRandom } from '@lumix/core/testing';
import { equalTo, greaterEq, lessEq, type Constraint as YalpsConstraint, type Model as YalpsModel } from 'yalps';

/** What every builder returns: sizes, to check that all of them built the same problem. */
export interface BuildOut {
  numRows: number;
  nnz: number;
  /** What to keep alive when retained memory is measured. */
  kept?: unknown;
}

/** A model of the suite: its data generator at a size and its builders. */
export interface BenchModel<D> {
  readonly name: string;
  readonly sizes: ReadonlyArray<{ label: string; dims: readonly number[] }>;
  data(dims: readonly number[]): D;
  api(data: D): Promise<BuildOut>;
  floor(data: D): BuildOut;
  yalps(data: D): BuildOut;
  jslp(data: D): BuildOut;
}

// ---------------------------------------------------------------- transportation
interface Supplier { id: number; supply: number }
interface Customer { id: number; demand: number }
interface TransportData { suppliers: Supplier[]; customers: Customer[]; cost: Float64Array; D: number }

function transportData(dims: readonly number[]): TransportData {
  const [S, D] = dims as [number, number];
  const r = seededRandom(7);
  const suppliers: Supplier[] = Array.from({ length: S }, (_, i) => ({ id: i, supply: 100 + Math.floor(r() * 100) }));
  const customers: Customer[] = Array.from({ length: D }, (_, i) => ({ id: i, demand: 10 + Math.floor(r() * 50) }));
  const cost = new Float64Array(S * D);
  for (let i = 0; i < cost.length; i++) cost[i] = 1 + Math.floor(r() * 20);
  return { suppliers, customers, cost, D };
}

/** A Model class: the bench's own core, or a baseline core loaded from elsewhere (same API). */
type ModelClass = typeof Model;

async function transportApi(data: TransportData, M: ModelClass = Model): Promise<BuildOut> {
  const { suppliers, customers, cost, D } = data;
  const m = new M('transport');
  const ship = m.continuous('ship', { s: suppliers, d: customers });
  m.constraints('supply', suppliers, (s) => ship.sum({ s }).le(s.supply));
  m.constraints('demand', customers, (d) => ship.sum({ d }).ge(d.demand));
  m.minimize(ship.sum(({ s, d }) => cost[s.id * D + d.id]!));
  const compiled = await m.compile();
  return { numRows: compiled.problem.numRows, nnz: compiled.problem.value.length, kept: [m, compiled] };
}

function transportFloor(data: TransportData): BuildOut {
  const { suppliers, customers, cost } = data;
  const S = suppliers.length;
  const D = customers.length;
  const n = S * D;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
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
    rowLower[s] = Number.NEGATIVE_INFINITY;
    rowUpper[s] = suppliers[s]!.supply;
  }
  for (let d = 0; d < D; d++) {
    rowStart[S + d] = k;
    for (let s = 0; s < S; s++) {
      colIndex[k] = s * D + d;
      value[k++] = 1;
    }
    rowLower[S + d] = customers[d]!.demand;
    rowUpper[S + d] = Number.POSITIVE_INFINITY;
  }
  rowStart[m] = k;
  return { numRows: m, nnz: k, kept: [colCost, colLower, colUpper, rowStart, colIndex, value, rowLower, rowUpper] };
}

function transportYalps(data: TransportData): BuildOut {
  const { suppliers, customers, cost, D } = data;
  const constraints = new Map<string, YalpsConstraint>();
  for (const s of suppliers) constraints.set(`supply${s.id}`, lessEq(s.supply));
  for (const d of customers) constraints.set(`demand${d.id}`, greaterEq(d.demand));
  const variables = new Map<string, Array<[string, number]>>();
  let nnz = 0;
  for (const s of suppliers) {
    for (const d of customers) {
      variables.set(`ship_${s.id}_${d.id}`, [
        ['cost', cost[s.id * D + d.id]!],
        [`supply${s.id}`, 1],
        [`demand${d.id}`, 1],
      ]);
      nnz += 2;
    }
  }
  const model: YalpsModel = { direction: 'minimize', objective: 'cost', constraints, variables };
  return { numRows: constraints.size, nnz, kept: model };
}

function transportJslp(data: TransportData): BuildOut {
  const { suppliers, customers, cost, D } = data;
  const constraints: Record<string, { max?: number; min?: number; equal?: number }> = {};
  for (const s of suppliers) constraints[`supply${s.id}`] = { max: s.supply };
  for (const d of customers) constraints[`demand${d.id}`] = { min: d.demand };
  const variables: Record<string, Record<string, number>> = {};
  let nnz = 0;
  for (const s of suppliers) {
    for (const d of customers) {
      variables[`ship_${s.id}_${d.id}`] = { cost: cost[s.id * D + d.id]!, [`supply${s.id}`]: 1, [`demand${d.id}`]: 1 };
      nnz += 2;
    }
  }
  const model = { optimize: 'cost', opType: 'min', constraints, variables };
  return { numRows: Object.keys(constraints).length, nnz, kept: model };
}

export const transport: BenchModel<TransportData> = {
  name: 'transport',
  sizes: [
    { label: '10k', dims: [50, 100] },
    { label: '100k', dims: [200, 250] },
    { label: '1M', dims: [500, 1000] },
  ],
  data: transportData,
  api: transportApi,
  floor: transportFloor,
  yalps: transportYalps,
  jslp: transportJslp,
};

// ---------------------------------------------------------------- timetabling
interface Lecture { id: number; teacherId: number; classId: number; size: number }
interface Slot { id: number }
interface Room { id: number; capacity: number }
interface TimetableData { lectures: Lecture[]; slots: Slot[]; rooms: Room[] }

/** Lectures × slots × rooms filtered by capacity; about 4 non-zeros per column. */
function timetableData(dims: readonly number[]): TimetableData {
  const [L, T, R] = dims as [number, number, number];
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

async function timetableApi(data: TimetableData, M: ModelClass = Model): Promise<BuildOut> {
  const { lectures, slots, rooms } = data;
  const m = new M('timetable');
  const assign = m.binary('assign', { lecture: lectures, slot: slots, room: rooms }, {
    where: ({ lecture, room }) => lecture.size <= room.capacity,
  });
  m.constraints('once', lectures, (l) => assign.sum({ lecture: l }).eq(1));
  m.constraints('room', assign.groupBy(({ slot, room }) => [slot.id, room.id]), (g) => g.sum().le(1));
  m.constraints('teacher', assign.groupBy(({ lecture, slot }) => [lecture.teacherId, slot.id]), (g) => g.sum().le(1));
  m.constraints('class', assign.groupBy(({ lecture, slot }) => [lecture.classId, slot.id]), (g) => g.sum().le(1));
  const compiled = await m.compile();
  return { numRows: compiled.problem.numRows, nnz: compiled.problem.value.length, kept: [m, compiled] };
}

/** The floor: the same columns and the same four row groups, with loops, typed arrays and Maps. */
function timetableFloor(data: TimetableData): BuildOut {
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
  return { numRows: m, nnz: 4 * n, kept: [colLower, colUpper, rowStart, colIndex, value, rowLower, rowUpper] };
}

function timetableYalps(data: TimetableData): BuildOut {
  const { lectures, slots, rooms } = data;
  const constraints = new Map<string, YalpsConstraint>();
  const variables = new Map<string, Array<[string, number]>>();
  let nnz = 0;
  for (const l of lectures) {
    constraints.set(`once${l.id}`, equalTo(1));
    for (const t of slots) {
      for (const r of rooms) {
        if (l.size > r.capacity) continue;
        const room = `room${t.id}_${r.id}`;
        const teacher = `teacher${l.teacherId}_${t.id}`;
        const cls = `class${l.classId}_${t.id}`;
        if (!constraints.has(room)) constraints.set(room, lessEq(1));
        if (!constraints.has(teacher)) constraints.set(teacher, lessEq(1));
        if (!constraints.has(cls)) constraints.set(cls, lessEq(1));
        variables.set(`assign_${l.id}_${t.id}_${r.id}`, [
          [`once${l.id}`, 1],
          [room, 1],
          [teacher, 1],
          [cls, 1],
        ]);
        nnz += 4;
      }
    }
  }
  const model: YalpsModel = { direction: 'minimize', constraints, variables, binaries: true };
  return { numRows: constraints.size, nnz, kept: model };
}

function timetableJslp(data: TimetableData): BuildOut {
  const { lectures, slots, rooms } = data;
  const constraints: Record<string, { max?: number; min?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const binaries: Record<string, 1> = {};
  let nnz = 0;
  for (const l of lectures) {
    constraints[`once${l.id}`] = { equal: 1 };
    for (const t of slots) {
      for (const r of rooms) {
        if (l.size > r.capacity) continue;
        const room = `room${t.id}_${r.id}`;
        const teacher = `teacher${l.teacherId}_${t.id}`;
        const cls = `class${l.classId}_${t.id}`;
        constraints[room] ??= { max: 1 };
        constraints[teacher] ??= { max: 1 };
        constraints[cls] ??= { max: 1 };
        const name = `assign_${l.id}_${t.id}_${r.id}`;
        variables[name] = { [`once${l.id}`]: 1, [room]: 1, [teacher]: 1, [cls]: 1 };
        binaries[name] = 1;
        nnz += 4;
      }
    }
  }
  const model = { optimize: 'none', opType: 'min', constraints, variables, binaries };
  return { numRows: Object.keys(constraints).length, nnz, kept: model };
}

const timetabling: BenchModel<TimetableData> = {
  name: 'timetabling',
  sizes: [
    { label: '10k', dims: [20, 25, 8] },
    { label: '100k', dims: [60, 40, 16] },
    { label: '1M', dims: [200, 45, 40] },
  ],
  data: timetableData,
  api: timetableApi,
  floor: timetableFloor,
  yalps: timetableYalps,
  jslp: timetableJslp,
};

/** The suite's models by name. */
export const benchModels: Record<string, BenchModel<unknown>> = {
  transport: transport as BenchModel<unknown>,
  timetabling: timetabling as BenchModel<unknown>,
};

/**
 * The API builders of both models over another Model class (a baseline core, e.g. an older
 * commit's packages/core/src/index.ts): what `LUMIX_BENCH_BASELINE` in the core-build suite
 * measures beside the current core. Load this module a second time (another URL) for the
 * baseline, so that the two cores' builds do not share the builder code and its type feedback.
 */
export function apiBuilders(M: ModelClass): Record<string, (data: unknown) => Promise<BuildOut>> {
  return {
    transport: (data) => transportApi(data as TransportData, M),
    timetabling: (data) => timetableApi(data as TimetableData, M),
  };
}
