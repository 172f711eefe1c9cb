/**
 * A/B of the model path between two builds, in CPU time: the full model (all named
 * miners) or the network only, 6 years from 2026-03-01, from two project checkouts, each
 * built (`npm run build`) — e.g. a copy of an older commit and this one. Both load into one
 * process and alternate rounds, so a change of machine load moves both alike; each round
 * is timed with process.cpuUsage (one busy thread), which a shared machine's load inflates
 * less than wall time. Prints the median µs/path of each and the ratio B/A.
 *
 *   node bench/ab.mjs <rootA> <rootB> [--seconds 1.5] [--rounds 8] [--network]
 *
 * Make a checkout of an older commit with, e.g.:
 *   git worktree add ../old <commit> && ln -s "$PWD/node_modules" ../old/node_modules && (cd ../old && npm run build)
 *
 * Not part of `npm run bench` (it needs two builds). Used for the second session's ratios in
 * README.md (Performance).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { benchOptions } from "./machine.mjs";

function parseArgs(argv) {
  const opts = { roots: [], seconds: 1.5, rounds: 8, network: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--network") opts.network = true;
    else if (a === "--seconds" || a === "--rounds") {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a} (use --seconds S, --rounds N, --network)`);
    else opts.roots.push(resolve(a));
  }
  if (opts.roots.length !== 2) throw new Error("usage: node bench/ab.mjs <rootA> <rootB> [--seconds 1.5] [--rounds 8] [--network]");
  return opts;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function variant(root, network) {
  const m = await import(pathToFileURL(`${root}/dist/model/path/index.js`).href);
  const plan = m.defaultModelPlan(network ? { miners: [], horizonDate: "2032-02-29" } : { horizonDate: "2032-02-29" });
  const model = m.createPathModel(plan);
  const record = m.allocatePathRecord(model.layout);
  let next = 0;
  return (seconds) => {
    let n = 0;
    const t0 = cpuMs();
    let t = t0;
    while (t - t0 < seconds * 1000) {
      m.clearPathRecord(record);
      model.simulatePath("ab", next++ % 500, record);
      n++;
      t = cpuMs();
    }
    return (1000 * (t - t0)) / n;
  };
}

const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];

const opts = benchOptions(import.meta.url, parseArgs);
const a = await variant(opts.roots[0], opts.network);
const b = await variant(opts.roots[1], opts.network);
a(1);
b(1);
const ra = [];
const rb = [];
for (let i = 0; i < opts.rounds; i++) {
  ra.push(a(opts.seconds));
  rb.push(b(opts.seconds));
}
const ma = median(ra);
const mb = median(rb);
console.log(`${opts.network ? "network only" : "full model"}, CPU time, ${opts.rounds} alternating rounds`);
console.log(`A ${opts.roots[0]}: ${ma.toFixed(0)} µs/path`);
console.log(`B ${opts.roots[1]}: ${mb.toFixed(0)} µs/path`);
console.log(`B / A: ${(mb / ma).toFixed(3)}`);
