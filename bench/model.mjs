/**
 * Full-model benchmark: paths per second of the model path (src/model/path) on one
 * thread, network only (no named miners, the fleet is the whole network) and with all ten
 * named miners of CALIBRATION.md (2), over a 6-year horizon from the default 2026-03-01
 * start (defaultModelPlan), weekly miner decisions and a weekly output grid.
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/model.mjs [--json] [--seconds 4] [--years 6] [--rounds 5] [--profile]
 *
 * Measured separately: set-up (createPathModel: plan validation, layout, engine, states;
 * once per worker), warm-up (JIT) and steady state. A path's time is the path function
 * alone (its record is cleared to NaN before, outside the timing, as the Monte Carlo
 * machinery does; the clear is timed apart). Per-path cost includes deriving the path's
 * streams (streamFor per component), as a worker does. Each variant runs in its own worker
 * thread (its own isolate, so the JIT's type feedback is that of one plan, as in a Monte
 * Carlo worker; sharing one isolate made the second variant measurably slower). The steady
 * state runs in alternating rounds (network, full, network, …) and reports each variant's
 * median round, so that a change in machine load moves both alike.
 *
 * --profile samples the full model with the V8 CPU profiler (node:inspector) and reports
 * the share of self time by source folder (market, fleet, miners, path, engine, random, …).
 *
 * Goal (DESIGN.md §3 "Cost per path", the performance issue): the full model within 2.5×
 * of the ~300 µs cost-floor kernel measured for a 6-year path.
 */
import { Session } from "node:inspector";
import { pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { clearPathRecord, allocatePathRecord, createPathModel, defaultModelPlan } from "../dist/model/path/index.js";
import { benchOptions, machineInfo, machineLine, median } from "./machine.mjs";

const FLOOR_MICROS = 300;
const GOAL_FACTOR = 2.5;

/** Last day of a horizon of `years` whole years from 2026-03-01 (ISO date). */
function horizonDate(years) {
  const end = new Date(Date.UTC(2026 + Math.floor(years), 2, 1) + Math.round((years % 1) * 365) * 86_400_000);
  return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * One variant's set-up: defaultModelPlan for `years` from 2026-03-01 with `miners` ("all" or
 * a list; [] = network only), its path model and a record. Also used by bench/instructions.mjs.
 */
export function variant(name, miners, years) {
  const s0 = performance.now();
  const plan = defaultModelPlan({ miners, horizonDate: horizonDate(years) });
  const model = createPathModel(plan);
  const record = allocatePathRecord(model.layout);
  const setupMs = performance.now() - s0;
  return { name, plan, model, record, setupMs, next: 0 };
}

function timePaths(v, minSeconds, minPaths) {
  let paths = 0;
  let inPath = 0;
  let clearing = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minSeconds * 1000 || paths < minPaths) {
    const c0 = performance.now();
    clearPathRecord(v.record);
    const c1 = performance.now();
    v.model.simulatePath("bench", v.next++, v.record);
    const c2 = performance.now();
    clearing += c1 - c0;
    inPath += c2 - c1;
    paths++;
  }
  return { paths, pathsPerSec: paths / (inPath / 1000), clearMicros: (1000 * clearing) / paths };
}

async function profileShares(v, seconds) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  await post("Profiler.start");
  timePaths(v, seconds, 5);
  const { profile } = await post("Profiler.stop");
  session.disconnect();
  const folders = [
    ["model/market", "market"],
    ["model/fleet", "fleet"],
    ["model/miners", "miners"],
    ["model/path", "path (kernel)"],
    ["model/units", "units"],
    ["engine", "engine"],
    ["random", "random"],
    ["consensus", "consensus"],
    ["seedrandom", "random"],
  ];
  const self = new Map();
  const dt = new Map();
  // Self time per node from the sample timeline.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let total = 0;
  for (const node of profile.nodes) {
    const t = dt.get(node.id) ?? 0;
    if (t === 0) continue;
    const url = node.callFrame.url;
    const fn = node.callFrame.functionName;
    let key = "other (V8, GC, bench)";
    if (fn === "(idle)" || fn === "(program)") key = "other (V8, GC, bench)";
    else if (fn === "(garbage collector)") key = "GC";
    else for (const [frag, name] of folders) if (url.includes(`/${frag}`)) { key = name; break; }
    self.set(key, (self.get(key) ?? 0) + t);
    total += t;
  }
  const shares = {};
  for (const [k, t] of [...self.entries()].sort((a, b) => b[1] - a[1])) shares[k] = t / total;
  return shares;
}

/** Worker side: one variant; answers {cmd: "round" | "profile", seconds}. */
function workerMain() {
  const { miners, years } = workerData;
  const v = variant(miners === "all" ? "full" : "network", miners, years);
  parentPort.on("message", async (msg) => {
    if (msg.cmd === "warmup") {
      const w0 = performance.now();
      timePaths(v, msg.seconds, 20);
      parentPort.postMessage({ warmupMs: performance.now() - w0, setupMs: v.setupMs, horizonDays: v.plan.horizonDays,
        namedMiners: v.plan.miners.length, decisionEveryDays: v.plan.decisionEveryDays, gridDates: v.plan.grid.length,
        cells: v.record.series.length + v.record.scalars.length + v.record.epochs.length });
    } else if (msg.cmd === "round") {
      parentPort.postMessage(timePaths(v, msg.seconds, 10));
    } else if (msg.cmd === "profile") {
      parentPort.postMessage(await profileShares(v, msg.seconds));
    } else if (msg.cmd === "exit") {
      process.exit(0);
    }
  });
}

