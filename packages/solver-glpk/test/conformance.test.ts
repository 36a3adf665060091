import { describeSolverConformance } from '@lumix/solver-conformance';
import { createGlpkSolver } from '../src/index.js';

describeSolverConformance('glpk', () => createGlpkSolver());
