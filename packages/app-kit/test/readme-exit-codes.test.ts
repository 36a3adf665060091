import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES as CLI_EXIT_CODES } from '@lumix/cli';
import { EXIT_CODES } from '@lumix/app-kit';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path: string): string => readFileSync(join(repo, path), 'utf8');

/** The rows of the first Markdown table after `heading`: cells of each `| ... |` line below the header. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('the exit-code tables say what the code does', () => {
  it('docs/root-readme-exit-codes-match-the-cli-and-the-apps', () => {
    const rows = tableAfter(read('README.md'), '## Exit codes and errors');
    const byCode = new Map(rows.map((r) => [Number(r[0]), r]));
    const cli = new Set<number>(Object.values(CLI_EXIT_CODES));
    const apps = new Set<number>(Object.values(EXIT_CODES));
    expect([...byCode.keys()].sort()).toEqual([...new Set([...cli, ...apps])].sort());
    for (const [code, [, cliCell, appCell]] of byCode) {
      expect(cliCell === 'not used', `CLI ${code}`).toBe(!cli.has(code));
      expect(appCell === 'not used', `apps ${code}`).toBe(!apps.has(code));
    }
    const badInput = byCode.get(EXIT_CODES.badInput)?.[2] ?? '';
    for (const word of ['locked', 'read-only', 'not a database', 'full disk', '--force', 'no stack']) expect(badInput, word).toContain(word);
  });

  it('docs/app-readmes-list-their-exit-codes-and---force', () => {
    for (const app of ['production-planning', 'timetabling']) {
      const text = read(`apps/${app}/README.md`);
      const rows = tableAfter(text, app === 'timetabling' ? '### Exit codes' : '## Exit codes');
      expect(rows.map((r) => Number(r[0])).sort(), app).toEqual(Object.values(EXIT_CODES).sort());
      expect(text, app).toContain('--force');
      expect(rows.find((r) => Number(r[0]) === EXIT_CODES.badInput)?.[1], app).toMatch(/locked by another process, read-only, not a SQLite database/);
    }
  });
});
