import type { DriverError } from '../../driver-error.js';

/** What PostgreSQL says about an error besides its code and message (`pg`'s error fields). */
export interface PostgresErrorFields {
  readonly table?: string | undefined;
  readonly column?: string | undefined;
  readonly constraint?: string | undefined;
  /** `Key (a, b)=(1, 2) already exists.` for a unique violation. */
  readonly detail?: string | undefined;
}

type Base = Pick<DriverError, 'originalCode' | 'originalMessage'>;

/** `Key (a, b)=(…)` of a unique violation's detail as its columns. */
function keyColumns(detail: string | undefined): string[] | undefined {
  const m = /^Key \(([^)]*)\)=/.exec(detail ?? '');
  return m === null ? undefined : m[1]!.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
}

const opt = <K extends string>(key: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [key]: v } as { [P in K]: string }));

/** Class 23 (integrity constraint violation). */
function constraintKind(base: Base, code: string, f: PostgresErrorFields): DriverError {
  switch (code) {
    case '23505': {
      const columns = keyColumns(f.detail);
      return { ...base, kind: 'unique-violation', ...opt('table', f.table), ...(columns === undefined ? {} : { columns }) };
    }
    case '23502':
      return { ...base, kind: 'not-null-violation', ...opt('table', f.table), ...opt('column', f.column) };
    case '23503':
      return { ...base, kind: 'foreign-key-violation', ...opt('table', f.table) };
    case '23514':
      return { ...base, kind: 'check-violation', ...opt('table', f.table), ...opt('constraint', f.constraint) };
    default:
      return { ...base, kind: 'constraint-violation' };
  }
}

/**
 * What a PostgreSQL SQLSTATE code (`pg`'s `error.code`) and its fields say, as a driver-error kind:
 * class 23 constraints (`23505` unique with the key's columns from `detail`, `23502` not null,
 * `23503` foreign key, `23514` check), `22001` a string too long for its `varchar(n)` (a
 * constraint of the column), `42P01`/`42703` a missing table or column (named from the message),
 * `42601` syntax; the environment: `55P03`/`40P01`/`40001` busy (a lock not granted in time, a
 * deadlock, a serialization failure), `25006` read-only, `53100` disk full, classes `08`/`28`,
 * `3D000`, `57P01`-`57P03` cannot open (the server unreachable or shutting down, the login or the
 * database refused), `XX001`/`XX002` corrupt, `58030` I/O. Never throws; anything else is `other`.
 */
export function postgresDriverError(originalCode: string | undefined, originalMessage: string, fields: PostgresErrorFields = {}): DriverError {
  const base: Base = { originalCode, originalMessage };
  const code = originalCode ?? '';
  if (code.startsWith('23')) return constraintKind(base, code, fields);
  if (code.startsWith('08') || code.startsWith('28')) return { ...base, kind: 'cannot-open' };
  switch (code) {
    case '22001':
      return { ...base, kind: 'constraint-violation' };
    case '42P01': {
      const table = /relation "([^"]+)" does not exist/.exec(originalMessage)?.[1] ?? fields.table;
      return { ...base, kind: 'no-such-table', ...opt('table', table?.replace(/^.*\./, '')) };
    }
    case '42703': {
      const m = /column "([^"]+)"(?: of relation "([^"]+)")? does not exist/.exec(originalMessage);
      const column = m?.[1]?.replace(/^.*\./, '') ?? fields.column;
      return { ...base, kind: 'no-such-column', ...opt('table', m?.[2] ?? fields.table), ...opt('column', column) };
    }
    case '42601':
      return { ...base, kind: 'syntax-error' };
    case '55P03':
    case '40P01':
    case '40001':
      return { ...base, kind: 'busy' };
    case '25006':
      return { ...base, kind: 'read-only' };
    case '53100':
      return { ...base, kind: 'disk-full' };
    case '3D000':
    case '57P01':
    case '57P02':
    case '57P03':
      return { ...base, kind: 'cannot-open' };
    case 'XX001':
    case 'XX002':
      return { ...base, kind: 'corrupt' };
    case '58030':
      return { ...base, kind: 'io-error' };
    default:
      return { ...base, kind: 'other' };
  }
}
