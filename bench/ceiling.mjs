/**
 * End-to-end ceiling: how many baseline paths per second two workers could give at best if
 * the model cost no more than the cost-floor kernel (floor.mjs) and the aggregation no more
 * than a *fold floor*, set against the goal of 3,000 paths/s at 2 workers.
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/ceiling.mjs [--json] [--chunks 2] [--rounds 5] [--seconds 1]
 *
 * Every path of a run is simulated *and* folded into the batch's aggregate in a worker
 * (src/montecarlo/batch.ts): each cell the record sketches costs, per path, a read, the
 * moments, the extremes, a DDSketch bin key and a bin count (chunk-accumulator.ts). So a
 * worker spends at least floor kernel + fold floor per path, and 2 workers give at most
 * 2 × 10⁶ / (floor µs + fold-floor µs) paths/s — less in a real run, which also merges the
 * batches on the main thread (the third thread on two cores), starts the pool and writes
 * the files. 3,000 paths/s needs that sum ≤ 667 µs.
 *
 * - Fold floor: the smallest loop doing that per-cell work, on real baseline records
 *   (`--chunks` chunks of 64 paths of scenarios/baseline.yaml): for each sketched cell, its
 *   64 values: skip NaN; count, sum, shifted sums (the fold's variance), min and max; the
 *   cubic DDSketch key of sketch-mapping.ts (cubicKey written out, exponent from the bits)
 *   only when the value differs from the cell's previous one (constant cells — ~30% of the
 *   baseline's, bench/fold.mjs — cost no key); one count in a 2,049-bin table that stays
 *   in L1 (key mod 1,024 per sign, and the zero bin: no window reservation, no growth). Timed
 *   in the worker's layout (row p of a chunk holds path p's cells) and in cell-major order
 *   (a cell's 64 values adjacent, the friendliest to the cache); the faster of the two
 *   counts. A check at set-up: the loop's bin counts equal those of cubicKey over the same
 *   values, so it computes the real bins.
 *   Also timed: the moments and extremes alone (no sketch at all), cell-major.
 * - Floor kernel: floor.mjs createFloor up to the baseline's horizon (2032-12-31, 2,498
 *   days; floor.mjs's own default is 6 years), with defaultModelPlan's calibration (the
 *   baseline's: it sets no calibration key).
 * Both are CPU time (process.cpuUsage, one busy thread), in alternating rounds; medians.
 */
import { pathToFileURL } from "node:url";
import { benchOptions, machineInfo, machineLine, median } from "./machine.mjs";
import { createFloor } from "./floor.mjs";
import { baselineChunks } from "./fold.mjs";
import { CUBIC_KEY_PARTS, MIN_INDEXABLE } from "../dist/montecarlo/sketch-mapping.js";

const GOAL_PATHS_PER_SEC = 3000;
const GOAL_WORKERS = 2;

// cubicKey's scratch, exponent table and coefficients (sketch-mapping.ts CUBIC_KEY_PARTS),
// and its zero-bin bound, as module-local consts.
const { f64: F64, u32: U32, hi: HI, invPow2: INV_POW2, a: KEY_A, b: KEY_B, c: KEY_C } = CUBIC_KEY_PARTS;

/**
 * The fold floor over the sketched cells `list` of one chunk (module note): path p's value
 * of cell c is buf[c·cellStride + p·rowStride]. Writes the moments and extremes into `out`
 * and counts the values into out.bins: positive values at key mod 1,024, negative ones at
 * 1,024 + key mod 1,024, the zero bin (|x| below 2^−1022) at 2,048. Returns the first
 * cell's value count (keeps the output live).
 */
