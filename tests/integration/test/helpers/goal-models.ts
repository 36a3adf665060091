// The tutorial goal models (production steps 3 and 4, timetabling step 4), written with the core
// API as lumix-apps.md describes them, on the data in test-fixtures/tutorial. Shared by the goal
// goldens; the apps get their own copies in a later issue.
import { Expr, Model, createLookup, type ConstraintFamily, type VariableFamily } from '@lumix/core';
import { readJsonFixture } from '@lumix/test-fixtures';

interface Product { id: number; name: string; profit_per_unit: number; max_demand: number; holding_cost_per_unit?: number }
interface Machine { id: number; available_hours: number }
interface Material { id: number; available_quantity?: number; available_quantity_per_period?: number }
interface Recipe { product_id: number; machine_id: number; hours_required: number }
interface Requirement { product_id: number; material_id: number; quantity_required: number }
export interface Order { id: number; customer_id: number; product_id: number; period_id?: number; target_quantity: number; priority: number }

interface ProductionData {
  products: Product[];
  machines: Machine[];
  raw_materials: Material[];
  production_recipes: Recipe[];
  material_requirements: Requirement[];
  customer_orders: Order[];
}

/** Production step 3: one period, orders as goals `make[product] >= target`, maximise profit. */
export function productionStep3(): { m: Model; make: VariableFamily<Product>; orders: ConstraintFamily<Order> } {
  const d = readJsonFixture<ProductionData>('tutorial/production_step3.json');
  const hours = createLookup('hours', d.production_recipes, (r) => [r.product_id, r.machine_id], (r) => r.hours_required);
  const mat = createLookup('material', d.material_requirements, (r) => [r.product_id, r.material_id], (r) => r.quantity_required);
  const m = new Model('production-step3');
  const make = m.continuous('make', d.products);
  m.constraints('max_demand', d.products, (p) => make.get(p.id).le(p.max_demand));
  m.constraints('machine', d.machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.available_hours));
  m.constraints('material', d.raw_materials, (r) => make.sum((p) => mat.getOr(0, p.id, r.id)).le(r.available_quantity!));
  const orders = m.constraints('orders', d.customer_orders, (o) => make.get(o.product_id).ge(o.target_quantity));
  m.goal(orders, { priority: (o) => o.priority, weight: 1 });
  m.maximize(() => make.sum((p) => p.profit_per_unit));
  return { m, make, orders };
}

interface Period { id: number }
interface Setup { product_id: number; machine_id: number; cost: number; setup_hours: number }
interface Batch { product_id: number; min_batch_size: number }

/**
 * Production step 4: 4 periods, binary setups, batches, inventory; maximise profit − average
 * setup cost − holding cost (LumiX's averaging over all 6 machines kept); orders as goals on the
 * production of their week unless `goals` is false (then the orders are left out: profit only).
 */
export function productionStep4(goals = true): { m: Model; orders: ConstraintFamily<Order> | undefined } {
  const d = readJsonFixture<ProductionData & { periods: Period[]; setup_costs: Setup[]; production_batches: Batch[] }>('tutorial/production_step4.json');
  const hours = createLookup('hours', d.production_recipes, (r) => [r.product_id, r.machine_id], (r) => r.hours_required);
  const mat = createLookup('material', d.material_requirements, (r) => [r.product_id, r.material_id], (r) => r.quantity_required);
  const setupHours = createLookup('setup hours', d.setup_costs, (s) => [s.product_id, s.machine_id], (s) => s.setup_hours);
  const batch = createLookup('batch', d.production_batches, (b) => b.product_id, (b) => b.min_batch_size);
  const avgSetup = new Map<number, number>();
  for (const p of d.products) {
    const total = d.setup_costs.filter((s) => s.product_id === p.id).reduce((a, s) => a + s.cost, 0);
    avgSetup.set(p.id, total / d.machines.length);
  }
  const m = new Model('production-step4');
  const dims = { product: d.products, period: d.periods };
  const prod = m.continuous('prod', dims);
  const on = m.binary('is_produced', dims);
  const inv = m.continuous('inv', dims);
  const pt = d.products.flatMap((p) => d.periods.map((t) => ({ p, t, key: [p.id, t.id] as [number, number] })));
  const mt = d.machines.flatMap((mc) => d.periods.map((t) => ({ mc, t })));
  const rt = d.raw_materials.flatMap((r) => d.periods.map((t) => ({ r, t })));
  m.constraints(
    'machine',
    mt,
    ({ mc, t }) => prod.sum({ period: t.id }, ({ product }) => hours.getOr(0, product.id, mc.id)).plus(on.sum({ period: t.id }, ({ product }) => setupHours.getOr(0, product.id, mc.id))).le(mc.available_hours),
    { key: ({ mc, t }) => [mc.id, t.id] },
  );
  m.constraints('material', rt, ({ r, t }) => prod.sum({ period: t.id }, ({ product }) => mat.getOr(0, product.id, r.id)).le(r.available_quantity_per_period!), { key: ({ r, t }) => [r.id, t.id] });
  m.constraints('batch', pt, ({ key, p }) => prod.get(key).minus(on.get(key).times(batch.get(p.id))).ge(0), { key: ({ key }) => key });
  m.constraints(
    'inventory',
    pt,
    ({ key, p, t }) => {
      const e = inv.get(key).minus(prod.get(key));
      return (t.id > 1 ? e.minus(inv.get([p.id, t.id - 1])) : e).eq(0);
    },
    { key: ({ key }) => key },
  );
  let orders: ConstraintFamily<Order> | undefined;
  if (goals) {
    orders = m.constraints('orders', d.customer_orders, (o) => prod.get([o.product_id, o.period_id!]).ge(o.target_quantity));
    m.goal(orders, { priority: (o) => o.priority });
  }
  m.maximize(() =>
    prod
      .sum(({ product }) => product.profit_per_unit)
      .minus(on.sum(({ product }) => avgSetup.get(product.id)!))
      .minus(inv.sum(({ product }) => product.holding_cost_per_unit!)),
  );
  return { m, orders };
}

