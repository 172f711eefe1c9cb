/**
 * A −40% hashrate step in the middle of an epoch: the epoch lengthens and the retarget
 * that follows cuts the difficulty, by the amounts the exact analysis predicts, in both
 * engines.
 *
 * Set-up: the path starts at the last block of an epoch, with λ0 = 1/600 blocks/s; at
 * c = 7 days the hashrate drops to 0.6·H, λ1 = λ0·0.6. In operational time
 * Λ(t) = ∫λ, arrivals are a unit-rate Poisson process, so block j of the epoch arrives at
 * g(Γ_j) with Γ_j ~ Gamma(j, 1) and g = Λ^-1: g(x) = x/λ0 for x ≤ a = λ0·c, else
 * c + (x − a)/λ1. Hence, with k = 2016:
 *
 * - epoch duration (all 2016 blocks at this difficulty): E g(Γ_k)
 *   = k/λ0 + (1/λ1 − 1/λ0)·E(Γ_k − a)⁺, E(Γ_k − a)⁺ = k − a + a·P(k, a) − k·P(k+1, a);
 * - Core's timespan (blocks 1 … 2016, 2015 intervals): E g(Γ_k) − E g(Γ_1), with
 *   E g(Γ_1) = 1/λ0 + (1/λ1 − 1/λ0)·e^−a;
 * - difficulty ratio of the retarget: D'/D = 1,209,600 / T', T' = g(X + Y) − g(X),
 *   X ~ Exp(1), Y ~ Gamma(2015) independent; E[1/T'] by a double Simpson integral;
 * - the next epoch (at constant λ1·D/D'): mean interval = (D'/D)·D·2^32/(0.6·H) = 1000·D'/D s.
 *
 * Tolerance: 4 standard errors of the sample mean, plus for the difficulty ratio the two
 * deterministic biases the analysis leaves out: compact truncation of the new target
 * (raises D' by < 2^-15 relative) and floor()ed header times (< 1 s in ~1.6e6 s).
 */
import { describe, expect, it } from "vitest";
import { TARGET_TIMESPAN } from "../../src/consensus/index.js";
import type { EngineMode } from "../../src/engine/index.js";
import { logGamma, mean, regularizedGammaP, standardError, variance } from "../helpers/stats.js";
import { DAY, H600, START_TIME, basePlan, runPaths, schedule } from "./fixtures.js";

const K = 4;
const lambda0 = 1 / 600;
const ratio = 0.6;
const lambda1 = lambda0 * ratio;
const c = 7 * DAY;
const a = lambda0 * c; // 1008 expected blocks before the step
const k = 2016;

function g(x: number): number {
  return x <= a ? x / lambda0 : c + (x - a) / lambda1;
}

const slowDown = 1 / lambda1 - 1 / lambda0;
const expectedDuration = k / lambda0 + slowDown * (k - a + a * regularizedGammaP(k, a) - k * regularizedGammaP(k + 1, a));
const expectedFirstBlock = 1 / lambda0 + slowDown * Math.exp(-a);
const expectedTimespan = expectedDuration - expectedFirstBlock;

/** Composite Simpson weights on n (even) intervals. */
function simpson(n: number, from: number, to: number, f: (x: number) => number): number {
  const h = (to - from) / n;
  let s = f(from) + f(to);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(from + i * h);
  return (s * h) / 3;
}

const shapeY = 2015;
const logNormY = logGamma(shapeY);
const gammaPdf = (y: number): number => Math.exp((shapeY - 1) * Math.log(y) - y - logNormY);
const yLo = shapeY - 14 * Math.sqrt(shapeY);
const yHi = shapeY + 14 * Math.sqrt(shapeY);
/** E[1/T'] = ∫ e^−x ∫ f_2015(y) / (g(x + y) − g(x)) dy dx. */
const expectedInverseTimespan = simpson(800, 0, 40, (x) => Math.exp(-x) * simpson(2000, yLo, yHi, (y) => gammaPdf(y) / (g(x + y) - g(x))));
const expectedRatio = TARGET_TIMESPAN * expectedInverseTimespan;
const expectedNextMean = (1 / lambda1) * expectedRatio; // 1000 s · E[D'/D]
const TRUNCATION = 2 ** -15 + 1e-6;

const plan = basePlan({
  horizon: START_TIME + 45 * DAY, // two epochs: ~18.7 + ~17.5 days
  schedule: schedule([START_TIME + c], [H600 * ratio]),
});

describe("hashrate step −40% at day 7", () => {
  it("the analytic expectations are computed accurately and differ clearly from no step", () => {
    // The quadrature integrates the densities to 1 (to 1e-6, against statistical
    // tolerances of ~1e-3 relative).
    expect(Math.abs(simpson(800, 0, 40, (x) => Math.exp(-x)) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(simpson(2000, yLo, yHi, gammaPdf) - 1)).toBeLessThan(1e-9);
    // Lengthening: ~1008 blocks at 600 s then ~1008 at 1000 s, against 2016·600 s.
    expect(expectedDuration / (k * 600)).toBeGreaterThan(1.3);
    expect(expectedRatio).toBeLessThan(0.8);
  });

  it.each<[EngineMode, number]>([
    ["fast", 4000],
    ["reference", 2000],
  ])("%s engine: epoch duration, timespan, retarget and next epoch match (%i paths)", (mode, paths) => {
    const duration = new Float64Array(paths);
    const timespan = new Float64Array(paths);
    const dRatio = new Float64Array(paths);
    const nextMean = new Float64Array(paths);
    runPaths(mode, plan, `step-change-${mode}`, paths, 8, (r, i) => {
      if (r.epochRows < 2) throw new Error(`path ${i}: ${r.epochRows} epochs`);
      duration[i] = (r.endTime[0] as number) - (r.startTime[0] as number);
      timespan[i] = r.timespan[0] as number;
      dRatio[i] = (r.difficulty[1] as number) / (r.difficulty[0] as number);
      expect(dRatio[i]).toBeCloseTo(1 + (r.adjustmentPct[0] as number) / 100, 12);
      nextMean[i] = r.meanInterval[1] as number;
    });
    const check = (name: string, xs: Float64Array, expected: number, bias: number): void => {
      const se = standardError(Math.sqrt(variance(xs)), xs.length);
      const off = Math.abs(mean(xs) - expected);
      expect(off, `${name}: mean ${mean(xs)} vs ${expected}, SE ${se}`).toBeLessThan(K * se + bias);
    };
    check("duration", duration, expectedDuration, 0);
    check("timespan", timespan, expectedTimespan, 1);
    check("D'/D", dRatio, expectedRatio, expectedRatio * TRUNCATION);
    check("next epoch mean interval", nextMean, expectedNextMean, expectedNextMean * TRUNCATION);
  });
});
