import { readFixture } from '@lumix/test-fixtures';

/** Splits one CSV line (RFC 4180 quoting: "a, b" and "" inside quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** The rows of test-fixtures/itc2007/expected.csv, column name → text. */
export function itcExpected(): Record<string, string>[] {
  const [head, ...lines] = readFixture('itc2007/expected.csv').trim().split('\n');
  const cols = csvFields(head!);
  return lines.map((l) => {
    const f = csvFields(l);
    return Object.fromEntries(cols.map((c, i) => [c, f[i] ?? '']));
  });
}