interface Teacher { id: number; work_years: number }
interface Room { id: number; room_type?: 'REGULAR' | 'LAB' | 'GYM'; capacity: number }
interface SchoolClass { id: number; size: number }
interface Subject { id: number; name: string; requires_lab?: boolean }
interface Slot { id: number; day_of_week: number }
interface Lecture { id: number; subject_id: number; teacher_id: number; class_id: number }
interface Preference { id: number; teacher_id: number; preference_type: 'DAY_OFF' | 'SPECIFIC_TIME'; day_of_week?: number; lecture_id?: number; timeslot_id?: number }

type Timetabling = { m: Model; x: VariableFamily<{ lecture: Lecture; slot: Slot; room: Room }>; prefs: ConstraintFamily<Preference>; data: { lectures: Lecture[]; classes: SchoolClass[] } };

/** Timetabling step 4: x[lecture, slot, room] over compatible rooms (capacity and room type); preferences as goals, SPECIFIC_TIME as `>= 1`. */
export function timetablingStep4(): Timetabling {
  return timetabling('tutorial/timetabling_step4.json', 'ge');
}

/** Timetabling step 3: rooms by capacity only; preferences as goals, SPECIFIC_TIME as `= 1` (both deviations count). */
export function timetablingStep3(): Timetabling {
  return timetabling('tutorial/timetabling_step3.json', 'eq');
}

/** Teacher preferences as goals with priority by seniority (work_years >= 15: 1, >= 7: 2, else 3), weight 1. */
function timetabling(file: string, specificTime: 'ge' | 'eq'): Timetabling {
  const d = readJsonFixture<{ teachers: Teacher[]; classrooms: Room[]; classes: SchoolClass[]; subjects: Subject[]; timeslots: Slot[]; lectures: Lecture[]; teacher_preferences: Preference[] }>(file);
  const classes = new Map(d.classes.map((c) => [c.id, c]));
  const subjects = new Map(d.subjects.map((s) => [s.id, s]));
  const teachers = new Map(d.teachers.map((t) => [t.id, t]));
  const fits = (l: Lecture, r: Room): boolean => {
    if (r.capacity < classes.get(l.class_id)!.size) return false;
    if (r.room_type === undefined) return true; // step 3: no room types
    const s = subjects.get(l.subject_id)!;
    if (s.name === 'Physical Education') return r.room_type === 'GYM';
    if (s.requires_lab) return r.room_type === 'LAB';
    return r.room_type !== 'GYM';
  };
  const m = new Model('timetabling');
  const x = m.binary('x', { lecture: d.lectures, slot: d.timeslots, room: d.classrooms }, { where: ({ lecture, room }) => fits(lecture, room) });
  m.constraints('lecture_once', d.lectures, (l) => x.sum({ lecture: l.id }).eq(1));
  m.constraints('room_slot', x.groupBy(({ slot, room }) => [slot.id, room.id]), (g) => g.sum().le(1));
  m.constraints('teacher_slot', x.groupBy(({ lecture, slot }) => [lecture.teacher_id, slot.id]), (g) => g.sum().le(1));
  m.constraints('class_slot', x.groupBy(({ lecture, slot }) => [lecture.class_id, slot.id]), (g) => g.sum().le(1));
  const byTeacherDay = x.groupBy(({ lecture, slot }) => [lecture.teacher_id, slot.day_of_week]);
  const prefs = m.constraints('prefs', d.teacher_preferences, (p) =>
    p.preference_type === 'DAY_OFF'
      ? (byTeacherDay.get([p.teacher_id, p.day_of_week!])?.sum() ?? new Expr()).le(0)
      : specificTime === 'ge'
        ? x.sum({ lecture: p.lecture_id!, slot: p.timeslot_id! }).ge(1)
        : x.sum({ lecture: p.lecture_id!, slot: p.timeslot_id! }).eq(1),
  );
  const seniority = (p: Preference): number => {
    const y = teachers.get(p.teacher_id)!.work_years;
    return y >= 15 ? 1 : y >= 7 ? 2 : 3;
  };
  m.goal(prefs, { priority: seniority, weight: 1 });
  return { m, x, prefs, data: { lectures: d.lectures, classes: d.classes } };
}
