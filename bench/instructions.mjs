/**
 * Instruction counts per path (load-independent): the full model, the network only and the
 * cost-floor kernel, each counted under valgrind, and their ratios.
 *
 * Plain JS on the built output (run `npm run build` first). Optional: needs valgrind
 * (`apt-get install valgrind`); without it, it says so on one line and exits 0.
 *   node bench/instructions.mjs [--json] [--paths 200] [--warmup 600] [--years 6] [--jobs 2] [--variants full,network,floor]
 *
 * Why: the machine is shared, so wall-clock figures move ±20–30% from run to run. The number
 * of instructions a path executes does not depend on the load. Each count comes from a child
 * `valgrind --tool=cachegrind --cache-sim=no node --single-threaded <this file> --child …`:
 * cachegrind without cache simulation only counts instructions (the cheapest valgrind tool
 * that gives a total; lackey is far slower), and --single-threaded keeps V8's compiler and
 * GC work on the main thread, in the same amounts from run to run, instead of on helper
 * threads whose share depends on timing.
 *
 * The per-path figure is a difference of two runs of the same variant: W warm-up paths + the
 * N measured paths, minus the W warm-up paths alone, divided by N. Start-up, module loading,
 * plan set-up and the JIT's warm-up cancel out. The measured paths are always ("bench", 0 …
 * N − 1) and the warm-up paths ("bench", 1,000,000 + i), as floor.mjs: so a figure for a
 * given N is the mean over the same paths whatever W, and changing W shows how far the JIT
 * had settled. V8 keeps compiling rarely taken code of the model (and deoptimising it when a
 * rare event first comes) for hundreds of paths; W defaults to 600 (see bench/README.md).
 *
 * Variants (the plans of bench/model.mjs and bench/floor.mjs, not rebuilt here):
 * - full: the model path with all ten named miners (model.mjs `variant(…, "all", years)`),
 *   each path preceded by clearPathRecord as a Monte Carlo worker does (counted with it);
 * - network: the same with no named miners;
 * - floor: floor.mjs `createFloor(years).run` (its 16 streams included).
 * "miners' part" = full − network.
 *
 * The valgrind runs are independent processes; --jobs of them run at a time (the counts do
 * not depend on it, only the wall time does).
 */
import { spawn, spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchOptions, machineInfo, machineLine } from "./machine.mjs";

const SELF = fileURLToPath(import.meta.url);
const VARIANTS = ["full", "network", "floor"];
const LABELS = {
  full: "full model (10 named miners)",
  network: "network only",
  floor: "floor kernel (bench/floor.mjs)",
};
const VALGRIND_ARGS = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"];
const NODE_ARGS = ["--single-threaded"];

/** First index of the warm-up paths: apart from the measured paths 0 … N − 1, as floor.mjs. */
const WARMUP_FIRST = 1_000_000;

/**
 * Child side: set up one variant, run `warmup` paths ("bench", 1,000,000 + i), then `count`
 * paths ("bench", 0 … count − 1).
 */
async function childMain(name, warmup, count, years) {
  const order = [];
  for (let i = 0; i < warmup; i++) order.push(WARMUP_FIRST + i);
  for (let i = 0; i < count; i++) order.push(i);
  if (name === "floor") {
    const { createFloor } = await import("./floor.mjs");
    const f = createFloor(years);
    let sink = 0;
    for (const i of order) sink += f.run("bench", i);
    if (sink !== sink) throw new Error("floor: NaN path"); // keeps the result live, as floor.mjs
  } else {
    const { variant } = await import("./model.mjs");
    const { clearPathRecord } = await import("../dist/model/path/index.js");
    const v = variant(name, name === "full" ? "all" : [], years);
    for (const i of order) {
      clearPathRecord(v.record);
      v.model.simulatePath("bench", i, v.record);
    }
  }
}

/**
 * The total instruction count from valgrind's stderr: cachegrind's summary line
 * "==123== I   refs:      3,306,287,986" (valgrind ≤ 3.20) or "==123== I refs: …".
 * @param {string} stderr
 * @returns {number}
 */
export function parseInstructionCount(stderr) {
  const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (m === null) throw new Error(`no "I refs:" line in valgrind's output:\n${stderr.slice(-2000)}`);
  return Number(m[1].replaceAll(",", ""));
}

/** valgrind's version string, or null if it is not installed. */
function valgrindVersion() {
  const r = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
  if (r.error !== undefined || r.status !== 0) return null;
  return r.stdout.trim();
}

/** One valgrind run of the child; resolves to {instructions, seconds}. */
function countRun(name, warmup, count, years) {
  const args = [...VALGRIND_ARGS, process.execPath, ...NODE_ARGS, SELF, "--child", name];
  args.push("--warmup", String(warmup), "--count", String(count), "--years", String(years));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.setEncoding("utf8");
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("close", (code, signal) => {
      if (code !== 0) reject(new Error(`valgrind ${name} ${warmup} + ${count} paths exited with ${code ?? signal}:\n${err.slice(-2000)}`));
      else {
        try {
          resolve({ instructions: parseInstructionCount(err), seconds: (performance.now() - t0) / 1000 });
        } catch (e) {
          reject(e);
        }
      }
    });
  });
}

