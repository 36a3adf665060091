import { formatMoney, formatNumber } from '@lumix/app-kit';
import type { ProductionPlan } from '../model/production-plan.js';

type PlanLine = ProductionPlan['lines'][number];

/** A plan line's numbers as the console and the HTML report show them. */
interface LineCells {
  readonly quantity: string;
  readonly profitPerUnit: string;
  readonly contribution: string;
  readonly minDemand: string;
  readonly maxDemand: string;
  /** `$x.xx/unit`, or `n/a` without reduced costs. */
  readonly reducedCost: string;
}

const CELLS = new WeakMap<PlanLine, LineCells>();

/**
 * The cells of `line`, formatted once: `solve` writes the report and then prints the same lines,
 * which formatted each number twice (issue 9: formatting was a third of print and report).
 */
export function lineCells(line: PlanLine): LineCells {
  let cells = CELLS.get(line);
  if (cells === undefined) {
    cells = {
      quantity: formatNumber(line.quantity),
      profitPerUnit: formatMoney(line.profitPerUnit),
      contribution: formatMoney(line.contribution),
      minDemand: formatNumber(line.minDemand),
      maxDemand: formatNumber(line.maxDemand),
      reducedCost: line.reducedCost === null ? 'n/a' : `${formatMoney(line.reducedCost)}/unit`,
    };
    CELLS.set(line, cells);
  }
  return cells;
}
