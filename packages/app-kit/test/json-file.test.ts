import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLumixError } from '@lumix/core';
import { readJsonFile } from '@lumix/app-kit';
import { jsonErrorPosition } from '../src/json-file.js';

const dir = mkdtempSync(join(tmpdir(), 'app-kit-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(f: () => unknown): Error & { code?: string; details?: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('json positions', () => {
  it('json/error-position-agrees-with-json-parse', () => {
    const good = ['{}', '[]', '{"a":[1,-2.5e3,"x\\u00e9\\n",true,false,null]}', ' 3 ', '"s"'];
    for (const t of good) expect(jsonErrorPosition(t), t).toBeNull();
    const bad: [string, number][] = [
      ['{ "a": 1, }', 10],
      ['[1 2]', 3],
      ['{"a" 1}', 5],
      ['[01]', 2],
      ['"open', 5],
      ['[1] x', 4],
      ['{"a": tru}', 6],
    ];
    for (const [t, at] of bad) {
      expect(() => JSON.parse(t)).toThrow();
      expect(jsonErrorPosition(t), t).toBe(at);
    }
  });

  it('json/error-position-of-any-depth-without-recursion', () => {
    // The scanner used to recurse once per level: 200 000 open brackets overflowed the stack.
    expect(jsonErrorPosition('['.repeat(200_000))).toBe(200_000);
    expect(jsonErrorPosition(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)).toBeNull();
    expect(jsonErrorPosition(`${'['.repeat(100_000)}1${']'.repeat(99_999)},`)).toBe(200_001);
  });
});

describe('readJsonFile', () => {
  it('json/bom-depth-and-read-errors-are-named', () => {
    writeFileSync(join(dir, 'bom.json'), '\uFEFF{"a": [1]}');
    expect(readJsonFile(join(dir, 'bom.json'))).toEqual({ a: [1] });
    writeFileSync(join(dir, 'utf32.json'), Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]));
    expect(errorOf(() => readJsonFile(join(dir, 'utf32.json'))).message).toMatch(/is UTF-32 \(it starts with a UTF-32 byte-order mark, BOM\)/);
    writeFileSync(join(dir, 'bad.json'), '{\n  "a": [1,\n  ]\n}');
    const bad = errorOf(() => readJsonFile(join(dir, 'bad.json'), { fix: 'Fix it.' }));
    expect(isLumixError(bad, 'PARSE_ERROR')).toBe(true);
    expect(bad.message).toMatch(/bad\.json is not valid JSON \(line 3, column 3\): [\s\S]*\. Fix it\.$/);
    expect(bad.details).toMatchObject({ line: 3, column: 3 });
    writeFileSync(join(dir, 'deep.json'), `{"a": ${'['.repeat(40)}${']'.repeat(40)}}`);
    expect(errorOf(() => readJsonFile(join(dir, 'deep.json'))).message).toMatch(/nests lists and objects more than 32 levels deep \(line 1, column 38\)/);
    expect(readJsonFile(join(dir, 'deep.json'), { maxDepth: 41 })).toEqual({ a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] });
    // Brackets inside strings do not count.
    writeFileSync(join(dir, 'strings.json'), JSON.stringify({ a: '['.repeat(100) }));
    expect(readJsonFile(join(dir, 'strings.json'))).toEqual({ a: '['.repeat(100) });
    const missing = errorOf(() => readJsonFile(join(dir, 'nope.json'), { flag: '--data' }));
    expect(isLumixError(missing, 'INVALID_ARGUMENT')).toBe(true);
    expect(missing.message).toMatch(/Cannot read the data file .*nope\.json: it does not exist\. Check the --data path/);
    expect(errorOf(() => readJsonFile(dir)).message).toMatch(/it is a folder, not a file/);
  });
});