function spawn(miners, years) {
  const w = new Worker(new URL(import.meta.url), { workerData: { miners, years } });
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      w.once("message", resolve);
      w.once("error", reject);
      w.postMessage(msg);
    });
  return { ask, close: () => w.terminate() };
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ seconds?: number, years?: number, rounds?: number, profile?: boolean }} [opts]
 */
export async function benchModel(opts = {}) {
  const seconds = opts.seconds ?? 4;
  const years = opts.years ?? 6;
  const rounds = opts.rounds ?? 5;
  const network = spawn([], years);
  const full = spawn("all", years);
  const nInfo = await network.ask({ cmd: "warmup", seconds: 0.5 });
  const fInfo = await full.ask({ cmd: "warmup", seconds: 0.5 });

  const nRounds = [];
  const fRounds = [];
  let nPaths = 0;
  let fPaths = 0;
  let nClear = 0;
  let fClear = 0;
  for (let k = 0; k < rounds; k++) {
    const n = await network.ask({ cmd: "round", seconds: seconds / 2 / rounds });
    nRounds.push(n.pathsPerSec);
    nPaths += n.paths;
    nClear = n.clearMicros;
    const f = await full.ask({ cmd: "round", seconds: seconds / 2 / rounds });
    fRounds.push(f.pathsPerSec);
    fPaths += f.paths;
    fClear = f.clearMicros;
  }
  const nps = median(nRounds);
  const fps = median(fRounds);
  const res = {
    name: "model",
    machine: machineInfo(),
    plan: {
      years,
      horizonDays: fInfo.horizonDays,
      namedMiners: fInfo.namedMiners,
      decisionEveryDays: fInfo.decisionEveryDays,
      gridDates: fInfo.gridDates,
      cellsNetworkOnly: nInfo.cells,
      cellsFull: fInfo.cells,
    },
    setupMsNetworkOnly: nInfo.setupMs,
    setupMsFull: fInfo.setupMs,
    warmupMs: nInfo.warmupMs + fInfo.warmupMs,
    networkOnlyPathsPerSec: nps,
    networkOnlyMicrosPerPath: 1e6 / nps,
    networkOnlyPathsTimed: nPaths,
    fullPathsPerSec: fps,
    fullMicrosPerPath: 1e6 / fps,
    fullPathsTimed: fPaths,
    clearMicrosNetworkOnly: nClear,
    clearMicrosFull: fClear,
    floorMicrosPerPath: FLOOR_MICROS,
    fullOverFloor: 1e6 / fps / FLOOR_MICROS,
    goalFactor: GOAL_FACTOR,
    rounds,
    networkOnlyRoundsPathsPerSec: nRounds,
    fullRoundsPathsPerSec: fRounds,
  };
  if (opts.profile) {
    res.profileShareNetworkOnly = await network.ask({ cmd: "profile", seconds: 2 });
    res.profileShareFull = await full.ask({ cmd: "profile", seconds: 2 });
  }
  await network.close();
  await full.close();
  return res;
}

function parseArgs(argv) {
  const opts = { json: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--profile") opts.profile = true;
    else if (a === "--seconds" || a === "--years" || a === "--rounds") {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else throw new Error(`unknown option ${a} (use --json, --profile, --seconds N, --years N, --rounds N)`);
  }
  return opts;
}

function shareLine(shares) {
  return Object.entries(shares)
    .map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`)
    .join(", ");
}

if (!isMainThread && workerData?.miners !== undefined) {
  workerMain();
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  const res = await benchModel(opts);
  if (opts.json) {
    console.log(JSON.stringify(res, null, 2));
  } else {
    console.log("model benchmark (src/model/path, one thread)");
    console.log(machineLine(res.machine));
    console.log(
      `plan: ${res.plan.years} years (${res.plan.horizonDays} days) from 2026-03-01, decisions every ${res.plan.decisionEveryDays} days, ` +
        `${res.plan.gridDates} grid dates; record cells: network-only ${res.plan.cellsNetworkOnly}, full ${res.plan.cellsFull}`,
    );
    console.log(
      `setup ${res.setupMsNetworkOnly.toFixed(1)} ms (network only), ${res.setupMsFull.toFixed(1)} ms (full); warm-up ${res.warmupMs.toFixed(0)} ms`,
    );
    console.log(
      `network only: ${res.networkOnlyPathsPerSec.toFixed(0).padStart(7)} paths/s  (${res.networkOnlyMicrosPerPath.toFixed(0)} µs/path, ` +
        `${res.networkOnlyPathsTimed} paths; record clear ${res.clearMicrosNetworkOnly.toFixed(1)} µs apart)`,
    );
    console.log(
      `full model:   ${res.fullPathsPerSec.toFixed(0).padStart(7)} paths/s  (${res.fullMicrosPerPath.toFixed(0)} µs/path, ` +
        `${res.fullPathsTimed} paths; record clear ${res.clearMicrosFull.toFixed(1)} µs apart)`,
    );
    console.log(
      `full / cost floor (${res.floorMicrosPerPath} µs): ${res.fullOverFloor.toFixed(2)}x (goal ≤ ${res.goalFactor}x; medians of ${res.rounds} alternating rounds)`,
    );
    if (res.profileShareFull !== undefined) {
      console.log(`self time, network only: ${shareLine(res.profileShareNetworkOnly)}`);
      console.log(`self time, full model:   ${shareLine(res.profileShareFull)}`);
    }
  }
}
