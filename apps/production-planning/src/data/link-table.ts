import { LumixError, type Lookup, type LookupKeyPart } from '@lumix/core';

/**
 * A link table (`production_recipes`, `material_requirements`) read once, as three columns in
 * load order: row i says product `productIds[i]` needs `amounts[i]` of resource `resourceIds[i]`.
 * Typed arrays instead of one object per row: the solve reads these tables once and both the
 * model and the independent check of the plan use them.
 */
export interface LinkColumns {
  /** Number of rows. */
  readonly length: number;
  readonly productIds: Float64Array;
  readonly resourceIds: Float64Array;
  readonly amounts: Float64Array;
}

/** The rows of one resource: the products that use it and how much each unit needs, in load order, zeros left out. */
export interface ResourceLinks {
  readonly products: ArrayLike<number>;
  readonly amounts: ArrayLike<number>;
}

/**
 * A {@link Lookup} keyed `(product, resource)` over {@link LinkColumns}: what the model reads the
 * coefficients from. Besides the Lookup methods it hands out its rows grouped by resource
 * ({@link LinkLookup.byResource}, one counting pass), which is all the model needs; `get`, `getOr`
 * and `has` build their index on first use.
 */
export class LinkLookup implements Lookup<number> {
  readonly label: string;
  readonly columns: LinkColumns;
  /** How the columns were read (see the constructor). */
  readonly via: 'packed' | 'rows' | 'memory';
  #groups: Map<number, ResourceLinks> | undefined;
  #index: Map<number, Map<number, number>> | undefined;

  /**
   * @param via how the columns were read: `packed` (SQLite's texts) or `rows` (one object per row);
   *   for tests and messages.
   */
  constructor(label: string, columns: LinkColumns, via: 'packed' | 'rows' | 'memory' = 'memory') {
    this.label = label;
    this.columns = columns;
    this.via = via;
  }

  get size(): number {
    return this.columns.length;
  }

  /**
   * The rows grouped by resource id (each group in load order, zero amounts left out), computed once.
   *
   * @throws LumixError `DUPLICATE_KEY` when two rows link the same product and resource.
   */
  byResource(): ReadonlyMap<number, ResourceLinks> {
    this.#groups ??= groupByResource(this.label, this.columns);
    return this.#groups;
  }

  get(...key: LookupKeyPart[]): number {
    const v = this.#lookup(key);
    if (v === undefined) {
      throw new LumixError('UNKNOWN_KEY', `Lookup ${this.label} has no entry for key ${JSON.stringify(key.map(String))}; use getOr(default, ...key) where a missing pair means a default.`, {
        details: { lookup: this.label, key: key.map(String) },
      });
    }
    return v;
  }

  getOr(fallback: number, ...key: LookupKeyPart[]): number {
    return this.#lookup(key) ?? fallback;
  }

  has(...key: LookupKeyPart[]): boolean {
    return this.#lookup(key) !== undefined;
  }

  *entries(): IterableIterator<[LookupKeyPart[], number]> {
    const { productIds, resourceIds, amounts, length } = this.columns;
    for (let i = 0; i < length; i++) yield [[productIds[i]!, resourceIds[i]!], amounts[i]!];
  }

  #lookup(key: readonly LookupKeyPart[]): number | undefined {
    if (key.length !== 2 || typeof key[0] !== 'number' || typeof key[1] !== 'number') return undefined;
    if (this.#index === undefined) {
      const index = new Map<number, Map<number, number>>();
      const { productIds, resourceIds, amounts, length } = this.columns;
      for (let i = 0; i < length; i++) {
        let byProduct = index.get(resourceIds[i]!);
        if (byProduct === undefined) {
          byProduct = new Map();
          index.set(resourceIds[i]!, byProduct);
        }
        byProduct.set(productIds[i]!, amounts[i]!);
      }
      this.#index = index;
    }
    return this.#index.get(key[1])?.get(key[0]);
  }
}

/**
 * Groups link rows by resource with a counting sort (two passes, no object per row). A product
 * listed twice for one resource is refused: the database's unique pair forbids it, and a model
 * would silently add the two amounts.
 */
function groupByResource(label: string, columns: LinkColumns): Map<number, ResourceLinks> {
  const { productIds, resourceIds, amounts, length } = columns;
  // Slots by resource id: an array when the ids are small whole numbers (the usual case), else a map.
  let max = 0;
  let dense = true;
  for (let i = 0; i < length && dense; i++) {
    const r = resourceIds[i]!;
    if (Number.isInteger(r) && r >= 0) max = Math.max(max, r);
    else dense = false;
  }
  const denseSlot = dense && max <= 4 * length + 1024 ? new Int32Array(max + 1).fill(-1) : null;
  const mapSlot = new Map<number, number>();
  const rowSlot = new Int32Array(length);
  const resources: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < length; i++) {
    if (amounts[i] === 0) {
      rowSlot[i] = -1;
      continue;
    }
    const r = resourceIds[i]!;
    let slot = denseSlot !== null ? denseSlot[r]! : (mapSlot.get(r) ?? -1);
    if (slot < 0) {
      slot = resources.length;
      resources.push(r);
      counts.push(0);
      if (denseSlot !== null) denseSlot[r] = slot;
      else mapSlot.set(r, slot);
    }
    counts[slot]!++;
    rowSlot[i] = slot;
  }
  const starts = new Int32Array(counts.length + 1);
  for (let s = 0; s < counts.length; s++) starts[s + 1] = starts[s]! + counts[s]!;
  const fill = starts.slice(0, counts.length);
  const products = new Float64Array(starts[counts.length]!);
  const values = new Float64Array(products.length);
  for (let i = 0; i < length; i++) {
    const slot = rowSlot[i]!;
    if (slot < 0) continue;
    const at = fill[slot]!++;
    products[at] = productIds[i]!;
    values[at] = amounts[i]!;
  }
  const groups = new Map<number, ResourceLinks>();
  resources.forEach((resource, slot) => {
    const group = { products: products.subarray(starts[slot], starts[slot + 1]), amounts: values.subarray(starts[slot], starts[slot + 1]) };
    assertNoDuplicateProduct(label, resource, group.products);
    groups.set(resource, group);
  });
  return groups;
}

/** Rows come in id order, usually product-major: a rising product list has no duplicate, and only another list needs a set. */
function assertNoDuplicateProduct(label: string, resource: number, products: ArrayLike<number>): void {
  let rising = true;
  for (let i = 1; i < products.length && rising; i++) rising = products[i]! > products[i - 1]!;
  if (rising) return;
  const seen = new Set<number>();
  for (let i = 0; i < products.length; i++) {
    const p = products[i]!;
    if (seen.has(p)) {
      throw new LumixError('DUPLICATE_KEY', `Lookup ${label}: two rows have the key ${JSON.stringify([String(p), String(resource)])}; make the key columns unique.`, {
        details: { lookup: label, key: [String(p), String(resource)] },
      });
    }
    seen.add(p);
  }
}
