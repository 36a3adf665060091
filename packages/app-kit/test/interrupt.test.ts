import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_EXIT_CODE, createBufferedOutput, listenForInterrupt } from '@lumix/app-kit';

/** A fake process: SIGINTs on demand, a settable clock, and the exit code it was asked to exit with. */
function fakeProcess() {
  const target = new EventEmitter();
  let now = 0;
  const exits: number[] = [];
  return {
    target: target as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    press: (atMs: number) => {
      now = atMs;
      target.emit('SIGINT');
    },
    clock: () => now,
    exit: (code: number) => {
      exits.push(code);
    },
    exits,
    listeners: () => target.listenerCount('SIGINT'),
  };
}

describe('listenForInterrupt', () => {
  it('interrupt/first-press-aborts-the-solve-second-press-exits-130', () => {
    const p = fakeProcess();
    const out = createBufferedOutput();
    const i = listenForInterrupt(out, { what: 'plan', target: p.target, clock: p.clock, exit: p.exit });
    expect(i.signal.aborted).toBe(false);
    expect(i.interrupted).toBe(false);
    p.press(1000);
    expect(i.signal.aborted).toBe(true);
    expect(i.interrupted).toBe(true);
    expect(p.exits).toEqual([]);
    expect(out.stderr).toEqual(['Ctrl-C: stopping the solver; the best plan found so far is checked and saved. Press Ctrl-C again to quit at once without saving.']);
    p.press(2000);
    expect(p.exits).toEqual([INTERRUPTED_EXIT_CODE]);
    expect(INTERRUPTED_EXIT_CODE).toBe(130);
    expect(out.stderr[1]).toBe('Ctrl-C again: quitting without saving this plan; runs saved before are untouched.');
    i.dispose();
    expect(p.listeners()).toBe(0);
  });

  it('interrupt/copies-of-one-press-relayed-by-a-launcher-count-once', () => {
    const p = fakeProcess();
    const out = createBufferedOutput();
    const i = listenForInterrupt(out, { what: 'timetable', target: p.target, clock: p.clock, exit: p.exit });
    p.press(1000);
    p.press(1040); // tsx relays its own copy of the terminal's SIGINT
    p.press(1400);
    expect(p.exits).toEqual([]);
    expect(out.stderr).toHaveLength(1);
    p.press(1600);
    expect(p.exits).toEqual([130]);
    i.dispose();
  });

  it('interrupt/dispose-stops-listening-and-is-idempotent', () => {
    const p = fakeProcess();
    const i = listenForInterrupt(createBufferedOutput(), { what: 'plan', target: p.target, clock: p.clock, exit: p.exit });
    expect(p.listeners()).toBe(1);
    i.dispose();
    i.dispose();
    expect(p.listeners()).toBe(0);
    p.press(5000);
    expect(i.signal.aborted).toBe(false);
  });
});
