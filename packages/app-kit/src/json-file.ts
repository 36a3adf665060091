import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { TokenParser, TokenType, Tokenizer } from '@streamparser/json';
import { LumixError } from '@lumix/core';
import { fileOperationError } from './environment-errors.js';

/** Options of {@link readJsonFile}. */
export interface ReadJsonFileOptions {
  /** The flag the path came from, for messages. Default `--data`. */
  readonly flag?: string;
  /** The sentence that ends a syntax error's message: how to go on. Default: `Fix the file and try again.` */
  readonly fix?: string;
  /** Deepest nesting of lists and objects accepted. Default 32 (the apps' data files need 3). */
  readonly maxDepth?: number;
  /**
   * Files larger than this many bytes are parsed as a stream of 1 MiB chunks, never held as one
   * string (V8 cannot make a string of more than 2^29 − 24 characters, about 512 MB, and
   * `JSON.parse` needs the whole text as one); smaller ones are read whole and parsed with
   * `JSON.parse`, which is several times faster. Default 64 MiB.
   */
  readonly streamAboveBytes?: number;
}

/** Files above this size are parsed as a stream (see {@link ReadJsonFileOptions.streamAboveBytes}). */
const STREAM_ABOVE_BYTES = 64 * 2 ** 20;

/** Bytes read at a time when a file is parsed as a stream. */
const CHUNK_BYTES = 2 ** 20;

/**
 * Reads a JSON data file for an app, so that every way it can be wrong ends in a message that
 * says where, never in a stack overflow or an invisible character:
 *
 * - a UTF-8 byte-order mark (BOM, which some editors write) is accepted and skipped; a UTF-16
 *   or UTF-32 one is refused with a message that says so;
 * - a syntax error gives its line and column (found by a scanner without recursion);
 * - lists and objects nested deeper than `maxDepth` are refused with the line where the limit
 *   is passed, before anything walks the value;
 * - a file larger than `streamAboveBytes` (64 MiB) is parsed as a stream (`@streamparser/json`), so
 *   that its size is bounded by memory, not by V8's longest string; its errors give the line and
 *   column too (the column counted in bytes).
 *
 * @throws LumixError `INVALID_ARGUMENT` when the file cannot be read (missing, a folder, no
 *   permission), `PARSE_ERROR` (details `file`, and `line`/`column` when known) otherwise.
 */
export function readJsonFile(path: string, options: ReadJsonFileOptions = {}): unknown {
  const flag = options.flag ?? '--data';
  const fix = options.fix ?? 'Fix the file and try again.';
  const maxDepth = options.maxDepth ?? 32;
  if (sizeOf(path) > (options.streamAboveBytes ?? STREAM_ABOVE_BYTES)) return readJsonStream(path, fix, maxDepth);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : `${code ?? (e as Error).message}`;
    throw fileOperationError(
      e,
      path,
      `Cannot read the data file ${path}: ${why}. Check the ${flag} path (it is relative to the folder you run pnpm from).`,
    );
  }
  const bom = byteOrderMark(bytes);
  const bad = bomError(path, bom);
  if (bad !== null) throw bad;
  // A UTF-8 BOM carries no data: skip it rather than fail on an invisible character.
  const text = bytes.toString('utf8', bom === 'UTF-8' ? 3 : 0);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorPosition(text);
    const at = offset === null ? undefined : lineAndColumn(text, offset);
    throw new LumixError(
      'PARSE_ERROR',
      `The data file ${path} is not valid JSON${at === undefined ? '' : ` (line ${at.line}, column ${at.column})`}: ${(e as Error).message}. ${fix}`,
      { cause: e, details: { file: path, ...(at === undefined ? {} : { line: at.line, column: at.column }) } },
    );
  }
  const deep = depthExceeded(text, maxDepth);
  if (deep !== null) {
    const at = lineAndColumn(text, deep);
    throw new LumixError(
      'PARSE_ERROR',
      `The data file ${path} nests lists and objects more than ${maxDepth} levels deep (line ${at.line}, column ${at.column}); ` +
        `a data file has tables of records of values, 3 levels. ${fix}`,
      { details: { file: path, line: at.line, column: at.column, maxDepth } },
    );
  }
  return value;
}

/** The size of the file at `path`, or -1 when it cannot be read (the whole-file path then says why). */
function sizeOf(path: string): number {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : -1;
  } catch {
    return -1;
  }
}

/** The error of a byte-order mark other than UTF-8's, or `null`. */
function bomError(path: string, bom: ReturnType<typeof byteOrderMark>): LumixError | null {
  if (bom === null || bom === 'UTF-8') return null;
  return new LumixError('PARSE_ERROR', `The data file ${path} is ${bom} (it starts with a ${bom} byte-order mark, BOM); save it as UTF-8 and run the command again.`, {
    details: { file: path, encoding: bom },
  });
}

/**
 * {@link readJsonFile} of a large file: read in chunks of {@link CHUNK_BYTES} and fed to a
 * streaming tokenizer and value builder, so no string of the whole text is ever made. Nesting is
 * counted on the tokens as they come; an error's byte offset is turned into a line and column by
 * counting the line breaks before it (a second read, only on failure).
 */
