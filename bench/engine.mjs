/**
 * Engine benchmark: paths per second of the fast engine (Gamma draws between chain
 * boundaries) and of the block-by-block reference engine, on the same plan and the same
 * hashrate schedule over 6 years, and their ratio (goal: fast ≥ 50× reference).
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/engine.mjs [--json] [--seconds 3] [--years 6] [--rounds 5]
 *
 * The plan starts from the default calibration (CALIBRATION.md "Proposed default
 * calibration" (1) Network: start 2026-03-01, 950 EH/s, difficulty 133 T; the tip is the
 * last block of epoch 467, as block 941,472 opened an epoch in Mar 2026, §b.1) and the
 * hashrate changes every day at 00:00 UTC (what the model's daily tick will do): +25%/yr
 * growth, a 30% exit ramp between years 1 and 2.5, and a ±5% weekly wobble.
 *
 * Measured separately: set-up (engine, record, plan: once per worker), warm-up (JIT), and
 * steady state. Per-path cost includes deriving the path's chain stream
 * (streamFor(seed, i, "chain")), as a Monte Carlo worker does. The steady state runs in
 * alternating rounds (fast, reference, fast, …) and reports each engine's median round, so
 * that a change in machine load during the run moves both figures alike.
 */
import { pathToFileURL } from "node:url";
import { bitsFromDifficulty, difficultyFromBits } from "../dist/consensus/index.js";
import { Engine, ChainRecord, ChainScalar, runPath } from "../dist/engine/index.js";
import { streamFor } from "../dist/random/index.js";
import { benchOptions, machineInfo, machineLine, median } from "./machine.mjs";

const DAY = 86_400;

/** The benchmark plan: 6 years (by default) of daily hashrate changes. */
export function benchPlan(years = 6) {
  const startTime = Date.UTC(2026, 2, 1) / 1000;
  const startBits = bitsFromDifficulty(133e12);
  const h0 = 950e18;
  const days = Math.round(years * 365.25);
  const times = new Float64Array(days);
  const hashrates = new Float64Array(days);
  for (let d = 1; d <= days; d++) {
    const y = d / 365.25;
    const exit = y < 1 ? 0 : y > 2.5 ? 0.3 : (0.3 * (y - 1)) / 1.5;
    times[d - 1] = startTime + d * DAY;
    hashrates[d - 1] = h0 * (1 + 0.25 * y) * (1 - exit) * (1 + 0.05 * Math.sin((2 * Math.PI * d) / 7));
  }
  return {
    startTime,
    startHeight: 2016 * 467 - 1,
    startBits,
    horizon: startTime + days * DAY,
    initialHashrate: h0,
    schedule: { times, hashrates },
  };
}

function timePaths(engine, plan, out, firstPath, minSeconds, minPaths) {
  let paths = 0;
  let blocks = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000 || paths < minPaths) {
    runPath(engine, plan, { chain: streamFor("bench", firstPath + paths, "chain") }, out);
    blocks += out.scalar(ChainScalar.heightAtHorizon) - plan.startHeight;
    paths++;
    elapsed = performance.now() - t0;
  }
  return { paths, seconds: elapsed / 1000, pathsPerSec: paths / (elapsed / 1000), blocksPerPath: blocks / paths };
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ seconds?: number, years?: number, rounds?: number }} [opts] seconds of steady
 *   state per engine (default 3), split into `rounds` alternating rounds (default 5).
 */
export async function benchEngine(opts = {}) {
  const seconds = opts.seconds ?? 3;
  const years = opts.years ?? 6;
  const rounds = opts.rounds ?? 5;
  const s0 = performance.now();
  const plan = benchPlan(years);
  const fast = new Engine({ mode: "fast" });
  const reference = new Engine({ mode: "reference" });
  const out = new ChainRecord(Math.ceil(years * 30), 4);
  const setupMs = performance.now() - s0;

  const w0 = performance.now();
  timePaths(fast, plan, out, 1_000_000, 0.3, 50);
  timePaths(reference, plan, out, 2_000_000, 0.3, 2);
  const warmupMs = performance.now() - w0;

  const fastRounds = [];
  const referenceRounds = [];
  let fastPaths = 0;
  let referencePaths = 0;
  let blocksPerPath = 0;
  for (let k = 0; k < rounds; k++) {
    const f = timePaths(fast, plan, out, fastPaths, seconds / rounds, 20);
    fastRounds.push(f.pathsPerSec);
    fastPaths += f.paths;
    const r = timePaths(reference, plan, out, referencePaths, seconds / rounds, 2);
    referenceRounds.push(r.pathsPerSec);
    referencePaths += r.paths;
    blocksPerPath = r.blocksPerPath;
  }
  const f = { pathsPerSec: median(fastRounds), paths: fastPaths };
  const r = { pathsPerSec: median(referenceRounds), paths: referencePaths, blocksPerPath };
  const epochs = out.scalar(ChainScalar.epochsCompleted);
  return {
    name: "engine",
    machine: machineInfo(),
    plan: {
      years,
      hashrateChanges: plan.schedule.times.length,
      startDifficulty: difficultyFromBits(plan.startBits),
      epochsPerPath: epochs,
      blocksPerPath: Math.round(r.blocksPerPath),
    },
    setupMs,
    warmupMs,
    fastPathsPerSec: f.pathsPerSec,
    fastMicrosPerPath: 1e6 / f.pathsPerSec,
    fastPathsTimed: f.paths,
    referencePathsPerSec: r.pathsPerSec,
    referenceMillisPerPath: 1e3 / r.pathsPerSec,
    referencePathsTimed: r.paths,
    referenceNanosPerBlock: 1e9 / (r.pathsPerSec * r.blocksPerPath),
    ratio: f.pathsPerSec / r.pathsPerSec,
    goalRatio: 50,
    rounds,
    fastRoundsPathsPerSec: fastRounds,
    referenceRoundsPathsPerSec: referenceRounds,
  };
}

function parseArgs(argv) {
  const opts = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--seconds" || a === "--years" || a === "--rounds") {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else throw new Error(`unknown option ${a} (use --json, --seconds N, --years N, --rounds N)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  const res = await benchEngine(opts);
  if (opts.json) {
    console.log(JSON.stringify(res, null, 2));
  } else {
    console.log("engine benchmark");
    console.log(machineLine(res.machine));
    console.log(
      `plan: ${res.plan.years} years, ${res.plan.hashrateChanges} daily hashrate changes, ` +
        `~${res.plan.epochsPerPath} epochs and ~${res.plan.blocksPerPath} blocks per path`,
    );
    console.log(`setup ${res.setupMs.toFixed(1)} ms, warm-up ${res.warmupMs.toFixed(0)} ms`);
    console.log(
      `fast:      ${res.fastPathsPerSec.toFixed(0).padStart(8)} paths/s  (${res.fastMicrosPerPath.toFixed(1)} µs/path, ${res.fastPathsTimed} paths)`,
    );
    console.log(
      `reference: ${res.referencePathsPerSec.toFixed(2).padStart(8)} paths/s  (${res.referenceMillisPerPath.toFixed(1)} ms/path, ` +
        `${res.referenceNanosPerBlock.toFixed(1)} ns/block, ${res.referencePathsTimed} paths)`,
    );
    console.log(`ratio fast/reference: ${res.ratio.toFixed(0)}x (goal ≥ ${res.goalRatio}x; medians of ${res.rounds} alternating rounds)`);
  }
}
