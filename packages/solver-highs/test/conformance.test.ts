import { describeSolverConformance } from '@lumix/solver-conformance';
import { createHighsSolver } from '../src/index.js';

describeSolverConformance('highs', () => createHighsSolver());