function foldFloor(buf, rows, cellStride, rowStride, list, multiplier, out) {
  const { n: on, sum: osum, m2: om2, min: omin, max: omax, bins } = out;
  const f = F64;
  const u = U32;
  const hiWord = HI;
  const inv = INV_POW2;
  const mult = multiplier * 1;
  const A = KEY_A * 1;
  const B = KEY_B * 1;
  const C = KEY_C * 1;
  const minIndexable = MIN_INDEXABLE * 1;
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    const base = c * cellStride;
    let p0 = 0;
    while (p0 < rows && buf[base + p0 * rowStride] !== buf[base + p0 * rowStride]) p0++;
    const shift = p0 < rows ? buf[base + p0 * rowStride] : 0;
    let n = 0;
    let sum = 0;
    let s1 = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let prev = NaN;
    let bin = 0;
    for (let p = p0, i = base + p0 * rowStride; p < rows; p++, i += rowStride) {
      const x = buf[i];
      if (x !== x) continue;
      const d = x - shift;
      n++;
      sum += x;
      s1 += d;
      s2 += d * d;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (x !== prev) {
        prev = x;
        const y = x < 0 ? -x : x;
        if (y >= minIndexable) {
          f[0] = y;
          const e = u[hiWord] >>> 20;
          const s = y * inv[e] - 1;
          const key = Math.ceil((((A * s + B) * s + C) * s + (e - 1023)) * mult) | 0;
          bin = (key & 1023) | (x < 0 ? 1024 : 0);
        } else bin = 2048;
      }
      bins[bin]++;
    }
    on[c] = n;
    osum[c] = sum;
    om2[c] = n > 0 ? s2 - (s1 * s1) / n : 0;
    if (lo < omin[c]) omin[c] = lo;
    if (hi > omax[c]) omax[c] = hi;
  }
  return on[list[0]];
}

/**
 * {@link foldFloor} without the sketch: the moments and extremes only, the part no
 * aggregate with means, spreads and extremes can skip.
 */
function momentsFloor(buf, rows, cellStride, rowStride, list, out) {
  const { n: on, sum: osum, m2: om2, min: omin, max: omax } = out;
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    const base = c * cellStride;
    let p0 = 0;
    while (p0 < rows && buf[base + p0 * rowStride] !== buf[base + p0 * rowStride]) p0++;
    const shift = p0 < rows ? buf[base + p0 * rowStride] : 0;
    let n = 0;
    let sum = 0;
    let s1 = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = p0, i = base + p0 * rowStride; p < rows; p++, i += rowStride) {
      const x = buf[i];
      if (x !== x) continue;
      const d = x - shift;
      n++;
      sum += x;
      s1 += d;
      s2 += d * d;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    on[c] = n;
    osum[c] = sum;
    om2[c] = n > 0 ? s2 - (s1 * s1) / n : 0;
    if (lo < omin[c]) omin[c] = lo;
    if (hi > omax[c]) omax[c] = hi;
  }
  return on[list[0]];
}

/** CPU µs per call of fn(i) over at least `seconds` of wall time (one busy thread). */
function cpuMicros(fn, seconds, first) {
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  let calls = 0;
  let sink = 0;
  while (performance.now() - w0 < seconds * 1000 || calls < 3) sink += fn(first + calls++);
  const d = process.cpuUsage(t0);
  if (sink !== sink) throw new Error("ceiling: NaN result"); // keeps the results live
  return { micros: (d.user + d.system) / calls, calls };
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ chunks?: number, rounds?: number, seconds?: number }} [opts]
 */
