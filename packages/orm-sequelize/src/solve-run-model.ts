import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { SOLVE_RUNS_SPEC, SOLVE_RUNS_TABLE } from '@lumix/core';
import { specAttributes } from './spec-attributes.js';

/** Name under which {@link defineSolveRunModel} registers the model. */
export const SOLVE_RUN_MODEL_NAME = 'LumixSolveRun';

/**
 * Registers a Sequelize model for the `solve_runs` table (same columns as `ensureRunTable`
 * creates), so `sequelize.sync()` creates it along with your models, and solution models can
 * reference it (`references: { model: 'solve_runs', key: 'id' }`) or associate with it.
 * Idempotent: returns the model already registered. `saveRun` and the run readers do not need it.
 */
export function defineSolveRunModel(sequelize: Sequelize): ModelStatic<Model> {
  if (sequelize.isDefined(SOLVE_RUN_MODEL_NAME)) return sequelize.model(SOLVE_RUN_MODEL_NAME);
  return sequelize.define(SOLVE_RUN_MODEL_NAME, specAttributes(SOLVE_RUNS_SPEC), {
    tableName: SOLVE_RUNS_TABLE,
    timestamps: false,
    underscored: false,
    indexes: (SOLVE_RUNS_SPEC.indexes ?? []).map((fields) => ({ fields: [...fields], name: `ix_${SOLVE_RUNS_TABLE}_${fields.join('_')}` })),
  });
}