/** Runs `tasks` (functions returning promises), at most `jobs` at a time, results in order. */
async function pool(tasks, jobs) {
  const out = new Array(tasks.length);
  let next = 0;
  async function lane() {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
  return out;
}

/**
 * Counts and returns the figures.
 * @param {{ paths?: number, warmup?: number, years?: number, jobs?: number, version?: string }} [opts]
 */
export async function benchInstructions(opts = {}) {
  const paths = opts.paths ?? 200;
  const warmup = opts.warmup ?? 600;
  const years = opts.years ?? 6;
  const jobs = opts.jobs ?? Math.min(2, os.availableParallelism());
  const names = opts.variants ?? VARIANTS;
  const t0 = performance.now();
  // Longest runs first so that the lanes finish together.
  const plan = names.flatMap((name) => [
    { name, count: paths },
    { name, count: 0 },
  ]);
  const runs = await pool(plan.map((r) => () => countRun(r.name, warmup, r.count, years)), jobs);
  const variants = {};
  for (const name of names) {
    const i = plan.findIndex((r) => r.name === name);
    const measured = runs[i];
    const base = runs[i + 1];
    variants[name] = {
      instructionsPerPath: (measured.instructions - base.instructions) / paths,
      instructionsWarmupPlusPaths: measured.instructions,
      instructionsWarmupOnly: base.instructions,
      seconds: [measured.seconds, base.seconds],
    };
  }
  const full = variants.full?.instructionsPerPath ?? Number.NaN;
  const network = variants.network?.instructionsPerPath ?? Number.NaN;
  const floor = variants.floor?.instructionsPerPath ?? Number.NaN;
  return {
    name: "instructions",
    machine: machineInfo(),
    valgrind: opts.version ?? valgrindVersion(),
    command: `valgrind ${VALGRIND_ARGS.join(" ")} node ${NODE_ARGS.join(" ")} bench/instructions.mjs --child <variant> --warmup W --count <N or 0>`,
    years,
    warmupPaths: warmup,
    measuredPaths: paths,
    jobs,
    variants,
    fullInstructionsPerPath: full,
    networkOnlyInstructionsPerPath: network,
    minersPartInstructionsPerPath: full - network,
    floorInstructionsPerPath: floor,
    fullOverFloor: full / floor,
    networkOnlyOverFloor: network / floor,
    seconds: (performance.now() - t0) / 1000,
  };
}

function wholeNumber(name, s) {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a whole number ≥ 0, got ${s}`);
  return v;
}

function parseArgs(argv) {
  const opts = { json: false, child: null, count: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--child") opts.child = argv[++i];
    else if (a === "--count" || a === "--warmup") opts[a.slice(2)] = wholeNumber(a, argv[++i]);
    else if (a === "--variants") {
      const names = String(argv[++i]).split(",");
      for (const n of names) if (!VARIANTS.includes(n)) throw new Error(`--variants takes a list of ${VARIANTS.join(", ")}, got ${n}`);
      opts.variants = VARIANTS.filter((n) => names.includes(n));
    }
    else if (a === "--paths" || a === "--years" || a === "--jobs") {
      const v = wholeNumber(a, argv[++i]);
      if (v === 0) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else throw new Error(`unknown option ${a} (use --json, --paths N, --warmup W, --years Y, --jobs J, --variants LIST)`);
  }
  return opts;
}

const M = (x) => `${(x / 1e6).toFixed(2)} M`;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  if (opts.child !== null) {
    if (!VARIANTS.includes(opts.child)) throw new Error(`--child needs one of ${VARIANTS.join(", ")}`);
    await childMain(opts.child, opts.warmup ?? 0, opts.count, opts.years ?? 6);
  } else {
    const version = valgrindVersion();
    if (version === null) {
      const msg = "bench/instructions.mjs: skipped, valgrind is not installed (it counts the instructions; install it with `apt-get install valgrind`)";
      console.log(opts.json ? JSON.stringify({ name: "instructions", skipped: msg }) : msg);
    } else {
      const res = await benchInstructions({ ...opts, version });
      if (opts.json) console.log(JSON.stringify(res, null, 2));
      else {
        console.log("instruction counts per path (bench/instructions.mjs, valgrind cachegrind, node --single-threaded)");
        console.log(machineLine(res.machine));
        console.log(
          `${res.valgrind}; ${res.years}-year paths; per path = (${res.warmupPaths} warm-up + ${res.measuredPaths} paths − ` +
            `${res.warmupPaths} warm-up paths) / ${res.measuredPaths}`,
        );
        for (const name of Object.keys(res.variants)) {
          const v = res.variants[name];
          console.log(
            `${`${LABELS[name]}:`.padEnd(32)}${M(v.instructionsPerPath).padStart(10)} instructions/path  ` +
              `(${(v.instructionsWarmupPlusPaths / 1e9).toFixed(3)} G − ${(v.instructionsWarmupOnly / 1e9).toFixed(3)} G)`,
          );
        }
        const has = (n) => res.variants[n] !== undefined;
        if (has("full") && has("network")) {
          console.log(`${"miners' part (full − network):".padEnd(32)}${M(res.minersPartInstructionsPerPath).padStart(10)} instructions/path`);
        }
        if (has("floor") && (has("full") || has("network"))) {
          const parts = [];
          if (has("full")) parts.push(`full / floor: ${res.fullOverFloor.toFixed(2)}x`);
          if (has("network")) parts.push(`network only / floor: ${res.networkOnlyOverFloor.toFixed(2)}x`);
          console.log(parts.join("   "));
        }
        const runs = 2 * Object.keys(res.variants).length;
        console.log(`took ${res.seconds.toFixed(0)} s (${runs} valgrind runs, ${res.jobs} at a time)`);
      }
    }
  }
}