export async function benchCeiling(opts = {}) {
  const chunks = opts.chunks ?? 2;
  const rounds = opts.rounds ?? 5;
  const seconds = opts.seconds ?? 1;
  const { SKETCH_RELATIVE_ACCURACY, cubicKey, cubicMultiplier } = await import("../dist/montecarlo/sketch-mapping.js");
  const { sketchMask } = await import("../dist/montecarlo/layout.js");
  const { loaded, plan, C0: R, cells: N, saved: rowMajor } = await baselineChunks(chunks);
  const mask = sketchMask(loaded.layout);
  const list = Int32Array.from({ length: N }, (_, c) => c).filter((c) => mask[c] === 1);
  const multiplier = cubicMultiplier(SKETCH_RELATIVE_ACCURACY);

  // The same values cell-major.
  const cellMajor = rowMajor.map((rm) => {
    const cm = new Float64Array(rm.length);
    for (let p = 0; p < R; p++) for (let c = 0; c < N; c++) cm[c * R + p] = rm[p * N + c];
    return cm;
  });
  const out = {
    n: new Float64Array(N),
    sum: new Float64Array(N),
    m2: new Float64Array(N),
    min: new Float64Array(N).fill(Infinity),
    max: new Float64Array(N).fill(-Infinity),
    bins: new Uint32Array(2049),
  };

  // The check: the loop's bins are cubicKey's (counts per key mod 1,024 and sign, and the
  // zero bin, over every value, folded in both layouts).
  const want = new Uint32Array(2049);
  for (const rm of rowMajor) {
    for (const c of list) {
      for (let p = 0; p < R; p++) {
        const x = rm[p * N + c];
        if (x !== x) continue;
        const y = Math.abs(x);
        if (y < MIN_INDEXABLE) want[2048] += 2;
        else want[(cubicKey(y, multiplier) & 1023) + (x < 0 ? 1024 : 0)] += 2;
      }
    }
  }
  for (let j = 0; j < chunks; j++) {
    foldFloor(rowMajor[j], R, 1, N, list, multiplier, out);
    foldFloor(cellMajor[j], R, R, 1, list, multiplier, out);
  }
  if (!out.bins.every((v, k) => v === want[k])) {
    throw new Error("fold floor: its bins differ from cubicKey's (sketch-mapping.ts)");
  }

  // The plan keeps its start and length in days; the floor takes the last day (inclusive).
  const lastDay = new Date(Date.parse(`${plan.startDate}T00:00:00Z`) + (plan.horizonDays - 1) * 86_400_000).toISOString().slice(0, 10);
  const floor = createFloor(undefined, lastDay);
  if (floor.horizonDays !== plan.horizonDays) {
    throw new Error(`floor kernel runs ${floor.horizonDays} days, the baseline ${plan.horizonDays}`);
  }
  const foldRow = (k) => foldFloor(rowMajor[k % chunks], R, 1, N, list, multiplier, out);
  const foldCell = (k) => foldFloor(cellMajor[k % chunks], R, R, 1, list, multiplier, out);
  const momentsCell = (k) => momentsFloor(cellMajor[k % chunks], R, R, 1, list, out);
  const floorPath = (k) => floor.run("bench", k);
  // Warm-up, then alternating rounds.
  cpuMicros(foldRow, 0.3, 0);
  cpuMicros(foldCell, 0.3, 0);
  cpuMicros(momentsCell, 0.3, 0);
  cpuMicros(floorPath, 0.5, 1_000_000);
  const rowNs = [];
  const cellNs = [];
  const momentsNs = [];
  const floorUs = [];
  let next = 0;
  const perCellPath = (micros) => (1000 * micros) / (list.length * R);
  for (let r = 0; r < rounds; r++) {
    rowNs.push(perCellPath(cpuMicros(foldRow, seconds, 0).micros));
    cellNs.push(perCellPath(cpuMicros(foldCell, seconds, 0).micros));
    momentsNs.push(perCellPath(cpuMicros(momentsCell, seconds, 0).micros));
    const f = cpuMicros(floorPath, seconds, next);
    next += f.calls;
    floorUs.push(f.micros);
  }
  const foldRowNs = median(rowNs);
  const foldCellNs = median(cellNs);
  const foldNs = Math.min(foldRowNs, foldCellNs);
  const foldUs = (foldNs * list.length) / 1000;
  const momentsOnlyNs = median(momentsNs);
  const momentsOnlyUs = (momentsOnlyNs * list.length) / 1000;
  const floorMicros = median(floorUs);
  const perPathUs = floorMicros + foldUs;
  const ceiling = (GOAL_WORKERS * 1e6) / perPathUs;
  const budgetUs = (GOAL_WORKERS * 1e6) / GOAL_PATHS_PER_SEC;
  // Most recorded (and sketched) cells per path at which the goal is reachable at all (0: not
  // even without a record).
  const maxCells = budgetUs > floorMicros ? Math.floor(((budgetUs - floorMicros) * 1000) / foldNs) : 0;
  return {
    name: "ceiling",
    machine: machineInfo(),
    scenario: "scenarios/baseline.yaml",
    horizonDays: plan.horizonDays,
    cells: N,
    sketchedCells: list.length,
    pathsSampled: chunks * R,
    foldFloorNsPerCellPath: foldNs,
    foldFloorRowMajorNs: foldRowNs,
    foldFloorCellMajorNs: foldCellNs,
    foldFloorMicrosPerPath: foldUs,
    momentsOnlyNsPerCellPath: momentsOnlyNs,
    momentsOnlyMicrosPerPath: momentsOnlyUs,
    /** Paths/s at 2 workers with the floor kernel and the moments alone (no sketch at all). */
    ceilingWithoutSketchesPathsPerSec: (GOAL_WORKERS * 1e6) / (floorMicros + momentsOnlyUs),
    floorMicrosPerPath: floorMicros,
    floorPlusFoldMicrosPerPath: perPathUs,
    workers: GOAL_WORKERS,
    ceilingPathsPerSec: ceiling,
    goalPathsPerSec: GOAL_PATHS_PER_SEC,
    budgetMicrosPerPath: budgetUs,
    maxSketchedCellsForGoal: maxCells,
    rounds: { foldRowMajorNs: rowNs, foldCellMajorNs: cellNs, momentsOnlyNs: momentsNs, floorMicros: floorUs },
  };
}

