import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the test-fixtures folder. */
export const FIXTURES_DIR: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file inside test-fixtures (e.g. `netlib/afiro.mps`). */
export function fixturePath(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

/** Text of a fixture file. */
export function readFixture(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

/** A fixture parsed as JSON. */
export function readJsonFixture<T = unknown>(relative: string): T {
  return JSON.parse(readFixture(relative)) as T;
}

export { testPostgres, newPostgresDatabase } from './postgres.js';
export { spawnProcessGroup, waitUntil } from './processes.js';
export type { ProcessGroup } from './processes.js';
