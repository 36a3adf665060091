// describeConformance on toy subjects: which cases run, which are skipped and why, and that each
// subject is opened and closed as its scope says. The last case of each suite checks the record.
import { afterAll, expect } from 'vitest';
import { describeConformance, type ConformanceCase } from '@lumix/conformance-kit';

type Cap = 'fast' | 'slow';
interface Toy {
  readonly id: number;
  readonly caps: Partial<Record<Cap, boolean>>;
}

const log: string[] = [];
const record = (area: string, name: string, needs?: Cap[]): ConformanceCase<Toy, Cap> => ({
  area,
  name,
  ...(needs === undefined ? {} : { needs }),
  run: async (toy) => void log.push(`${area}/${name}@${toy.id}`),
});

// Per test, capabilities known up front: a case needing `slow` is skipped at collection.
let opened = 0;
let closed = 0;
describeConformance<Toy, Cap>(
  'toy per test',
  [
    record('a', 'runs'),
    record('a', 'needs-fast', ['fast']),
    record('a', 'needs-slow', ['slow']),
    record('a', 'skipped-by-config'),
    {
      area: 'z',
      name: 'check',
      run: async () => {
        expect(log).toEqual(['a/runs@1', 'a/needs-fast@2']);
        expect([opened, closed]).toEqual([3, 2]);
      },
    },
  ],
  {
    label: 'toy',
    scope: 'test',
    capabilities: { fast: true },
    open: () => ({ id: ++opened, caps: {} }),
    close: () => void closed++,
  },
  { skip: [{ id: 'a/skipped-by-config', reason: 'shown in the run' }] },
);

// Once per suite, opened asynchronously: capabilities come from the subject when each test runs.
const suiteLog: string[] = [];
let suiteOpened = 0;
let suiteClosed = 0;
describeConformance<Toy, Cap>(
  'toy per suite',
  [
    { area: 'b', name: 'runs', run: async (toy) => void suiteLog.push(`runs@${toy.id}`) },
    { area: 'b', name: 'needs-slow', needs: ['slow'], run: async () => void suiteLog.push('needs-slow') },
    {
      area: 'z',
      name: 'check',
      run: async () => {
        expect(suiteLog).toEqual(['runs@1']);
        expect([suiteOpened, suiteClosed]).toEqual([1, 0]);
      },
    },
  ],
  {
    label: 'toy',
    open: async () => ({ id: ++suiteOpened, caps: { fast: true } }),
    close: () => void suiteClosed++,
    capabilitiesOf: (toy) => toy.caps,
    labelOf: (toy) => `toy #${toy.id}`,
  },
);

afterAll(() => {
  expect(suiteClosed).toBe(1);
});
