/**
 * One test of a conformance suite, registered as `area/name`: data, so a suite is a list of
 * cases in topic files and a backend can name the ones it skips.
 *
 * @typeParam S what the case runs against (a solver, an adapter on a fresh database).
 * @typeParam C the capabilities a case may need.
 */
export interface ConformanceCase<S, C extends string = string> {
  /** Group, kebab-case (`lp`, `sources`). */
  readonly area: string;
  /** Case within the area, kebab-case. */
  readonly name: string;
  /** Capabilities the case needs; a subject without one skips it, saying which. Default: none. */
  readonly needs?: readonly C[];
  /** Per-test timeout in ms. Default: vitest's configured one. */
  readonly timeout?: number;
  /** Runs and asserts; throws (an `expect` failure) when the subject does not conform. */
  run(subject: S): Promise<void>;
}

/** The `area/name` id of a case, as the test is named. */
export function caseId(c: { readonly area: string; readonly name: string }): string {
  return `${c.area}/${c.name}`;
}
