// One statement per source load and per lookup, and one SELECT per source per model build.
import { expect } from 'vitest';
import { Model } from '@lumix/core';
import { MACHINES, RECIPES, type ProductRow } from '../fixture.js';
import { isSelect } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** One statement per source load and per lookup, and one SELECT per source per model build. */
export const QUERY_COUNT_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'query-counts',
    name: 'table-source-load-runs-one-query',
    async run(t) {
      const a = t.adapter;
      const s = a.fromTable('products', { where: { family: 'wood' }, orderBy: 'name' });
      await s.load(); // first use may read the table's schema once per connection
      t.statements.length = 0;
      await s.load();
      expect(t.statements.filter((x) => !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(x))).toHaveLength(1);
      expect(isSelect(t.statements[0]!)).toBe(true);
    },
  },
  {
    area: 'query-counts',
    name: 'query-source-load-runs-one-query',
    async run(t) {
      const a = t.adapter;
      const s = a.fromQuery('SELECT * FROM machines WHERE hours > ?', [0]);
      await s.load();
      t.statements.length = 0;
      const rows = await s.load();
      expect(rows.length).toBe(MACHINES.length);
      expect(t.statements).toHaveLength(1);
    },
  },
  {
    area: 'query-counts',
    name: 'lookup-runs-one-query',
    async run(t) {
      const a = t.adapter;
      await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
      t.statements.length = 0;
      const l = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
      expect(l.size).toBe(RECIPES.length);
      expect(t.statements).toHaveLength(1);
    },
  },
  {
    area: 'query-counts',
    name: 'model-build-runs-one-query-per-source',
    async run(t) {
      const a = t.adapter;
      const products = a.fromTable<ProductRow>('products', { where: { family: ['wood', 'steel'] } });
      const machines = a.fromTable<{ id: number; hours: number }>('machines');
      const hours = await a.lookup('recipes', ['product_id', 'machine_id'], 'hours');
      await products.load();
      await machines.load(); // warm the schema cache
      t.statements.length = 0;
      const build = async () => {
        // Three variable families and two constraint families over two sources.
        const m = new Model('production');
        const make = m.continuous('make', products, { key: (p) => p.id, ub: (p) => p.max_demand });
        const open = m.binary('open', products, { key: (p) => p.id });
        m.continuous('slack', products, { key: (p) => p.id });
        m.constraints('machine_hours', machines, (mc) => make.sum((p) => hours.getOr(0, p.id, mc.id)).le(mc.hours), { key: (mc) => mc.id });
        m.constraints('link', products, (p) => make.get(p.id).minus(open.get(p.id).times(p.max_demand)).le(0), { key: (p) => p.id });
        m.maximize(() => make.sum((p) => p.profit));
        return m.compile();
      };
      const compiled = await build();
      expect(compiled.problem.numCols).toBe(9);
      expect(compiled.problem.numRows).toBe(MACHINES.length + 3);
      expect(t.statements.filter(isSelect)).toHaveLength(2);
      expect(t.statements).toHaveLength(2);
      await build(); // a new build loads each source again, once
      expect(t.statements).toHaveLength(4);
    },
  },
];
