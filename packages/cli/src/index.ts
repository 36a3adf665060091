export { runCli, CLI_VERSION } from './run-cli.js';
export type { CliIo, SolveSummary } from './run-cli.js';
export { EXIT_CODES, exitCodeForStatus, exitCodeForError } from './exit-codes.js';
export { HELP_TEXT } from './help-text.js';
export { problemFileFormat, readProblemFile, writeProblemFile } from './problem-file.js';
export type { ProblemFileFormat, ReadProblemFileOptions, WriteProblemFileOptions } from './problem-file.js';
