// The step-5/6/7 commands through the command line (parsing, defaults, paths): seed --scenarios,
// scenarios --scenario A,B, sensitivity and whatif flags (a value like -20% is a value, not a flag).
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '@lumix/test-fixtures';
import { runInProcess } from './support/run-app.js';
import { useTempDir } from './support/temp-dir.js';

const dir = useTempDir('cli-steps567');

describe('cli: steps 5, 6 and 7', () => {
  it('cli/seed --scenarios, scenarios --scenario, sensitivity, whatif -20%, and their reports', async () => {
    copyFileSync(fixturePath('tutorial/production_step4.json'), join(dir, 'step4.json'));
    copyFileSync(fixturePath('tutorial/production_step5_scenarios.json'), join(dir, 'scenarios.json'));
    const seeded = await runInProcess(['seed', '--data', 'step4.json', '--scenarios', 'scenarios.json', '--orm', 'sqlite'], dir);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('15 customer orders, 5 scenarios with 9 parameters.');

    const some = await runInProcess(['scenarios', '--scenario', 'High Demand, Expansion', '--compat', 'lumix', '--goal-mode', 'weighted', '--report', 's.html'], dir);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/Baseline +#1 +optimal +2,241,777\.78/);
    expect(some.stdout).toMatch(/High Demand +#2 +optimal +5,438,214\.29 +\+3,196,436\.51 +\+142\.58%/);
    expect(some.stdout).toMatch(/Expansion +#3 +optimal +4,167,142\.86/);
    expect(some.stdout).not.toContain('Economic Downturn ');
    expect(existsSync(join(dir, 's.html'))).toBe(true);
    const runs = await runInProcess(['runs'], dir);
    expect(runs.stdout).toContain('scenario="Expansion"');

    const sens = await runInProcess(['sensitivity', '--compat', 'lumix', '--top', '2', '--report', 'sens.html'], dir);
    expect(sens.code, sens.stderr).toBe(0);
    expect(sens.stdout).toContain('top 2)');
    expect(sens.stdout).toMatch(/1 +Wood \(board feet\) +1 +-2,857\.1429/);
    expect(sens.stdout).not.toMatch(/3 +Wood \(board feet\) +2 +-22\.2222/);

    const cut = await runInProcess(['whatif', '--compat', 'lumix', '--material', 'wood', '--week', '1', '--amount', '-20%', '--report', 'w.html'], dir);
    expect(cut.code, cut.stderr).toBe(0);
    expect(cut.stdout).toContain('WHAT IF Wood (board feet) week 1 -20%: optimal, LumiX penalty 3,281,777.78, Δ +1,040,000.00 (+46.39%)');
    expect(existsSync(join(dir, 'w.html'))).toBe(true);

    const bad = await runInProcess(['whatif', '--machine', 'Cutting', '--hours', '50'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/write \+50 to add/);
    const unknown = await runInProcess(['scenarios', '--scenario', 'Boom'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No scenario named "Boom"');
  });
});
