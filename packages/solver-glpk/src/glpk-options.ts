import { LumixError } from '@lumix/core';

/**
 * The options glpk.js 5 reads from its options object (`glpk.solve(lp, options)`), each with the
 * values it takes. Any other name is dropped by glpk.js without a word, so `raw` options are
 * checked against this table before GLPK sees them.
 */
const GLPK_RAW_OPTIONS: Readonly<Record<string, { readonly expected: string; readonly ok: (v: unknown) => boolean }>> = {
  mipgap: { expected: 'a number >= 0 (relative MIP gap)', ok: (v) => typeof v === 'number' && v >= 0 },
  tmlim: { expected: 'a number of seconds > 0', ok: (v) => typeof v === 'number' && v > 0 },
  // The range (0..4, GLP_MSG_OFF..GLP_MSG_DBG) is GLPK's own check: it aborts naming msg_lev.
  msglev: { expected: 'a whole number, the message level 0..4 (GLP_MSG_OFF..GLP_MSG_DBG)', ok: (v) => Number.isInteger(v) },
  presol: { expected: 'true or false', ok: (v) => typeof v === 'boolean' },
  rows: { expected: 'true or false', ok: (v) => typeof v === 'boolean' },
  cb: {
    expected: 'an object { call(result), each } (LP progress callback)',
    ok: (v) => typeof v === 'object' && v !== null && typeof (v as { call?: unknown }).call === 'function',
  },
};

/** The glpk.js option names `raw` may hold, in the order they are listed in messages. */
const GLPK_RAW_OPTION_NAMES: readonly string[] = Object.keys(GLPK_RAW_OPTIONS);

/**
 * Checks `raw` options against what glpk.js reads, as HiGHS checks its own: GLPK would otherwise
 * ignore a misspelt name (`tm_lim`, `mip_gap`) silently.
 *
 * @throws LumixError `INVALID_ARGUMENT` naming an unknown option and listing the valid names, or
 *   naming an option whose value glpk.js cannot take and saying what it takes.
 */
export function checkGlpkRawOptions(raw: Readonly<Record<string, unknown>> | undefined): void {
  if (raw === undefined) return;
  for (const [name, value] of Object.entries(raw)) {
    const rule = Object.hasOwn(GLPK_RAW_OPTIONS, name) ? GLPK_RAW_OPTIONS[name] : undefined;
    if (rule === undefined) {
      throw new LumixError(
        'INVALID_ARGUMENT',
        `GLPK has no option '${name}' (in raw options); glpk.js takes ${GLPK_RAW_OPTION_NAMES.join(', ')}. Core options (timeLimit, mipGap, presolve, log) are translated to them for you.`,
        { details: { solver: 'glpk', option: name, valid: [...GLPK_RAW_OPTION_NAMES] } },
      );
    }
    if (!rule.ok(value)) {
      throw new LumixError('INVALID_ARGUMENT', `GLPK option '${name}' in raw options is ${describe(value)}; it must be ${rule.expected}.`, {
        details: { solver: 'glpk', option: name },
      });
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