function readJsonStream(path: string, fix: string, maxDepth: number): unknown {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const n = readSync(fd, chunk, 0, CHUNK_BYTES, 0);
    const bom = byteOrderMark(chunk.subarray(0, n));
    const bad = bomError(path, bom);
    if (bad !== null) throw bad;
    // Offsets the tokenizer reports count from the first byte it is given: after a UTF-8 BOM.
    const skip = bom === 'UTF-8' ? 3 : 0;
    const tokenizer = new Tokenizer();
    const parser = new TokenParser({ paths: ['$'], keepStack: false });
    let value: unknown;
    let hasValue = false;
    let failure: { error: Error; offset: number | null } | undefined;
    let depth = 0;
    let lastOffset = 0;
    tokenizer.onToken = (t) => {
      lastOffset = t.offset;
      if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) {
        if (++depth > maxDepth) {
          failure ??= { error: new Error(`nested more than ${maxDepth} deep`), offset: t.offset };
          return;
        }
      } else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) depth--;
      if (failure === undefined) parser.write(t);
    };
    parser.onValue = (info) => {
      value = info.value;
      hasValue = true;
    };
    const fail = (err: Error, offset?: number): void => {
      // The tokenizer names the byte it stopped at; the value builder does not: its token is the last one seen.
      const at = /absolute position "(\d+)"/.exec(err.message);
      failure ??= { error: new Error(plainMessage(err.message), { cause: err }), offset: offset ?? (at === null ? lastOffset : Number(at[1])) };
    };
    tokenizer.onError = fail;
    parser.onError = fail;
    // A new buffer per read: the tokenizer may keep a view of the bytes of a token it has not finished.
    let position = n;
    tokenizer.write(chunk.subarray(skip, n));
    while (failure === undefined) {
      const next = Buffer.allocUnsafe(CHUNK_BYTES);
      const got = readSync(fd, next, 0, CHUNK_BYTES, position);
      if (got <= 0) break;
      position += got;
      tokenizer.write(next.subarray(0, got));
    }
    if (failure === undefined) tokenizer.end();
    if (failure === undefined && !hasValue) fail(new Error('the file ended before the JSON value did'), position - skip);
    if (failure !== undefined) {
      const at = failure.offset === null ? undefined : lineAndColumnInFile(fd, skip + failure.offset);
      const deep = failure.error.message.startsWith('nested more than');
      const where = at === undefined ? '' : ` (line ${at.line}, column ${at.column})`;
      throw new LumixError(
        'PARSE_ERROR',
        deep
          ? `The data file ${path} nests lists and objects more than ${maxDepth} levels deep${where}; a data file has tables of records of values, 3 levels. ${fix}`
          : `The data file ${path} is not valid JSON${where}: ${failure.error.message}. ${fix}`,
        { cause: failure.error, details: { file: path, ...(at === undefined ? {} : { line: at.line, column: at.column }), ...(deep ? { maxDepth } : {}) } },
      );
    }
    return value;
  } finally {
    closeSync(fd);
  }
}

/**
 * A streaming parser's message without its internals: `Unexpected "x" at chunk position "11"
 * (absolute position "11") in state START` → `unexpected "x"`, `Unexpected RIGHT_BRACKET ("]") in
 * state VALUE` → `unexpected "]"`.
 */
function plainMessage(message: string): string {
  const char = /^Unexpected "(.*)" at chunk position/s.exec(message);
  if (char !== null) return `unexpected ${JSON.stringify(char[1])}`;
  const token = /^Unexpected (?:partial )?[A-Z_]+ \((.*)\) in state/s.exec(message);
  if (token !== null) return `unexpected ${token[1]}`;
  return message;
}

/** The 1-based line and column (in bytes) of a byte offset of an open file, counting its line breaks. */
function lineAndColumnInFile(fd: number, offset: number): { line: number; column: number } {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let line = 1;
  let lineStart = 0;
  let position = 0;
  while (position < offset) {
    const n = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, offset - position), position);
    if (n <= 0) break;
    for (let i = chunk.indexOf(0x0a, 0); i >= 0 && i < n; i = chunk.indexOf(0x0a, i + 1)) {
      line++;
      lineStart = position + i + 1;
    }
    position += n;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The byte-order mark a file starts with, if any. */
function byteOrderMark(b: Buffer): 'UTF-8' | 'UTF-16' | 'UTF-32' | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'UTF-8';
  if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) return 'UTF-32';
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'UTF-16';
  return null;
}

/** The offset where valid JSON text first nests deeper than `max` lists and objects, or `null`. */
function depthExceeded(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/** A JSON number at `lastIndex` (sticky). */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The offset of the first JSON syntax error in `text`, or `null` when it parses. Node 20's
 * `JSON.parse` messages often carry no position ("Unexpected token '}', ... is not valid JSON"),
 * so this scanner finds it, to give the user a line number. It keeps open lists and objects on a
 * stack of its own, not the call stack, so any depth is scanned.
 */
export function jsonErrorPosition(text: string): number | null {
  let i = 0;
  const open: ('{' | '[')[] = [];
  const ws = (): void => {
    while (isSpace(text[i])) i++;
  };
  /** A string at `i`; false (with `i` at the fault) when it is not one. */
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return true;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
        continue;
      }
      if (c < ' ') return false;
      i++;
    }
    return false;
  };
  /** `"key" :` at `i`. */
  const key = (): boolean => {
    ws();
    if (!string()) return false;
    ws();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (c === word[0]) {
        if (!text.startsWith(word, i)) return false;
        i += word.length;
        return true;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null) return false;
    i += m[0].length;
    return true;
  };
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          expectValue = false;
          continue;
        }
        open.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
      if (!scalar()) return i;
      expectValue = false;
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined) return i < text.length ? i : null;
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === '{' && !key()) return i;
      expectValue = true;
    } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      i++;
      open.pop();
    } else return i;
  }
}

/** The 1-based line and column of an offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
