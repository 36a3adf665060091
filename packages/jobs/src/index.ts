export { openJobQueue, listJobs, isPostgresUrl, isUniqueViolation, safeUrl, withPostgres } from './job-queue.js';
export type { Job, JobQueue, JobQueueOptions, JobResult, JobState, JobStatus, ListJobsOptions, QueueUrlCheck, TransactionClient, WorkOptions } from './job-queue.js';
export { createWarmSolvers, workerPause } from './warm-solvers.js';
export type { WarmSolver, WarmSolvers, WarmSolversOptions, WorkerPause } from './warm-solvers.js';
export { untilSignal } from './until-signal.js';
