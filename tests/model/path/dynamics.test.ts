/**
 * Network dynamics through the wired path (issue "Market and network fleet"), with the
 * market made deterministic (fixed price path, fees at their mean) so that the only
 * randomness is the chain's block timing. Every claim is checked on each of a few seeded
 * paths; the margins are derived in the comments from the fleet's calibration and the
 * retarget's noise (one retarget's difficulty has a relative sd of 1/√2015 ≈ 2.2%).
 */
import { describe, expect, it } from "vitest";
import {
  HP_SUBSIDY,
  ModelKernel,
  allocatePathRecord,
  simulateModelPath,
  type ModelTracer,
} from "../../../src/model/path/index.js";
import { DAY, RecordReader, deterministicPlan, meanSe } from "./fixtures.js";

const PATHS = 5;

describe("a 50% price drop with volatility off", () => {
  const DROP = 98; // a grid date (weekly grid): day 98 is the last day at $70k
  const plan = deterministicPlan(260, (d) => (d <= DROP ? 70_000 : 35_000), {
    miners: [],
    fleet: { growth: { enabled: false } },
  });

  it("switches the least efficient cohorts off first; hashrate falls; retargets lower difficulty; hashprice partly recovers", () => {
    for (let path = 0; path < PATHS; path++) {
      const { layout, record } = simulateModelPath(plan, "drop", path);
      const r = new RecordReader(layout, record);
      const g0 = r.gridIndexOfDay(DROP);
      const s19 = r.series("network", "runningEh25to38"); // S19-class, 29.5 J/TH
      const eff = r.series("network", "runningEhBelow19"); // 12.5 and 16.5 J/TH
      const h = r.series("network", "hashrate");
      const d = r.series("network", "difficulty");
      const hp = r.series("network", "hashprice");
      // Least efficient first: at every later grid date the 29.5 J/TH class has kept a
      // smaller share of its pre-drop running hashrate than the <19 J/TH classes.
      for (let g = g0 + 1; g < r.layout.grid.length; g++) {
        expect(s19[g]! / s19[g0]!).toBeLessThan(eff[g]! / eff[g0]!);
      }
      // Where it settles (20 weeks on): hashrate and difficulty end ~30% lower, so hashprice
      // ≈ 0.7 × $33.5 ≈ $23.4. The S19 class (breakeven 0.024·29.5·c = 0.708·c) then covers
      // its power for c < $33/MWh: with the lognormal costs (median 45, σ_log 0.358, cut at
      // the 1st percentile $19.6) that is (Φ(−0.87) − 0.01)/(Φ(0.14) − 0.01) ≈ 0.33 of what ran
      // at $70k. The 16.5 and 12.5 J/TH classes keep ≈ 0.8 and 0.95 (≈ 0.85 together). Bounds
      // with room for the ±2.2% retarget noise in hashprice:
      expect(s19[g0 + 20]! / s19[g0]!).toBeLessThan(0.45);
      expect(eff[g0 + 20]! / eff[g0]!).toBeGreaterThan(0.78);
      // Hashrate falls (lag τ 30 days): 4 weeks on it is more than 10% lower.
      expect(h[g0 + 4]!).toBeLessThan(0.9 * h[g0]!);
      // Retargets follow: by 10 weeks on (≥ 4 retargets) difficulty is > 15% lower.
      expect(d[g0 + 10]!).toBeLessThan(0.85 * d[g0]!);
      // Hashprice: halved at the drop, then partly recovers as difficulty falls, but stays
      // below its pre-drop level (the fleet that stays is the cheap part of the curve).
      const justAfter = hp[g0 + 1]!;
      expect(justAfter / hp[g0]!).toBeLessThan(0.52);
      expect(hp[g0 + 20]!).toBeGreaterThan(1.1 * justAfter);
      expect(hp[g0 + 20]!).toBeLessThan(0.95 * hp[g0]!);
    }
  });

  it("the first retarget after the hashrate has fallen is negative", () => {
    for (let path = 0; path < PATHS; path++) {
      const { layout, record } = simulateModelPath(plan, "drop", path);
      const r = new RecordReader(layout, record);
      const adj = r.epochs("adjustment");
      const dur = r.epochs("duration");
      // Epoch end times from the durations (epoch k ends at start + Σ durations).
      let end = 0;
      let checked = false;
      for (let k = 0; k < layout.maxEpochs && Number.isFinite(adj[k]!); k++) {
        end += dur[k]!;
        // An epoch that ends 30+ days after the drop was mined mostly at the lower hashrate
        // (1 − e^(−1) ≈ 63% of the fleet's response done after 30 days): its retarget is
        // at least several times its 2.2% noise below zero.
        if (end > DROP + 30) {
          expect(adj[k]!).toBeLessThan(-5);
          checked = true;
          break;
        }
      }
      expect(checked).toBe(true);
    }
  });
});

