import { LumixError } from '../errors.js';
import { isMip, type StandardForm } from './standard-form.js';
import type { Solver, SolveOptions } from './solver.js';

/**
 * Checks a solver can take this problem with these options before anything is sent to it.
 *
 * @throws LumixError `UNSUPPORTED_FEATURE` naming the missing capability and a solver that has it.
 */
export function checkCapabilities(solver: Solver, problem: StandardForm, options: SolveOptions = {}): void {
  const caps = solver.capabilities;
  const missing = (feature: string, hint: string): never => {
    throw new LumixError('UNSUPPORTED_FEATURE', `Solver '${solver.name}' does not support ${feature}. ${hint}`, {
      details: { solver: solver.name, feature },
    });
  };
  if (!caps.lp) missing('linear programs', 'Choose another solver.');
  if (!caps.integer && isMip(problem)) missing('integer variables', "Use solver 'highs' or 'glpk', or relax the integer variables.");
  if (options.timeLimit !== undefined) {
    if (!(options.timeLimit > 0)) {
      throw new LumixError('INVALID_ARGUMENT', `timeLimit must be a positive number of seconds, got ${options.timeLimit}.`);
    }
    if (!caps.timeLimit) missing('a time limit', 'Drop the timeLimit option or choose another solver.');
  }
  if (options.mipGap !== undefined) {
    if (!(options.mipGap >= 0)) {
      throw new LumixError('INVALID_ARGUMENT', `mipGap must be a number >= 0, got ${options.mipGap}.`);
    }
    if (!caps.mipGap) missing('a MIP gap', 'Drop the mipGap option or choose another solver.');
  }
  if (options.presolve === false && !caps.presolveToggle) missing('turning presolve off', 'Drop the presolve option.');
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new LumixError('INVALID_ARGUMENT', `threads must be a whole number >= 1, got ${options.threads}.`);
  }
}