describe('readJsonFile as a stream', () => {
  const stream = { streamAboveBytes: 0 };

  it('json/stream-reads-what-json-parse-reads', () => {
    const values = [{ a: [1, -2.5e3, 'x\u00e9\n"', true, false, null], b: { c: {} } }, [], 42, 'text', { '': [[]] }];
    for (const [i, v] of values.entries()) {
      const f = join(dir, `same-${i}.json`);
      writeFileSync(f, `  ${JSON.stringify(v, null, 2)}\n`);
      expect(readJsonFile(f, stream)).toEqual(v);
    }
    writeFileSync(join(dir, 'bom-s.json'), '\uFEFF{"a": [1]}');
    expect(readJsonFile(join(dir, 'bom-s.json'), stream)).toEqual({ a: [1] });
    writeFileSync(join(dir, 'utf32-s.json'), Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]));
    expect(errorOf(() => readJsonFile(join(dir, 'utf32-s.json'), stream)).message).toMatch(/is UTF-32 \(it starts with a UTF-32 byte-order mark, BOM\)/);
  });

  it('json/stream-errors-give-line-and-column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "a": [1,\n  ]\n}', 3, 3, /unexpected "\]"/],
      ['{"a": 1}\n  x', 2, 3, /unexpected "x"/],
      ['{"a": 1} {"b": 2}', 1, 10, /unexpected "\{"/],
      ['{"a": [1, 2', 1, 12, /the file ended before the JSON value did/],
      ['\uFEFF{\n"a": tru}', 2, 9, /unexpected "\}"/],
    ];
    for (const [i, [text, line, column, why]] of cases.entries()) {
      const f = join(dir, `bad-s-${i}.json`);
      writeFileSync(f, text);
      const e = errorOf(() => readJsonFile(f, { ...stream, fix: 'Fix it.' }));
      expect(isLumixError(e, 'PARSE_ERROR'), text).toBe(true);
      expect(e.message, text).toMatch(new RegExp(`bad-s-${i}\\.json is not valid JSON \\(line ${line}, column ${column}\\): `));
      expect(e.message, text).toMatch(why);
      expect(e.message, text).toMatch(/\. Fix it\.$/);
      expect(e.details, text).toMatchObject({ line, column });
    }
    writeFileSync(join(dir, 'deep-s.json'), `{"a": ${'['.repeat(40)}${']'.repeat(40)}}`);
    const deep = errorOf(() => readJsonFile(join(dir, 'deep-s.json'), stream));
    expect(deep.message).toMatch(/nests lists and objects more than 32 levels deep \(line 1, column 38\)/);
    expect(deep.details).toMatchObject({ line: 1, column: 38, maxDepth: 32 });
    writeFileSync(join(dir, 'strings-s.json'), JSON.stringify({ a: '['.repeat(100) }));
    expect(readJsonFile(join(dir, 'strings-s.json'), stream)).toEqual({ a: '['.repeat(100) });
  });

  it('json/stream-across-chunks-keeps-values-and-counts-lines', () => {
    // 3 MiB of records: values (a multi-byte character among them) and an error fall across the
    // 1 MiB reads, and the line of the error is counted over every chunk before it.
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `prod\u00e9 ${i} ${'x'.repeat(i % 50)}`, profit: i / 7 }));
    const text = `{"products": [\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 2 ** 20);
    writeFileSync(join(dir, 'big.json'), text);
    expect(readJsonFile(join(dir, 'big.json'), stream)).toEqual({ products: rows });
    // Default threshold (64 MiB): the same file is read whole, with the same result.
    expect(readJsonFile(join(dir, 'big.json'))).toEqual({ products: rows });
    const lines = text.split('\n');
    lines[30_001] = lines[30_001]!.replace('"profit":', '"profit" ');
    writeFileSync(join(dir, 'big-bad.json'), lines.join('\n'));
    const e = errorOf(() => readJsonFile(join(dir, 'big-bad.json'), stream));
    expect(e.details).toMatchObject({ line: 30_002 });
    expect(e.message).toMatch(/\(line 30002, column \d+\): unexpected /);
  });
});