function parseArgs(argv) {
  const opts = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--chunks" || a === "--rounds" || a === "--seconds") {
      const v = Number(argv[++i]);
      if (!(v > 0) || (a !== "--seconds" && !Number.isInteger(v))) throw new Error(`${a} needs a positive ${a === "--seconds" ? "number" : "integer"}`);
      opts[a.slice(2)] = v;
    } else if (a === "--profile" || a === "--no-model") {
      // accepted (and ignored) so that `npm run bench -- --profile` reaches model.mjs
    } else throw new Error(`unknown option ${a} (use --json, --chunks N, --rounds N, --seconds S)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  const res = await benchCeiling(opts);
  if (opts.json) console.log(JSON.stringify(res, null, 2));
  else {
    const f = (x, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
    console.log("end-to-end ceiling (bench/ceiling.mjs): the baseline at 2 workers if the model cost the floor kernel and the fold the fold floor");
    console.log(machineLine(res.machine));
    console.log(`baseline: ${f(res.horizonDays)} days, ${f(res.cells)} cells (${f(res.sketchedCells)} sketched), ${res.pathsSampled} paths sampled`);
    console.log(`floor kernel to the baseline's horizon: ${f(res.floorMicrosPerPath)} µs/path`);
    console.log(
      `fold floor: ${f(res.foldFloorNsPerCellPath, 2)} ns per sketched cell and path (worker's row layout ${f(res.foldFloorRowMajorNs, 2)}, ` +
        `cell-major ${f(res.foldFloorCellMajorNs, 2)}) = ${f(res.foldFloorMicrosPerPath)} µs/path`,
    );
    console.log(
      `floor + fold floor: ${f(res.floorPlusFoldMicrosPerPath)} µs/path → at most ${f(res.ceilingPathsPerSec)} paths/s at ${res.workers} workers ` +
        `(goal ${f(res.goalPathsPerSec)}: needs ≤ ${f(res.budgetMicrosPerPath)} µs/path), before the main thread's merge, pool start and writing`,
    );
    console.log(
      `without any sketch (moments and extremes only, ${f(res.momentsOnlyNsPerCellPath, 2)} ns per cell and path = ${f(res.momentsOnlyMicrosPerPath)} µs/path): ` +
        `at most ${f(res.ceilingWithoutSketchesPathsPerSec)} paths/s`,
    );
    console.log(
      res.maxSketchedCellsForGoal > 0
        ? `the goal is within reach only with ≤ ${f(res.maxSketchedCellsForGoal)} recorded (sketched) cells per path (the baseline records ${f(res.sketchedCells)})`
        : "the goal is out of reach even with no record at all: the floor kernel alone exceeds the budget",
    );
  }
}
