import { afterEach, describe, expect, it } from 'vitest';
import { APP_PHASE_PREFIX, recordPhase, timePhase } from '@lumix/app-kit';

const measured = (phase: string) => performance.getEntriesByName(APP_PHASE_PREFIX + phase, 'measure');

afterEach(() => performance.clearMeasures());

describe('app phases', () => {
  it('phases/sync-async-and-throwing-work-are-each-measured-once', async () => {
    expect(timePhase('print', () => 7)).toBe(7);
    expect(measured('print')).toHaveLength(1);
    await expect(timePhase('load', async () => 'rows')).resolves.toBe('rows');
    expect(measured('load')).toHaveLength(1);
    expect(() => timePhase('check', () => { throw new Error('bad row'); })).toThrow('bad row');
    await expect(timePhase('save', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked');
    expect(measured('check')).toHaveLength(1);
    expect(measured('save')).toHaveLength(1);
    // An async phase ends when its promise settles, not when the work function returns.
    let finish!: () => void;
    const pending = timePhase('report', () => new Promise<void>((resolve) => (finish = resolve)));
    await Promise.resolve();
    expect(measured('report')).toHaveLength(0);
    finish();
    await pending;
    expect(measured('report')).toHaveLength(1);
  });

  it('phases/recorded-time-ends-now-and-is-never-negative', () => {
    recordPhase('build', 12.5);
    recordPhase('solve', -3);
    expect(measured('build')[0]!.duration).toBeCloseTo(12.5, 6);
    expect(measured('solve')[0]!.duration).toBe(0);
  });
});
