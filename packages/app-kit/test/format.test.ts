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
