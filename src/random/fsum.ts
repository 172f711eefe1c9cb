/**
 * Compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54:39–51; the improved Kahan–Babuška sum).
 *
 * Keeps a running sum and a running correction for the low-order bits lost by each
 * addition, so the error stays ~ε·|result| + n·ε²·Σ|x| instead of ~n·ε·Σ|x|. Results
 * depend on the order of addition (as any float sum does): add in a fixed order for
 * reproducible output. Placed in src/random because it served the statistics here first;
 * it has no dependency on randomness.
 */
export class Adder {
  private sum = 0;
  private compensation = 0;

  /** Adds x; returns this for chaining. */
  add(x: number): this {
    const s = this.sum;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) this.compensation += s - t + x;
    else this.compensation += x - t + s;
    this.sum = t;
    return this;
  }

  /** The compensated total (a non-finite running sum is returned as is). */
  valueOf(): number {
    const s = this.sum;
    return Number.isFinite(s) ? s + this.compensation : s;
  }

  /** Resets to zero, so one Adder can be reused without allocating. */
  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}

/** The compensated sum of values (Neumaier), in index order. */
export function fsum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}
