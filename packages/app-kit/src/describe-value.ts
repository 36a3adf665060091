/**
 * How a data value is named in a validation message, the same way in both apps: a number as
 * written, a number too large for a double (`1e309` reads as Infinity) as `not a finite number`
 * (never as JSON's `null`), text through `quote` (cut at 60 characters), a list or an object by
 * what it is, never stringified whole (a deeply nested value must not overflow the stack or
 * flood the message).
 */
export function describeValue(value: unknown, quote: (text: string) => string = (t) => JSON.stringify(t)): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case 'number':
      if (Number.isNaN(value)) return 'NaN, not a finite number';
      if (!Number.isFinite(value)) return 'not a finite number (a value beyond ±1.8e308, such as 1e309, reads as infinite)';
      return String(value);
    case 'boolean':
      return String(value);
    case 'object':
      return Array.isArray(value) ? `a list (of ${value.length})` : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

