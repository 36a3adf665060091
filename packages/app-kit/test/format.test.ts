import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPercent, formatTable, resolveUserPath } from '@lumix/app-kit';

describe('formatting', () => {
  it('format/numbers', () => {
    expect(formatNumber(2735.714285714286)).toBe('2,735.71');
    expect(formatNumber(-1e-12)).toBe('0.00');
    expect(formatMoney(2735.714285714286)).toBe('$2,735.71');
    expect(formatMoney(-0.7142857)).toBe('-$0.71');
    expect(formatMoney(-0.001)).toBe('$0.00');
    expect(formatPercent(36.69642857142857)).toBe('36.7%');
  });

  it('format/numbers-as-intl', () => {
    // formatNumber writes the digits itself (issue 9: Intl cost 0.3-1 µs a cell); it must print
    // exactly what a kept Intl.NumberFormat('en-US') prints, ties and signs included.
    const intl = (v: number, d: number): string => {
      const r = Object.is(Math.round(v * 10 ** d) / 10 ** d, -0) ? 0 : v;
      return new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).format(r);
    };
    // ICU rounds the shortest decimal form half away from zero, where toFixed rounds the double.
    expect(formatNumber(1.005)).toBe('1.01');
    expect(formatNumber(2.675)).toBe('2.68');
    expect(formatNumber(-1.005)).toBe('-1.01');
    expect(formatNumber(999_999.995)).toBe('1,000,000.00');
    expect(formatNumber(2.5, 0)).toBe('3');
    expect(formatNumber(1e21, 0)).toBe('1,000,000,000,000,000,000,000');
    let seed = 12345;
    const rand = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const cases: [number, number][] = [];
    for (const v of [0, -0, 1e-7, -1e-7, 5e-324, 0.125, 0.045, 9.995, 1e15 + 0.5, 2 ** 53, 1e20, -1e21, 123_456_789.125]) for (let d = 0; d <= 10; d++) cases.push([v, d]);
    for (let i = 0; i < 20_000; i++) {
      const d = i % 10;
      // A tie in the first dropped place (as written in decimal), then the same nudged by ±1e-13 relative, then any size.
      const tie = Number(`${rand() < 0.3 ? '-' : ''}${Math.floor(rand() * 10 ** Math.floor(rand() * 14))}.${String(Math.floor(rand() * 10 ** d)).padStart(d, '0')}5`);
      cases.push([tie, d], [tie * (1 + (rand() - 0.5) * 1e-13), d], [(rand() - 0.5) * 10 ** (rand() * 30 - 8), d]);
    }
    const wrong = cases.filter(([v, d]) => formatNumber(v, d) !== intl(v, d)).map(([v, d]) => `${v}@${d}: ${formatNumber(v, d)} vs ${intl(v, d)}`);
    expect(wrong).toEqual([]);
  });

  it('format/table', () => {
    const t = formatTable(
      [{ header: 'Product' }, { header: 'Qty', align: 'right' }],
      [
        ['Chair', '10.00'],
        ['Desk', '8.43'],
      ],
      { title: 'PLAN', footer: ['TOTAL', '18.43'] },
    );
    expect(t.split('\n')).toEqual(['PLAN', '==============', 'Product    Qty', '-------  -----', 'Chair    10.00', 'Desk      8.43', '-------  -----', 'TOTAL    18.43']);
  });

  it('paths/relative-to-init-cwd', () => {
    expect(resolveUserPath('a/b.db', '/home/u')).toBe('/home/u/a/b.db');
    expect(resolveUserPath('/abs.db', '/home/u')).toBe('/abs.db');
  });
});
