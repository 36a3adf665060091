/** Growable parallel arrays of matrix entries `(row, col, value)`, in any order. */
export class Triplets {
  private rows = new Int32Array(1024);
  private cols = new Int32Array(1024);
  private vals = new Float64Array(1024);
  /** Number of entries held. */
  length = 0;

  /** Appends one entry. */
  push(row: number, col: number, value: number): void {
    if (this.length === this.rows.length) {
      const size = this.rows.length * 2;
      const rows = new Int32Array(size);
      rows.set(this.rows);
      this.rows = rows;
      const cols = new Int32Array(size);
      cols.set(this.cols);
      this.cols = cols;
      const vals = new Float64Array(size);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.rows[this.length] = row;
    this.cols[this.length] = col;
    this.vals[this.length] = value;
    this.length++;
  }

  /**
   * Row-wise (CSR) arrays for `numRows` rows by a stable counting sort: within a row, entries
   * keep the order they were pushed in (column order when read column by column, as in MPS).
   */
  toCsr(numRows: number): { rowStart: Int32Array; colIndex: Int32Array; value: Float64Array } {
    const n = this.length;
    const rowStart = new Int32Array(numRows + 1);
    for (let k = 0; k < n; k++) rowStart[this.rows[k]! + 1]!++;
    for (let i = 0; i < numRows; i++) rowStart[i + 1]! += rowStart[i]!;
    const next = rowStart.slice(0, numRows);
    const colIndex = new Int32Array(n);
    const value = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const at = next[this.rows[k]!]!++;
      colIndex[at] = this.cols[k]!;
      value[at] = this.vals[k]!;
    }
    return { rowStart, colIndex, value };
  }
}
