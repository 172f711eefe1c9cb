/**
 * Memory benchmark (the performance issue, item 4): peak resident set size of a baseline
 * run (`scenarios/baseline.yaml` through `runScenario`, result folder written) for several
 * path counts, each in its own child process; the peak is the child's
 * `process.resourceUsage().maxRSS` at the end of the run (the whole process: main thread
 * and worker threads; no --expose-gc, no forced collection).
 * Goals: 1,000,000 paths with peak RSS < 1 GiB, and RSS at 1,000,000 ≤ 1.5× RSS at 100,000.
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/memory.mjs [--json] [--paths 10000,100000] [--workers 2]
 *   npm run bench:memory              (1,000,000 paths; see README.md for its run time)
 *   npm run bench:memory -- --paths 200000
 *
 * `npm run bench` runs it at 10,000 and 100,000 paths (the default list); bench:memory
 * passes --paths 1000000 (override it with a later --paths). The figures are printed with
 * the run time of each child, so the paths/s of large runs is visible too.
 */
import { pathToFileURL } from "node:url";
import { benchOptions, machineInfo, machineLine } from "./machine.mjs";
import { runEndToEnd } from "./endtoend.mjs";

const DEFAULT_PATHS = [10_000, 100_000];
const GIB = 1024;

/**
 * Runs the benchmark and returns its figures.
 * @param {{ paths?: number[], workers?: number }} [opts]
 */
export async function benchMemory(opts = {}) {
  const list = opts.paths ?? DEFAULT_PATHS;
  const workers = opts.workers ?? 2;
  const runs = [];
  for (const n of list) {
    const r = runEndToEnd(n, workers);
    runs.push({ paths: n, workers, maxRssMiB: r.maxRssMiB, seconds: r.seconds, pathsPerSec: r.pathsPerSec });
    opts.onRun?.(runs[runs.length - 1]);
  }
  const at = (n) => runs.find((r) => r.paths === n)?.maxRssMiB;
  const r100k = at(100_000);
  const r1m = at(1_000_000);
  return {
    name: "memory",
    machine: machineInfo(),
    scenario: "scenarios/baseline.yaml",
    runs,
    rss1mOver100k: r100k !== undefined && r1m !== undefined ? r1m / r100k : null,
    goals: { maxRssMiBAt1m: GIB, rss1mOver100k: 1.5 },
  };
}

function parseArgs(argv) {
  const opts = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--paths") {
      opts.paths = String(argv[++i]).split(",").map(Number);
      if (opts.paths.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error("--paths needs a list of positive integers, e.g. 10000,100000");
    } else if (a === "--workers") {
      const w = Number(argv[++i]);
      if (!Number.isSafeInteger(w) || w < 0) throw new Error("--workers needs a non-negative integer");
      opts.workers = w;
    } else if (a === "--seconds" || a === "--years" || a === "--rounds") {
      i++; // options of the other benchmarks (npm run bench passes them to all): ignored here
    } else if (a === "--profile") {
      // ignored here
    } else throw new Error(`unknown option ${a} (use --json, --paths N[,N…], --workers N)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  if (!opts.json) {
    console.log("memory benchmark (runScenario(\"scenarios/baseline.yaml\"), peak RSS of a child process per run)");
    console.log(machineLine());
    opts.onRun = (r) =>
      console.log(
        `${String(r.paths).padStart(9)} paths, ${r.workers} workers: peak RSS ${r.maxRssMiB.toFixed(0).padStart(5)} MiB  ` +
          `(${r.seconds.toFixed(1)} s, ${r.pathsPerSec.toFixed(0)} paths/s)`,
      );
  }
  const res = await benchMemory(opts);
  if (opts.json) console.log(JSON.stringify(res, null, 2));
  else if (res.rss1mOver100k !== null) {
    console.log(`RSS 1,000,000 / 100,000: ${res.rss1mOver100k.toFixed(2)}x (goal ≤ ${res.goals.rss1mOver100k}x; peak goal < ${res.goals.maxRssMiBAt1m} MiB)`);
  }
}
