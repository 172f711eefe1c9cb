/**
 * "Did you mean" suggestions for unknown keys and values.
 *
 * Distance is the optimal-string-alignment variant of the Damerau–Levenshtein distance
 * (insertions, deletions, substitutions and transpositions of adjacent characters each
 * cost 1; Damerau 1964, "A technique for computer detection and correction of spelling
 * errors", CACM 7(3)), compared case-insensitively.
 */

/** Optimal-string-alignment distance between `a` and `b` (case-sensitive). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  // Three rolling rows: i-2, i-1, i.
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/**
 * The candidate most likely meant by `word`, or undefined when none is close:
 * a case-insensitive match, else the nearest candidate within distance 1 (words of up to
 * 4 characters) or 2 (longer words), else a candidate that starts with `word` or that
 * `word` starts with (at least 3 characters in common). Ties go to the earlier candidate.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = Infinity;
  let prefix: string | undefined;
  for (const c of candidates) {
    if (c === word) continue;
    const lc = c.toLowerCase();
    const d = editDistance(w, lc);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
    if (prefix === undefined && Math.min(w.length, lc.length) >= 3 && (lc.startsWith(w) || w.startsWith(lc))) {
      prefix = c;
    }
  }
  if (best !== undefined && bestD <= limit) return best;
  return prefix;
}
