/**
 * Stalls: when the hashrate drops to 0 (or ~0) the pending boundary lies beyond the
 * horizon; the path must end there, flag the stall and record the height reached and the
 * time since the last block, in bounded work. Also extreme hashrates terminate.
 *
 * Exact expectations for a drop to 0 at c = 3 days, starting at the last block of an
 * epoch with λ = 1/600 s⁻¹: blocks mined N ~ Poisson(λc) = Poisson(432) (the first
 * boundary is 1 block and the next 2015 blocks ahead, far beyond 432), and the gap from
 * the last block (or the start) to c has mean (1 − e^−λc)/λ. Both engines must match
 * within 4 SE (the fast engine samples these from its pending Gamma segment).
 */
import { describe, expect, it } from "vitest";
import { POW_LIMIT_BITS, permittedDifficultyTransition } from "../../src/consensus/index.js";
import { Engine, FIRST_MODEL_EVENT_KIND, ChainRecord, ChainScalar, type EngineMode } from "../../src/engine/index.js";
import { streamFor } from "../../src/random/index.js";
import { mean, standardError, variance } from "../helpers/stats.js";
import { DAY, EPOCH_START_TIP, START_TIME, basePlan, runPaths, schedule } from "./fixtures.js";

const modes: EngineMode[] = ["fast", "reference"];
const c = 3 * DAY;
const lambda = 1 / 600;
const YEARS_10 = 3652 * DAY;

describe("stall", () => {
  it.each(modes)("%s: hashrate → 0 ends at the horizon, flags the stall, in bounded steps", (mode) => {
    const engine = new Engine({ mode });
    const KIND_DAY = FIRST_MODEL_EVENT_KIND;
    let ticks = 0;
    engine.on(KIND_DAY, () => ticks++);
    const out = new ChainRecord(8);
    const plan = basePlan({ horizon: START_TIME + YEARS_10, schedule: schedule([START_TIME + c], [0]) });
    engine.begin(plan, { chain: streamFor("stall", 0, "chain") }, out);
    engine.scheduleDaily(KIND_DAY);
    let steps = 0;
    while (engine.step()) steps++;
    // Daily ticks, the schedule event, and at most the first-block boundary.
    expect(ticks).toBe(3652);
    expect(steps).toBeLessThanOrEqual(ticks + 1 + 1);
    expect(out.scalar(ChainScalar.stalled)).toBe(1);
    expect(out.scalar(ChainScalar.epochsCompleted)).toBe(0);
    const height = out.scalar(ChainScalar.heightAtHorizon);
    expect(height).toBeGreaterThan(EPOCH_START_TIP);
    expect(height).toBeLessThan(EPOCH_START_TIP + 2016);
    const last = out.scalar(ChainScalar.lastBlockTime);
    expect(last).toBeLessThanOrEqual(START_TIME + c);
    expect(out.scalar(ChainScalar.timeSinceLastBlock)).toBe(START_TIME + YEARS_10 - last);
    expect(out.scalar(ChainScalar.finalHashrate)).toBe(0);
  });

  it.each(modes)("%s: height reached and last-block gap at a stall match the exact expectations", (mode) => {
    const paths = 3000;
    const plan = basePlan({ horizon: START_TIME + 30 * DAY, schedule: schedule([START_TIME + c], [0]) });
    const blocks = new Float64Array(paths);
    const gap = new Float64Array(paths);
    runPaths(mode, plan, `stall-${mode}`, paths, 4, (r, i) => {
      blocks[i] = r.scalar(ChainScalar.heightAtHorizon) - EPOCH_START_TIP;
      gap[i] = START_TIME + c - r.scalar(ChainScalar.lastBlockTime);
      expect(r.scalar(ChainScalar.stalled)).toBe(1);
    });
    const meanBlocks = lambda * c; // 432, Poisson: variance 432
    expect(Math.abs(mean(blocks) - meanBlocks)).toBeLessThan(4 * standardError(Math.sqrt(meanBlocks), paths));
    const meanGap = -Math.expm1(-lambda * c) / lambda;
    expect(Math.abs(mean(gap) - meanGap)).toBeLessThan(4 * standardError(Math.sqrt(variance(gap)), paths));
  });

  it.each(modes)("%s: a ~0 hashrate (1 H/s: one block per ~18 million years) also stalls and ends", (mode) => {
    const plan = basePlan({ horizon: START_TIME + YEARS_10, schedule: schedule([START_TIME + DAY], [1]) });
    let ran = 0;
    runPaths(mode, plan, "tiny", 5, 4, (r) => {
      ran++;
      expect(r.scalar(ChainScalar.stalled)).toBe(1);
      expect(r.scalar(ChainScalar.timeSinceLastBlock)).toBeGreaterThan(YEARS_10 - 2 * DAY);
    });
    expect(ran).toBe(5);
  });

  it.each(modes)("%s: an enormous hashrate at powLimit terminates, raising difficulty ≤ 4× per retarget", (mode) => {
    const plan = basePlan({ startBits: POW_LIMIT_BITS, initialHashrate: 1e30, horizon: START_TIME + 30 * DAY });
    runPaths(mode, plan, "huge", 1, 64, (r) => {
      const rows = r.epochRows;
      expect(rows).toBeGreaterThan(30);
      for (let i = 0; i + 1 < rows; i++) {
        expect(permittedDifficultyTransition((r.startHeight[i] as number) + 2016, r.bits[i] as number, r.bits[i + 1] as number)).toBe(true);
      }
      expect(r.scalar(ChainScalar.stalled)).toBe(0);
    });
  });

  it.each(modes)("%s: an absurd hashrate drives the target to 0 and then stalls, without looping", (mode) => {
    const plan = basePlan({ startBits: POW_LIMIT_BITS, initialHashrate: 1e300, horizon: START_TIME + DAY });
    runPaths(mode, plan, "absurd", 1, 256, (r) => {
      expect(r.scalar(ChainScalar.finalBits)).toBe(0);
      expect(r.scalar(ChainScalar.finalDifficulty)).toBe(Infinity);
      expect(r.scalar(ChainScalar.stalled)).toBe(1);
      expect(r.scalar(ChainScalar.epochsCompleted)).toBeLessThan(256);
    });
  });
});
