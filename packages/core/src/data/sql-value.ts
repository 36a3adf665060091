/** A value an adapter binds as a SQL parameter. `Date` is written as ISO-8601 text (UTC), `boolean` as 0/1. */
export type SqlValue = string | number | bigint | boolean | Date | null;

/** A row as adapters read and write it: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;
