/**
 * Streams (src/random/rng.ts): determinism, a pinned reference sequence, independence of
 * components and paths, 53-bit doubles, and the seed-string checks.
 *
 * Correlation checks: for independent streams the sample correlation of n pairs is
 * ≈ N(0, 1/n), so |r| < K/√n with K = 5 (false alarm probability ~6e-7 per check; the
 * seeds are fixed, so the outcome never changes between runs).
 */
import { describe, expect, it } from "vitest";
import { createRng, STREAM_SCHEME, streamFor, streamSeed } from "../../src/random/rng.js";
import { mean, pearson, variance } from "../helpers/stats.js";

const K = 5;
const N = 200_000;

function draws(rng: { double(): number }, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.double();
  return out;
}

describe("streamFor", () => {
  it("reproduces a pinned reference sequence for (42, 0, 'market')", () => {
    // Hard-coded on purpose: these literals were recorded from this implementation
    // (seedrandom 3.0.5 alea, seed string "42/0/market", STREAM_SCHEME "alea-v1") and pin
    // determinism across versions. If this fails, every stored result and replayed path
    // changes: bump STREAM_SCHEME instead of editing the numbers.
    expect(STREAM_SCHEME).toBe("alea-v1");
    const rng = streamFor(42, 0, "market");
    expect(Array.from(draws(rng, 5))).toEqual([
      0.046750907898207794, 0.18210746418273183, 0.499907685228274, 0.7891988159182476, 0.2918953651147812,
    ]);
  });

  it("gives the exact same sequence for the same (seed, path, component)", () => {
    const a = draws(streamFor(2024, 17, "chain"), 10_000);
    const b = draws(streamFor(2024, 17, "chain"), 10_000);
    expect(b).toEqual(a);
    expect(draws(streamFor("2024", 17, "chain"), 10)).toEqual(a.subarray(0, 10)); // "2024" ≡ 2024
    expect(draws(createRng(streamSeed(2024, 17, "chain")), 10)).toEqual(a.subarray(0, 10));
  });

  it("market and chain streams of one path are uncorrelated (|r| < K/√n)", () => {
    for (const i of [0, 1, 999]) {
      const r = pearson(draws(streamFor(42, i, "market"), N), draws(streamFor(42, i, "chain"), N));
      expect(Math.abs(r)).toBeLessThan(K / Math.sqrt(N));
    }
  });

  it("neighbouring path indices and seeds are uncorrelated, also at lag 1", () => {
    const base = draws(streamFor(42, 0, "market"), N + 1);
    const lag0 = base.subarray(0, N);
    const lag1 = base.subarray(1, N + 1);
    for (const other of [streamFor(42, 1, "market"), streamFor(42, 2, "market"), streamFor(43, 0, "market")]) {
      const x = draws(other, N);
      expect(Math.abs(pearson(lag0, x))).toBeLessThan(K / Math.sqrt(N));
      expect(Math.abs(pearson(lag1, x))).toBeLessThan(K / Math.sqrt(N));
    }
    // serial correlation within a stream
    expect(Math.abs(pearson(lag0, lag1))).toBeLessThan(K / Math.sqrt(N));
  });

  it("doubles are uniform in [0, 1): mean ½ and variance 1/12 within K SE", () => {
    const x = draws(streamFor(5, 0, "uniform"), N);
    // U(0,1): σ² = 1/12, μ₄ = 1/80 → Var(s²) ≈ (1/80 − 1/144)/n.
    expect(Math.abs(mean(x) - 0.5)).toBeLessThan(K * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance(x) - 1 / 12)).toBeLessThan(K * Math.sqrt((1 / 80 - 1 / 144) / N));
    let lo = Infinity;
    let hi = -Infinity;
    for (const u of x) {
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });

  it("doubles carry 53 bits: the bits below 2^-32 are not all zero and look uniform", () => {
    const x = draws(streamFor(42, 0, "market"), 10_000);
    let withLowBits = 0;
    let lowBitOnes = 0;
    for (const u of x) {
      const scaled = u * 2 ** 53; // exact: an integer below 2^53
      expect(Number.isInteger(scaled)).toBe(true);
      const low21 = scaled % 2 ** 21; // the 21 bits a 32-bit generator could not supply
      if (low21 !== 0) withLowBits++;
      lowBitOnes += scaled % 2; // bit 2^-53
    }
    expect(withLowBits).toBeGreaterThan(9_900);
    // bit 2^-53 is a fair coin: 5000 ± K·50
    expect(Math.abs(lowBitOnes - 5_000)).toBeLessThan(K * 50);
  });

  it("validates pathIndex and component", () => {
    expect(streamSeed(7, 3, "miner:riot")).toBe("7/3/miner:riot");
    expect(() => streamSeed(7, -1, "market")).toThrow(RangeError);
    expect(() => streamSeed(7, 1.5, "market")).toThrow(RangeError);
    expect(() => streamSeed(7, 0, "")).toThrow(RangeError);
    expect(() => streamSeed(7, 0, "a/b")).toThrow(RangeError);
  });
});
