/**
 * The fast engine against the block-by-block reference (the oracle, DESIGN.md §2):
 * 2,000 paths each, over 22 epochs with hashrate changes every 4.5 days (so inside
 * epochs), a −40% dip, a +30% rise and a halving (block 1,050,000) in epoch 520.
 *
 * Compared, with independent seeds for the two engines:
 * - two-sample KS (p > 0.01 each) on the epoch duration and the adjustment of epochs 2
 *   and 21, the halving date, and — to check the fast engine's exact sampling of the
 *   blocks hidden inside the pending segment at the horizon — the height reached and
 *   the time since the last block at the horizon;
 * - means within 3 standard errors (SE of a difference of two independent means) for
 *   each of those, plus the per-path averages over all 22 epochs of duration and
 *   adjustment.
 * Each comparison is fixed in advance; a correct pair of engines fails a given KS check
 * with probability 0.01 and a given mean check with probability 0.0027.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ChainScalar, type EngineMode } from "../../src/engine/index.js";
import { ksTwoSample, mean, variance } from "../helpers/stats.js";
import { DAY, H600, START_TIME, basePlan, runPaths, schedule } from "./fixtures.js";

const PATHS = 2000;
const EPOCHS = 22;
const START_TIP = 2016 * 510 - 1; // 1,028,159: the halving block 1,050,000 falls in epoch 520

function hashrateAt(day: number): number {
  let m = 1 + 0.2 * Math.sin((2 * Math.PI * day) / 61);
  if (day >= 100 && day < 160) m *= 0.6;
  if (day >= 220) m *= 1.3;
  return H600 * m;
}

const times: number[] = [];
const rates: number[] = [];
for (let day = 4.5; day < 340; day += 4.5) {
  times.push(START_TIME + day * DAY);
  rates.push(hashrateAt(day));
}

const plan = basePlan({
  startHeight: START_TIP,
  horizon: START_TIME + 340 * DAY,
  schedule: schedule(times, rates),
});

interface Sample {
  duration2: Float64Array;
  duration21: Float64Array;
  adjustment2: Float64Array;
  adjustment21: Float64Array;
  halving: Float64Array;
  heightAtHorizon: Float64Array;
  sinceLastBlock: Float64Array;
  meanDuration: Float64Array;
  meanAdjustment: Float64Array;
  /** Mean over paths of each epoch's adjustment (not compared; shows what the scenario does). */
  adjustmentByEpoch: Float64Array;
}

function sample(mode: EngineMode): Sample {
  const s: Sample = {
    duration2: new Float64Array(PATHS),
    duration21: new Float64Array(PATHS),
    adjustment2: new Float64Array(PATHS),
    adjustment21: new Float64Array(PATHS),
    halving: new Float64Array(PATHS),
    heightAtHorizon: new Float64Array(PATHS),
    sinceLastBlock: new Float64Array(PATHS),
    meanDuration: new Float64Array(PATHS),
    meanAdjustment: new Float64Array(PATHS),
    adjustmentByEpoch: new Float64Array(EPOCHS),
  };
  runPaths(mode, plan, `fast-vs-reference-${mode}`, PATHS, 40, (r, i) => {
    if (r.epochRows < EPOCHS) throw new Error(`${mode} path ${i}: only ${r.epochRows} epochs`);
    if (r.halvingRows !== 1 || r.halvingHeight[0] !== 1_050_000) throw new Error(`${mode} path ${i}: no halving`);
    const duration = (e: number): number => (r.endTime[e] as number) - (r.startTime[e] as number);
    s.duration2[i] = duration(2);
    s.duration21[i] = duration(21);
    s.adjustment2[i] = r.adjustmentPct[2] as number;
    s.adjustment21[i] = r.adjustmentPct[21] as number;
    s.halving[i] = r.halvingTime[0] as number;
    s.heightAtHorizon[i] = r.scalar(ChainScalar.heightAtHorizon);
    s.sinceLastBlock[i] = r.scalar(ChainScalar.timeSinceLastBlock);
    let d = 0;
    let a = 0;
    for (let e = 0; e < EPOCHS; e++) {
      d += duration(e);
      a += r.adjustmentPct[e] as number;
      s.adjustmentByEpoch[e]! += (r.adjustmentPct[e] as number) / PATHS;
    }
    s.meanDuration[i] = d / EPOCHS;
    s.meanAdjustment[i] = a / EPOCHS;
  });
  return s;
}

describe("fast engine vs block-by-block reference", () => {
  let fast: Sample;
  let reference: Sample;
  // ~90 M reference blocks: several seconds, more on a busy machine (hooks default to 10 s).
  beforeAll(() => {
    fast = sample("fast");
    reference = sample("reference");
  }, 300_000);

  const ksKeys: (keyof Sample)[] = [
    "duration2",
    "duration21",
    "adjustment2",
    "adjustment21",
    "halving",
    "heightAtHorizon",
    "sinceLastBlock",
  ];
  it.each(ksKeys)("%s: same distribution (two-sample KS p > 0.01)", (key) => {
    const { d, p } = ksTwoSample(fast[key], reference[key]);
    if (process.env["ENGINE_TEST_VERBOSE"] !== undefined) console.log(`${key}: KS D = ${d.toFixed(4)}, p = ${p.toFixed(3)}`);
    expect(p, `D = ${d}`).toBeGreaterThan(0.01);
  });

  const meanKeys: (keyof Sample)[] = [...ksKeys, "meanDuration", "meanAdjustment"];

  it.each(meanKeys)("%s: means agree within 3 SE", (key) => {
    const a = fast[key];
    const b = reference[key];
    const se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
    expect(Math.abs(mean(a) - mean(b)), `fast ${mean(a)} reference ${mean(b)} SE ${se}`).toBeLessThan(3 * se);
  });

  it("the scenario moves the chain: average adjustments beyond ±10% in both directions", () => {
    expect(Math.min(...fast.adjustmentByEpoch)).toBeLessThan(-10);
    expect(Math.max(...fast.adjustmentByEpoch)).toBeGreaterThan(10);
    expect(Math.min(...reference.adjustmentByEpoch)).toBeLessThan(-10);
    expect(Math.max(...reference.adjustmentByEpoch)).toBeGreaterThan(10);
  });
});
