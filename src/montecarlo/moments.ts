/**
 * Per-cell count, sum and centred second moment of a set of paths, and the one way two such
 * sets are combined.
 *
 * A chunk of paths (chunk-accumulator.ts) yields n (finite values), sum = Σx added in path
 * order, and m2 = Σ(x − x̄)² computed on values shifted by the chunk's first finite value
 * (m2 = Σd² − (Σd)²/n with d = x − shift, the "shifted data" algorithm: exact in exact
 * arithmetic, and free of the cancellation of Σx² − (Σx)²/n when |x̄| ≫ sd, as with unix
 * dates). Two sets combine by Chan, Golub & LeVeque ("Updating formulae and a pairwise
 * algorithm for computing sample variances", 1979):
 *
 *   n = nA + nB,  sum = sumA + sumB,  δ = sumB/nB − sumA/nA,  m2 = m2A + m2B + δ²·nA·nB/n.
 *
 * The result is a deterministic function of (A, B) in that order; summation-tree.ts fixes
 * which sets are combined, so the float result depends only on path indices.
 */

/** n, Σx and Σ(x − mean)² per cell (arrays of one length, the number of cells). */
export interface Moments {
  readonly n: Float64Array;
  readonly sum: Float64Array;
  readonly m2: Float64Array;
}

/** Zero moments for `cells` cells. */
export function emptyMoments(cells: number): Moments {
  return { n: new Float64Array(cells), sum: new Float64Array(cells), m2: new Float64Array(cells) };
}

/** A copy that owns its arrays. */
export function copyMoments(m: Moments): Moments {
  return { n: Float64Array.from(m.n), sum: Float64Array.from(m.sum), m2: Float64Array.from(m.m2) };
}

/**
 * Combines the moments of two disjoint path sets, `left` (lower path indices) and `right`,
 * into `left` (overwritten) by the formulas above; returns `left`.
 */
export function combineMomentsInto(left: Moments, right: Moments): Moments {
  const { n: nA, sum: sA, m2: qA } = left;
  const { n: nB, sum: sB, m2: qB } = right;
  for (let c = 0; c < nA.length; c++) {
    const b = nB[c]!;
    if (b === 0) continue;
    const a = nA[c]!;
    if (a === 0) {
      nA[c] = b;
      sA[c] = sB[c]!;
      qA[c] = qB[c]!;
      continue;
    }
    const n = a + b;
    const delta = sB[c]! / b - sA[c]! / a;
    qA[c] = qA[c]! + qB[c]! + ((delta * delta * a) * b) / n;
    sA[c] = sA[c]! + sB[c]!;
    nA[c] = n;
  }
  return left;
}
