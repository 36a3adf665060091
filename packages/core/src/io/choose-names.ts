/** The names a writer puts in a file for one kind of entity (columns or rows). */
export interface ChosenNames {
  /** Name written for entity `i`. */
  readonly names: readonly string[];
  /** True when the problem's own names could not be used and short ids were generated. */
  readonly generated: boolean;
}

/**
 * Picks the names to write: the problem's own names when every one of them is legal for the
 * format and no two are equal; otherwise generated ids `prefix + index` for all of them
 * (all or nothing, so a file never mixes the two and a generated id can never clash with a
 * kept name). `maxLength` bounds the generated ids too: past it the index is written in base 36.
 */
export function chooseNames(
  count: number,
  nameOf: (i: number) => string,
  isLegal: (name: string) => boolean,
  prefix: string,
  maxLength = 255,
): ChosenNames {
  const names = new Array<string>(count);
  const seen = new Set<string>();
  let ok = true;
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    if (!isLegal(name) || seen.has(name)) {
      ok = false;
      break;
    }
    seen.add(name);
    names[i] = name;
  }
  if (ok) return { names, generated: false };
  const decimalFits = prefix.length + String(Math.max(0, count - 1)).length <= maxLength;
  for (let i = 0; i < count; i++) names[i] = prefix + (decimalFits ? String(i) : i.toString(36));
  return { names, generated: true };
}

/** `base`, or `base_1`, `base_2` ... : the first that `taken` does not hold and that fits `maxLength`. */
export function uniqueName(base: string, taken: (name: string) => boolean, maxLength = 255): string {
  if (!taken(base)) return base;
  for (let k = 1; ; k++) {
    const suffix = `_${k}`;
    const candidate = base.slice(0, Math.max(1, maxLength - suffix.length)) + suffix;
    if (!taken(candidate)) return candidate;
  }
}

/** Text safe to put in a one-line comment: control characters become spaces. */
export function commentText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they would end the comment line.
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
