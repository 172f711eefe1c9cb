/**
 * Student's t CDF and quantile (src/results/student-t.ts): against the closed forms of
 * the CDF for ν = 1 (Cauchy), 2, 3 and 4, printed critical values, the normal limit, and
 * CDF(quantile(p)) = p.
 */
import { describe, expect, it } from "vitest";
import { logBetaHalf, logGamma, regularizedBeta, studentTCdf, studentTQuantile } from "../../src/results/index.js";

describe("Student's t", () => {
  it("the CDF matches the closed forms for ν = 1 and ν = 2 (general code path)", () => {
    for (const t of [-30, -3.5, -1, -0.2, 0, 0.7, 2, 12.7]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });

  it("the CDF matches the closed forms for ν = 3 and ν = 4", () => {
    const f3 = (t: number) => 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
    const f4 = (t: number) => {
      const u = 1 + (t * t) / 4;
      return 0.5 + (3 / 8) * (t / Math.sqrt(u)) * (1 - (t * t) / (12 * u));
    };
    for (const t of [-9, -2.5, -0.3, 0.4, 1, 3.1824, 40]) {
      expect(Math.abs(studentTCdf(t, 3) - f3(t))).toBeLessThan(2e-15);
      expect(Math.abs(studentTCdf(t, 4) - f4(t))).toBeLessThan(2e-15);
    }
  });

  it("quantiles: closed forms for ν = 1, 2; printed tables (4 decimals) otherwise", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 12);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
    // Two-sided 95% critical values of Student's t (any statistics table).
    const table: Array<[number, number]> = [
      [3, 3.1824],
      [5, 2.5706],
      [10, 2.2281],
      [30, 2.0423],
      [100, 1.984],
    ];
    for (const [nu, q] of table) expect(Math.abs(studentTQuantile(0.975, nu) - q)).toBeLessThan(5e-5);
    expect(studentTQuantile(0.025, 10)).toBe(-studentTQuantile(0.975, 10));
  });

  it("tends to the normal quantile, and inverts its CDF", () => {
    expect(Math.abs(studentTQuantile(0.975, 1e8) - 1.959963984540054)).toBeLessThan(1e-7);
    for (const nu of [1.5, 3, 7, 29, 640, 1e5]) {
      for (const p of [0.001, 0.05, 0.3, 0.5, 0.9, 0.975, 0.9999]) expect(Math.abs(studentTCdf(studentTQuantile(p, nu), nu) - p)).toBeLessThan(1e-13);
    }
    expect(Number.isNaN(studentTQuantile(1, 5))).toBe(true);
    expect(Number.isNaN(studentTQuantile(0.5, 0))).toBe(true);
  });

  it("ln B(a, ½): the asymptotic series (a ≥ 8) agrees with ln Γ where both are accurate", () => {
    for (const a of [8, 9.5, 12, 20, 50]) {
      expect(Math.abs(logBetaHalf(a) - (logGamma(a) + logGamma(0.5) - logGamma(a + 0.5)))).toBeLessThan(1e-13);
    }
    // I_x(a, b) by its definition for b = 1: x^a.
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
  });

  it("ln Γ matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    let f = 0;
    for (let n = 1; n < 30; n++) {
      expect(Math.abs(logGamma(n + 1) - (f += Math.log(n)))).toBeLessThan(1e-12 * Math.max(1, f));
    }
  });
});
