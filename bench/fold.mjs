/**
 * Fold micro-benchmark: the worker's per-chunk aggregation (ChunkAccumulator.foldChunk:
 * moments, extremes, event counts, quantile sketches) on real records of the baseline
 * scenario, without the model's cost. Reports nanoseconds per cell and path.
 *
 * Plain JS on the built output (run `npm run build` first).
 *   node bench/fold.mjs [--json] [--chunks 4] [--rounds 5] [--seconds 2]
 *
 * Set-up: the baseline (`scenarios/baseline.yaml`, all named miners) is compiled and
 * `--chunks` chunks of 64 paths are simulated once; their rows are kept. Each round then
 * folds those chunks again and again for `--seconds` (copying a chunk's rows into the
 * accumulator before each fold; the copy is timed apart and subtracted), as a worker does
 * within a batch: the sketch windows are reused (beginBatch every 32 chunks). The median
 * round is reported. Times are CPU time (process.cpuUsage around each fold, one busy
 * thread), so a shared machine's load inflates them less than wall time would. The layout's cells are counted by kind: sketched, not sketched, and
 * how many are constant or NaN in every folded path (those the fold can treat cheaply).
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchOptions, machineInfo, machineLine } from "./machine.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The records of `chunks` chunks of 64 baseline paths (scenarios/baseline.yaml, paths
 * 0 … 64·chunks − 1 of its seed), as a worker's chunk holds them: chunk j's rows in
 * saved[j], row p = path p's cells. Also returns the loaded model (its layout) and the plan.
 */
export async function baselineChunks(chunks) {
  const prev = process.cwd();
  process.chdir(ROOT);
  const { scenarioInputs } = await import("../dist/api/scenario-input.js");
  const { resolveModel } = await import("../dist/api/model-module.js");
  const { loadPathModel } = await import("../dist/montecarlo/path-model.js");
  const { ChunkAccumulator } = await import("../dist/montecarlo/chunk-accumulator.js");
  const { DEFAULT_CHUNK_SIZE } = await import("../dist/montecarlo/runner.js");
  const { SKETCH_RELATIVE_ACCURACY } = await import("../dist/montecarlo/sketch-mapping.js");
  const input = scenarioInputs("scenarios/baseline.yaml", {}).base;
  process.chdir(prev);
  const loaded = await loadPathModel(resolveModel(undefined), input.plan, "bench-baseline-chunks");
  const C0 = DEFAULT_CHUNK_SIZE;
  const acc = new ChunkAccumulator(loaded.layout, C0, SKETCH_RELATIVE_ACCURACY, 16);
  const saved = [];
  for (let j = 0; j < chunks; j++) {
    for (let p = 0; p < C0; p++) {
      acc.clearRow(p);
      loaded.model.simulatePath(input.seed, j * C0 + p, acc.records[p]);
    }
    saved.push(Float64Array.from(acc.rows));
  }
  return { loaded, plan: input.plan, C0, cells: acc.cells, saved };
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ chunks?: number, rounds?: number, seconds?: number }} [opts]
 */
export async function benchFold(opts = {}) {
  const chunks = opts.chunks ?? 4;
  const rounds = opts.rounds ?? 5;
  const seconds = opts.seconds ?? 2;
  const { ChunkAccumulator } = await import("../dist/montecarlo/chunk-accumulator.js");
  const { sketchMask } = await import("../dist/montecarlo/layout.js");
  const { SKETCH_RELATIVE_ACCURACY } = await import("../dist/montecarlo/sketch-mapping.js");
  const { loaded, C0, saved } = await baselineChunks(chunks);
  // 16-bit counts, as a worker uses for batches of ≤ 65,535 paths (batch.ts).
  const acc = new ChunkAccumulator(loaded.layout, C0, SKETCH_RELATIVE_ACCURACY, 16);
  const cells = acc.cells;
  // Cell kinds over all simulated paths.
  const mask = sketchMask(loaded.layout);
  let sketched = 0;
  let constant = 0;
  let nanOnly = 0;
  let constantZero = 0;
  for (let c = 0; c < cells; c++) {
    if (mask[c] === 1) sketched++;
    let first = NaN;
    let seen = false;
    let same = true;
    for (const rows of saved) {
      for (let p = 0; p < C0; p++) {
        const x = rows[p * cells + c];
        if (x !== x) continue;
        if (!seen) {
          first = x;
          seen = true;
        } else if (x !== first) same = false;
      }
    }
    if (!seen) nanOnly++;
    else if (same) {
      constant++;
      if (first === 0) constantZero++;
    }
  }
  const round = () => {
    let folds = 0;
    let foldNs = 0n;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      for (let j = 0; j < chunks; j++) {
        if (folds % 32 === 0) acc.beginBatch();
        acc.rows.set(saved[j]);
        const t = process.cpuUsage();
        acc.foldChunk(C0);
        const d = process.cpuUsage(t);
        foldNs += BigInt(d.user + d.system) * 1000n;
        folds++;
      }
    }
    return Number(foldNs) / (folds * C0 * cells);
  };
  round(); // warm-up
  const ns = [];
  for (let r = 0; r < rounds; r++) ns.push(round());
  const sorted = [...ns].sort((a, b) => a - b);
  return {
    name: "fold",
    machine: machineInfo(),
    scenario: "scenarios/baseline.yaml",
    cells,
    sketchedCells: sketched,
    constantCells: constant,
    constantZeroCells: constantZero,
    nanOnlyCells: nanOnly,
    pathsSampled: chunks * C0,
    nsPerCellPath: sorted[sorted.length >> 1],
    rounds: ns,
    msPerChunk: (sorted[sorted.length >> 1] * cells * C0) / 1e6,
  };
}

function parseArgs(argv) {
  const opts = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--chunks" || a === "--rounds" || a === "--seconds") {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else throw new Error(`unknown option ${a} (use --json, --chunks N, --rounds N, --seconds S)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  const res = await benchFold(opts);
  if (opts.json) console.log(JSON.stringify(res, null, 2));
  else {
    console.log("fold benchmark (ChunkAccumulator.foldChunk on baseline records, 64-path chunks)");
    console.log(machineLine(res.machine));
    console.log(
      `${res.cells} cells: ${res.sketchedCells} sketched; over ${res.pathsSampled} paths ${res.constantCells} constant (${res.constantZeroCells} of them 0), ${res.nanOnlyCells} NaN only`,
    );
    console.log(`foldChunk: ${res.nsPerCellPath.toFixed(2)} ns per cell and path (median of ${res.rounds.length} rounds: ${res.rounds.map((x) => x.toFixed(2)).join(", ")}); ${res.msPerChunk.toFixed(1)} ms per chunk`);
  }
}
