/**
 * A column of float64 values that grows by doubling (amortized O(1) append, no per-value allocation): the hot loop of
 * a governance simulation appends one value per deployment and bar.
 */
export class GrowableSeries {
  #values: Float64Array;
  #length = 0;

  constructor(capacity = 256) {
    this.#values = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  at(index: number): number {
    return this.#values[index];
  }

  /** A view (no copy) of `[start, end)`; valid until the next push that grows the column. */
  view(start = 0, end = this.#length): Float64Array {
    return this.#values.subarray(start, end);
  }
}
