// The `models` capability: index sources through the ORM's own model layer behave as table sources.
import { expect } from 'vitest';
import { PRODUCTS } from '../fixture.js';
import { isSelect } from '../expect-lumix-error.js';
import type { OrmConformanceCase } from '../orm-conformance-case.js';

/** Model sources: the same rows as the table, in key order, one SELECT per load. */
export const MODEL_CASES: readonly OrmConformanceCase[] = [
  {
    area: 'models',
    name: 'model-source-reads-the-table-in-key-order-with-one-query',
    needs: ['models'],
    async run(t) {
      if (t.modelSource === undefined) throw new Error('the adapter claims `models` but gives no modelSource');
      const source = t.modelSource('products');
      expect(source.isIndexSource).toBe(true);
      expect(await source.load()).toEqual(PRODUCTS);
      t.statements.length = 0;
      await source.load();
      expect(t.statements.filter(isSelect)).toHaveLength(1);
    },
  },
];