describe("30% of hashrate leaves for good at a constant price", () => {
  // Response switched off: the fleet's lag time constants are 1e9 days (its running EH/s
  // neither falls nor rises with hashprice) and growth is disabled (no new hardware), so
  // the exogenous exit is the only change and those who stay are all who mine.
  const EXIT_DAY = 147;
  const plan = deterministicPlan(420, () => 70_000, {
    miners: [],
    fleet: {
      growth: { enabled: false },
      lag: { tauDownDays: 1e9, tauUpDays: 1e9 },
      events: [{ label: "30% exit", startDay: EXIT_DAY, shareOffline: 0.3, permanent: true }],
    },
  });

  it("raises the stayers' hashprice by 1/(1 − 0.3) after the retargets", () => {
    const ratios: number[] = [];
    for (let path = 0; path < 16; path++) {
      const { layout, record } = simulateModelPath(plan, "exit30", path);
      const r = new RecordReader(layout, record);
      const hp = r.series("network", "hashprice");
      const h = r.series("network", "hashrate");
      const gExit = r.gridIndexOfDay(EXIT_DAY);
      expect(h[gExit]! / h[gExit - 1]!).toBeCloseTo(0.7, 9); // the exit itself
      // Before: weeks 6–20 (after the first retargets, before the exit). After: from 8
      // weeks on (the epoch holding the exit mixes both hashrates; the next one, ≤ 20 days
      // long at 0.7× the hashrate, completes the adjustment) to the end.
      let before = 0;
      let nb = 0;
      for (let g = 6; g < gExit; g++, nb++) before += hp[g]!;
      let after = 0;
      let na = 0;
      for (let g = gExit + 8; g < layout.grid.length; g++, na++) after += hp[g]!;
      ratios.push(after / na / (before / nb));
    }
    // Hashprice ∝ 1/D and each retarget sets D ∝ H/Γ(2015) (an independent draw), so the
    // ratio's expectation is H_before/H_after = 1/0.7 (the Γ factor is the same before and
    // after); its noise is estimated from the 16 paths, with a 4-SE tolerance.
    const { mean, se } = meanSe(ratios);
    expect(Math.abs(mean - 1 / 0.7)).toBeLessThan(4 * se);
    // And the noise is what the retarget gives (about 2.2%/√(epochs in a window) per
    // path), so this is not a vacuous test: SE < 0.5%.
    expect(se).toBeLessThan(0.005);
  });
});

describe("the 2028 halving at constant price", () => {
  it("halves revenue per TH at the subsidy change (constant difficulty and price); the fleet's hashrate falls after", () => {
    // Through mid-2028; growth off so that hashrate changes come from the halving alone.
    const plan = deterministicPlan(900, () => 70_000, { miners: [], fleet: { growth: { enabled: false } } });
    const kernel = new ModelKernel(plan);
    const seen: { day: number; before: number; after: number; difficultyBefore: number; difficultyAfter: number }[] = [];
    let lastDifficulty = NaN;
    const tracer: ModelTracer = {
      daily: (k) => {
        lastDifficulty = k.engine.difficulty;
      },
      hashprice: (k, reason, day, before, after) => {
        if (reason === HP_SUBSIDY) seen.push({ day, before, after, difficultyBefore: lastDifficulty, difficultyAfter: k.engine.difficulty });
        else lastDifficulty = k.engine.difficulty;
      },
      minerActed: () => {},
      window: () => {},
    };
    kernel.setTracers(null, tracer);
    for (let path = 0; path < 3; path++) {
      seen.length = 0;
      const record = allocatePathRecord(kernel.layout);
      kernel.simulate("halving", path, record);
      const r = new RecordReader(kernel.layout, record);
      expect(seen).toHaveLength(1);
      const s = seen[0]!;
      // Same difficulty on both sides; reward 3.125 + 0.02 → 1.5625 + 0.02 BTC per block.
      expect(s.difficultyAfter).toBe(s.difficultyBefore);
      expect(s.after / s.before).toBeCloseTo((1.5625 + 0.02) / (3.125 + 0.02), 12);
      // The halving block's arrival is the recorded halving date, just after the change.
      const halving = r.scalar("network", "halvingDate");
      expect(halving).toBeGreaterThan(plan.startTime + s.day * DAY);
      expect(halving - (plan.startTime + s.day * DAY)).toBeLessThan(4 * 3600); // one block later
      // 1,050,000 − 941,471 = 108,529 blocks: ~754 days at 600 s, ~2028-03-24 (earlier with
      // a growing fleet, later with a shrinking one; growth is off here).
      expect(halving).toBeGreaterThan(Date.UTC(2028, 1, 1) / 1000);
      expect(halving).toBeLessThan(Date.UTC(2028, 6, 1) / 1000);
      // The fleet responds: 10 weeks after, the network runs < 80% of its pre-halving
      // hashrate (at ~$16.9/PH/day only hardware with breakeven below it runs: < 55% of
      // the running fleet's power-cost × J/TH distribution; lag τ 30 days ⇒ ≥ 90% of the
      // way after 70 days).
      const h = r.series("network", "hashrate");
      const g = Math.floor(s.day / 7);
      expect(h[g + 10]!).toBeLessThan(0.8 * h[g]!);
    }
  });
});
