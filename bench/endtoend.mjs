/**
 * End-to-end benchmark (the performance issue, item 2): `scenarios/baseline.yaml` (all ten
 * named miners, daily ticks, 2026-03-01 through 2032-12-31) run through the library API,
 * `runScenario(file, { out, paths, workers, force: true })`, at 1 and 2 workers: paths per
 * second end to end (scenario load and compile, pool start, the run, aggregation, writing
 * the result folder; the API writes no HTML report, the CLI does) and the scaling ratio.
 * Goals on a 2-core machine: ≥ 3,000 paths/s at 2 workers for 20,000 paths; 2 vs 1 ≥ 1.7×.
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/endtoend.mjs [--json] [--paths 20000] [--workers 1,2]
 *
 * --paths defaults to the issue's 20,000 (the goal is stated for it, and the fixed cost of
 * a run — load, pool start, summary — weighs much more at small counts: 2 / 1 was 1.13× at
 * 2,000 paths and 1.66× at 20,000 here). On the shared 2-core machine where this was
 * written that took 126 s at 1 worker and 76 s at 2; pass e.g. --paths 2000 for a quick run.
 * Each worker count runs in its own child process (fresh heap and JIT, as a CLI run), and
 * the result folder goes to a temporary directory removed afterwards. The seed is the
 * scenario's.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchOptions, machineInfo, machineLine } from "./machine.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCENARIO = "scenarios/baseline.yaml";
const DEFAULT_PATHS = 20_000;

/** Child side: one run; prints {seconds, maxRssMiB, ...} as JSON on stdout. */
async function child(paths, workers, out) {
  const { runScenario } = await import("../dist/api/index.js");
  const t0 = performance.now();
  const r = await runScenario(SCENARIO, { out, paths, workers, force: true });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    JSON.stringify({
      paths,
      workers,
      seconds,
      pathsPerSec: paths / seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      horizonDays: r.manifest.scenario?.plan?.horizonDays ?? null,
      pathsRun: r.pathsRun,
    }) + "\n",
  );
}

/** Runs the baseline at `paths` paths and `workers` workers in a child process; returns its figures. */
export function runEndToEnd(paths, workers) {
  const dir = mkdtempSync(join(tmpdir(), "exodus-bench-"));
  try {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", String(paths), String(workers), join(dir, "run")], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`end-to-end run (${paths} paths, ${workers} workers) failed: ${r.stderr || r.signal}`);
    const line = r.stdout.trim().split("\n").pop();
    return JSON.parse(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ paths?: number, workers?: number[] }} [opts]
 */
export async function benchEndToEnd(opts = {}) {
  const paths = opts.paths ?? DEFAULT_PATHS;
  const workerCounts = opts.workers ?? [1, 2];
  const runs = workerCounts.map((w) => runEndToEnd(paths, w));
  const by = new Map(runs.map((r) => [r.workers, r]));
  const one = by.get(1);
  const two = by.get(2);
  return {
    name: "endtoend",
    machine: machineInfo(),
    scenario: SCENARIO,
    paths,
    runs,
    scaling2over1: one !== undefined && two !== undefined ? two.pathsPerSec / one.pathsPerSec : null,
    goals: { pathsPerSecAt2Workers: 3000, forPaths: 20000, scaling2over1: 1.7 },
  };
}

function parseArgs(argv) {
  const opts = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--paths") {
      const v = Number(argv[++i]);
      if (!Number.isSafeInteger(v) || v < 1) throw new Error("--paths needs a positive integer");
      opts.paths = v;
    } else if (a === "--workers") {
      opts.workers = String(argv[++i]).split(",").map(Number);
      if (opts.workers.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new Error("--workers needs a list like 1,2");
    } else if (a === "--seconds" || a === "--years" || a === "--rounds") {
      i++; // options of the other benchmarks (npm run bench passes them to all): ignored here
    } else if (a === "--profile") {
      // ignored here
    } else throw new Error(`unknown option ${a} (use --json, --paths N, --workers 1,2)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    await child(Number(argv[1]), Number(argv[2]), argv[3]);
  } else {
    const opts = benchOptions(import.meta.url, parseArgs, argv);
    const res = await benchEndToEnd(opts);
    if (opts.json) console.log(JSON.stringify(res, null, 2));
    else {
      console.log(`end-to-end benchmark (runScenario("${res.scenario}"), result folder written, no HTML report)`);
      console.log(machineLine(res.machine));
      const days = res.runs[0]?.horizonDays;
      console.log(`${res.paths} paths${days ? `, ${days} days` : ""}, seed of the scenario`);
      for (const r of res.runs) {
        console.log(
          `workers ${r.workers}: ${r.pathsPerSec.toFixed(0).padStart(6)} paths/s  (${r.seconds.toFixed(1)} s end to end, peak RSS ${r.maxRssMiB.toFixed(0)} MiB)`,
        );
      }
      if (res.scaling2over1 !== null) {
        console.log(`2 workers / 1: ${res.scaling2over1.toFixed(2)}x (goal ≥ ${res.goals.scaling2over1}x; goal at 2 workers ≥ ${res.goals.pathsPerSecAt2Workers} paths/s for ${res.goals.forPaths} paths)`);
      }
    }
  }
}
