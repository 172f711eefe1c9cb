/**
 * Cost-floor kernel benchmark (the performance issue, item 3; DESIGN.md §3 "Cost per path"):
 * the smallest loop that makes the random draws and the per-day arithmetic the model needs
 * for one 6-year path, with nothing else, and the full model's cost per path as a ratio
 * to it (goal: ≤ 2.5×).
 *
 * Plain JS on the built output (run `npm run build` first; `npm run bench` does).
 *   node bench/floor.mjs [--json] [--seconds 3] [--years 6] [--rounds 5] [--no-model]
 *
 * What one floor path does, written the way DESIGN.md §3 describes the floor (and with the
 * same parameters as the full model: defaultModelPlan with all named miners, so the same
 * calibration as bench/model.mjs's "full model"):
 * - Streams: derives the same 16 per-path streams as the model (streamFor per component:
 *   chain, the market's four, fleet, ten miners; seedrandom alea via dist/random), since
 *   DESIGN.md §4 requires them (their cost is also reported apart).
 * - Every day: one price step of the regime-switching GBM with jumps and crashes, exactly
 *   as the model's market (priceProcess.ts gbmDayLogReturn: one standard normal per regime
 *   segment, jump/crash hazard budgets checked against exponential waiting times, regime
 *   switches at drawn times); hashprice from price, reward and difficulty and its running
 *   integral (∫HP dt); the fleet read through a sorted supply curve (binary search over the
 *   knots of the plan's ~24 cohorts, linear inside a band) with the first-order aggregate
 *   lag (a precomputed daily decay) and the clamp to installed; the network hashrate set
 *   on the chain (accumulate Λ, re-plan the boundary instant, as fast-chain.ts).
 * - At every chain boundary (epoch first block, retarget, subsidy change, halving): the
 *   fast engine's draw for the next segment (Gamma(k, 1), or Exp(1) for k = 1 — 2 per 2016
 *   blocks) and at a retarget the new difficulty (timespan ratio clamped to [¼, 4]) and a
 *   hashprice change point.
 * - Weekly: the fee draw (lognormal, plus the spike waiting-time check) and the fleet's
 *   growth decision (one uniform), and for each of the 10 named miners the running-sum
 *   update (revenue = PH/s × Δ∫HP, power cost, a margin check: "strategies decide
 *   weekly"), and a weekly grid record of the 5 network series.
 * Not included (the floor leaves them out by definition): contracts, capex, AI revenue,
 * power windows, per-miner output, epoch records, exact compact-bits arithmetic.
 *
 * The full model's figure comes from bench/model.mjs (benchModel: the full model, one
 * thread, its own worker). Floor rounds run before and after it and the median of all
 * floor rounds is used, so that a change in machine load moves both alike.
 */
import { pathToFileURL } from "node:url";
import { exponentialVariate, gammaVariate, lognormalVariate, standardNormal, streamFor } from "../dist/random/index.js";
import { defaultModelPlan } from "../dist/model/path/index.js";
import { difficultyFromBits } from "../dist/consensus/index.js";
import { benchOptions, machineInfo, machineLine, median } from "./machine.mjs";
import { benchModel } from "./model.mjs";

const GOAL_FACTOR = 2.5;
const DAY = 86_400;
const TWO32 = 2 ** 32;
const I = 2016;
const S = 210_000;
const DAYS_PER_YEAR = 365.25;

/** Last day of a horizon of `years` whole years from 2026-03-01 (ISO date), as bench/model.mjs. */
function horizonDate(years) {
  const end = new Date(Date.UTC(2026 + Math.floor(years), 2, 1) + Math.round((years % 1) * 365) * 86_400_000);
  return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The supply curve of the plan's cohorts: sorted knots (breakeven $/PH/day → cumulative EH/s, slope to the right). */
function supplyCurve(cohorts) {
  const ev = [];
  for (const c of cohorts) {
    const lo = 0.024 * c.jPerTh * c.powerCostLo;
    const hi = 0.024 * c.jPerTh * c.powerCostHi;
    if (hi > lo) {
      ev.push([lo, 0, c.installedEh / (hi - lo)]);
      ev.push([hi, 0, -c.installedEh / (hi - lo)]);
    } else ev.push([lo, c.installedEh, 0]);
  }
  ev.sort((a, b) => a[0] - b[0]);
  const n = ev.length;
  const x = new Float64Array(n);
  const eh = new Float64Array(n);
  const slope = new Float64Array(n);
  let cum = 0;
  let s = 0;
  let prevX = 0;
  for (let k = 0; k < n; k++) {
    const [key, jump, ds] = ev[k];
    cum += s * (key - prevX) + jump;
    s += ds;
    x[k] = key;
    eh[k] = cum;
    slope[k] = Math.abs(s) < 1e-12 ? 0 : s;
    prevX = key;
  }
  return { n, x, eh, slope, total: cum };
}

/**
 * Build the floor kernel for `years` (or up to the ISO date `horizon`, inclusive, when given:
 * bench/ceiling.mjs runs it to the baseline's horizon); returns { run(pathIndex), plan,
 * curveKnots, streamsOnly(pathIndex) }.
 */
export function createFloor(years = 6, horizon = horizonDate(years)) {
  const plan = defaultModelPlan({ miners: "all", horizonDate: horizon });
  const pm = plan.market.price.model;
  const fp = plan.market.fees;
  const curve = supplyCurve(plan.fleet.cohorts);
  const { x: cx, eh: ceh, slope: cslope, n: cn } = curve;
  const decayDown = Math.exp(-1 / plan.fleet.lag.tauDownDays);
  const decayUp = Math.exp(-1 / plan.fleet.lag.tauUpDays);
  const T = plan.horizonDays;
  const startTime = plan.startTime;
  const D0 = difficultyFromBits(plan.chain.startBits);
  const h0Eh = plan.fleet.initialRunningEh;
  const startHeight = plan.chain.startHeight;
  const M = plan.miners.length;
  const minerIds = plan.miners.map((m) => `miner:${m.id}`);
  const minerPh = Float64Array.from(plan.miners, (m) => (m.miningMw * 1000) / m.jPerTh);
  const minerCost = Float64Array.from(plan.miners, (m) => m.powerUsdPerMwh);
  const minerMw = Float64Array.from(plan.miners, (m) => m.miningMw);
  const minerLast = new Float64Array(M);
  const minerRev = new Float64Array(M);
  const minerCostSum = new Float64Array(M);
  const minerOn = new Uint8Array(M);
  const G = Math.floor(T / 7) + 1;
  const out = new Float64Array(5 * G);
  // Price process constants (priceProcess.ts resetPrice, "log" drift convention).
  const drift0 = (pm.muPerYear - pm.jumpRateCalmPerYear * pm.jumpMeanLog - pm.crashRatePerYear * pm.crashLogSize) / DAYS_PER_YEAR;
  const drift1 = (pm.muPerYear - pm.jumpRateStressedPerYear * pm.jumpMeanLog - pm.crashRatePerYear * pm.crashLogSize) / DAYS_PER_YEAR;
  const sig0 = pm.sigmaCalm / Math.sqrt(DAYS_PER_YEAR);
  const sig1 = pm.sigmaStressed / Math.sqrt(DAYS_PER_YEAR);
  const jr0 = pm.jumpRateCalmPerYear / DAYS_PER_YEAR;
  const jr1 = pm.jumpRateStressedPerYear / DAYS_PER_YEAR;
  const crashRate = pm.crashRatePerYear / DAYS_PER_YEAR;
  const leave0 = pm.calmToStressedPerYear / DAYS_PER_YEAR;
  const leave1 = pm.stressedToCalmPerYear / DAYS_PER_YEAR;
  const spikeRate = fp.spikeRatePerYear / DAYS_PER_YEAR;
  const feeMu = Math.log(fp.meanBtc) - 0.5 * fp.sigmaLog * fp.sigmaLog;

  /** The end state of the last path (a sanity check: height, difficulty, price). */
  const last = { height: 0, difficulty: 0, price: 0 };

  function nextBoundary(h) {
    // Smallest boundary height > h: I·n, I·n + I − 1, S·m − 1, S·m.
    const e = h + 1;
    let b = Math.ceil(e / I) * I;
    const r = Math.ceil((e + 1) / I) * I - 1;
    if (r < b) b = r;
    const sc = Math.ceil((e + 1) / S) * S - 1;
    if (sc < b) b = sc;
    const hv = Math.ceil(e / S) * S;
    if (hv < b) b = hv;
    return b;
  }

  function run(seed, pathIndex) {
    // Streams, as the model derives them (DESIGN.md §4).
    const chain = streamFor(seed, pathIndex, "chain");
    const rp = streamFor(seed, pathIndex, "market.price");
    const rf = streamFor(seed, pathIndex, "market.fees");
    streamFor(seed, pathIndex, "market.aiLease");
    streamFor(seed, pathIndex, "market.powerPeaks");
    const rfl = streamFor(seed, pathIndex, "fleet");
    for (let i = 0; i < M; i++) streamFor(seed, pathIndex, minerIds[i]);

    // Price reset: regime and waiting times.
    let logP = Math.log(pm.s0);
    let price = pm.s0;
    let regime = 0;
    let nextSwitch = leave0 > 0 ? exponentialVariate(rp, leave0) : Infinity;
    let jumpHaz = exponentialVariate(rp);
    let crashHaz = exponentialVariate(rp);
    // Fees.
    let nextSpike = spikeRate > 0 ? exponentialVariate(rf, spikeRate) : Infinity;
    let fees = lognormalVariate(rf, feeMu, fp.sigmaLog);
    // Chain.
    let D = D0;
    let height = startHeight;
    let subsidy = 3.125;
    let epochStart = startTime;
    let rate = (h0Eh * 1e18) / (D * TWO32);
    let nb = nextBoundary(height);
    let k = nb - height;
    let target = k === 1 ? exponentialVariate(chain) : gammaVariate(chain, k);
    let integral = 0;
    let segStart = startTime;
    let bTime = segStart + target / rate;
    // Hashprice and its integral.
    const K = (DAY * 1e15) / TWO32;
    let hp = ((K * (subsidy + fees)) / D) * price;
    let cumHp = 0;
    let hpDay = 0;
    // Fleet.
    let econ = h0Eh;
    let fleetH = econ * 1e18;
    let namedPh = 0;
    for (let i = 0; i < M; i++) {
      namedPh += minerPh[i];
      minerLast[i] = 0;
      minerRev[i] = 0;
      minerCostSum[i] = 0;
      minerOn[i] = 1;
    }
    let g = 0;

    for (let day = 1; day <= T; day++) {
      const now = startTime + day * DAY;
      // Chain boundaries up to now.
      while (bTime <= now) {
        height = nb;
        if (height % I === I - 1) {
          // Retarget: timespan of the epoch, clamped to [¼, 4] (Core CalculateNextWorkRequired).
          let f = (bTime - epochStart) / (I * 600);
          if (f < 0.25) f = 0.25;
          else if (f > 4) f = 4;
          D = D / f;
          const d = (bTime - startTime) / DAY;
          cumHp += hp * (d - hpDay);
          hpDay = d;
          hp = ((K * (subsidy + fees)) / D) * price;
        } else if (height % I === 0) epochStart = bTime;
        if (height % S === S - 1) {
          subsidy *= 0.5;
          const d = (bTime - startTime) / DAY;
          cumHp += hp * (d - hpDay);
          hpDay = d;
          hp = ((K * (subsidy + fees)) / D) * price;
        }
        const rateNow = ((fleetH + namedPh * 1e15) / (D * TWO32));
        rate = rateNow;
        nb = nextBoundary(height);
        k = nb - height;
        target = k === 1 ? exponentialVariate(chain) : gammaVariate(chain, k);
        integral = 0;
        segStart = bTime;
        bTime = rate > 0 ? segStart + target / rate : Infinity;
      }

      // Price step (priceProcess.ts gbmDayLogReturn).
      let t = day - 1;
      const tEnd = day;
      let ret = 0;
      for (;;) {
        const segEnd = nextSwitch < tEnd ? nextSwitch : tEnd;
        const dt = segEnd - t;
        if (dt > 0) {
          ret += (regime === 0 ? drift0 : drift1) * dt + (regime === 0 ? sig0 : sig1) * Math.sqrt(dt) * standardNormal(rp);
          let budget = (regime === 0 ? jr0 : jr1) * dt;
          while (jumpHaz <= budget) {
            budget -= jumpHaz;
            ret += pm.jumpMeanLog + pm.jumpSdLog * standardNormal(rp);
            jumpHaz = exponentialVariate(rp);
          }
          jumpHaz -= budget;
          budget = crashRate * dt;
          while (crashHaz <= budget) {
            budget -= crashHaz;
            ret += pm.crashLogSize;
            crashHaz = exponentialVariate(rp);
          }
          crashHaz -= budget;
        }
        if (nextSwitch >= tEnd) break;
        regime = 1 - regime;
        const leave = regime === 0 ? leave0 : leave1;
        nextSwitch = leave > 0 ? segEnd + exponentialVariate(rp, leave) : Infinity;
        t = segEnd;
      }
      logP += ret;
      price = Math.exp(logP);

      // Weekly fee draw with the spike waiting-time check (fees.ts).
      if (day % 7 === 0) {
        if (day >= nextSpike) nextSpike = day + exponentialVariate(rf, spikeRate);
        fees = lognormalVariate(rf, feeMu, fp.sigmaLog);
      }

      // Hashprice change point and its running integral.
      cumHp += hp * (day - hpDay);
      hpDay = day;
      hp = ((K * (subsidy + fees)) / D) * price;

      // Fleet: supply curve (binary search) and the aggregate lag.
      let lo = 0;
      let hi = cn - 1;
      let tgt;
      if (hp < cx[0]) tgt = 0;
      else {
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (cx[mid] <= hp) lo = mid;
          else hi = mid - 1;
        }
        tgt = lo === cn - 1 ? ceh[lo] : ceh[lo] + cslope[lo] * (hp - cx[lo]);
      }
      if (econ !== tgt) econ = tgt + (econ - tgt) * (tgt < econ ? decayDown : decayUp);
      if (econ > curve.total) econ = curve.total;
      if (!(econ > 0)) econ = 0;
      fleetH = econ * 1e18;

      // Weekly: fleet growth decision, miners' running sums and decisions, grid record.
      if (day % 7 === 0) {
        if (hp > cx[cn >> 1]) rfl.double();
        namedPh = 0;
        for (let i = 0; i < M; i++) {
          const dHp = cumHp - minerLast[i];
          minerLast[i] = cumHp;
          if (minerOn[i] === 1) {
            const rev = minerPh[i] * dHp;
            const cost = minerMw[i] * 24 * 7 * minerCost[i];
            minerRev[i] += rev;
            minerCostSum[i] += cost;
            minerOn[i] = rev > 0.5 * cost ? 1 : 0;
          } else minerOn[i] = hp * minerPh[i] * 7 > minerMw[i] * 24 * 7 * minerCost[i] ? 1 : 0;
          if (minerOn[i] === 1) namedPh += minerPh[i];
        }
        out[g] = (fleetH + namedPh * 1e15) / 1e18;
        out[G + g] = D / 1e12;
        out[2 * G + g] = hp;
        out[3 * G + g] = price;
        out[4 * G + g] = fees;
        g++;
      }

      // Set the hashrate on the chain: accumulate Λ, re-plan the boundary (fast-chain.ts).
      const newRate = (fleetH + namedPh * 1e15) / (D * TWO32);
      integral += rate * (now - segStart);
      segStart = now;
      rate = newRate;
      bTime = rate > 0 ? segStart + (target - integral) / rate : Infinity;
    }
    last.height = height;
    last.difficulty = D;
    last.price = price;
    return out[3 * G + g - 1] + minerRev[0] - minerCostSum[0] + height;
  }

  function streamsOnly(seed, pathIndex) {
    let s = streamFor(seed, pathIndex, "chain").double();
    s += streamFor(seed, pathIndex, "market.price").double();
    s += streamFor(seed, pathIndex, "market.fees").double();
    s += streamFor(seed, pathIndex, "market.aiLease").double();
    s += streamFor(seed, pathIndex, "market.powerPeaks").double();
    s += streamFor(seed, pathIndex, "fleet").double();
    for (let i = 0; i < M; i++) s += streamFor(seed, pathIndex, minerIds[i]).double();
    return s;
  }

  return { run, streamsOnly, last, plan, knots: cn, cohorts: plan.fleet.cohorts.length, horizonDays: T, miners: M };
}

/** Runs fn("bench", first + i) for at least minSeconds and minPaths; returns { paths, micros per path }. */
export function timeLoop(fn, minSeconds, minPaths, first) {
  let paths = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000 || paths < minPaths) {
    sink += fn("bench", first + paths);
    paths++;
    elapsed = performance.now() - t0;
  }
  if (sink !== sink) throw new Error("floor: NaN path"); // keeps the result live
  return { paths, micros: (1000 * elapsed) / paths };
}

/**
 * Runs the benchmark and returns its figures.
 * @param {{ seconds?: number, years?: number, rounds?: number, model?: boolean }} [opts]
 */
export async function benchFloor(opts = {}) {
  const seconds = opts.seconds ?? 3;
  const years = opts.years ?? 6;
  const rounds = opts.rounds ?? 5;
  const s0 = performance.now();
  const f = createFloor(years);
  const setupMs = performance.now() - s0;
  const w0 = performance.now();
  timeLoop(f.run, 0.5, 20, 1_000_000);
  timeLoop(f.streamsOnly, 0.2, 20, 1_000_000);
  const warmupMs = performance.now() - w0;
  const floorRounds = [];
  const streamRounds = [];
  let next = 0;
  const half = Math.ceil(rounds / 2);
  const floorRound = () => {
    const r = timeLoop(f.run, seconds / rounds, 10, next);
    next += r.paths;
    floorRounds.push(r.micros);
    streamRounds.push(timeLoop(f.streamsOnly, seconds / rounds / 4, 10, next).micros);
  };
  for (let k = 0; k < half; k++) floorRound();
  let model = null;
  if (opts.model !== false) model = await benchModel({ seconds: opts.modelSeconds ?? 4, years, rounds });
  for (let k = half; k < rounds; k++) floorRound();
  const floorMicros = median(floorRounds);
  const res = {
    name: "floor",
    machine: machineInfo(),
    plan: { years, horizonDays: f.horizonDays, cohorts: f.cohorts, supplyCurveKnots: f.knots, namedMiners: f.miners },
    setupMs,
    warmupMs,
    floorMicrosPerPath: floorMicros,
    floorPathsPerSec: 1e6 / floorMicros,
    streamDerivationMicrosPerPath: median(streamRounds),
    floorRoundsMicros: floorRounds,
    fullMicrosPerPath: model?.fullMicrosPerPath ?? null,
    networkOnlyMicrosPerPath: model?.networkOnlyMicrosPerPath ?? null,
    fullOverFloor: model === null ? null : model.fullMicrosPerPath / floorMicros,
    goalFactor: GOAL_FACTOR,
    rounds,
  };
  return res;
}

function parseArgs(argv) {
  const opts = { json: false, model: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--no-model") opts.model = false;
    else if (a === "--seconds" || a === "--years" || a === "--rounds") {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      opts[a.slice(2)] = v;
    } else if (a === "--profile") {
      // accepted (and ignored) so that `npm run bench -- --profile` reaches model.mjs
    } else throw new Error(`unknown option ${a} (use --json, --no-model, --seconds N, --years N, --rounds N)`);
  }
  return opts;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = benchOptions(import.meta.url, parseArgs);
  const res = await benchFloor(opts);
  if (opts.json) console.log(JSON.stringify(res, null, 2));
  else {
    console.log("cost-floor kernel benchmark (bench/floor.mjs, one thread)");
    console.log(machineLine(res.machine));
    console.log(
      `plan: ${res.plan.years} years (${res.plan.horizonDays} days), ${res.plan.cohorts} cohorts (${res.plan.supplyCurveKnots} supply-curve knots), ` +
        `${res.plan.namedMiners} named miners (weekly running sums)`,
    );
    console.log(
      `floor kernel: ${res.floorPathsPerSec.toFixed(0).padStart(7)} paths/s  (${res.floorMicrosPerPath.toFixed(0)} µs/path, ` +
        `of which deriving 16 streams ${res.streamDerivationMicrosPerPath.toFixed(0)} µs)`,
    );
    if (res.fullOverFloor !== null) {
      console.log(`full model:   ${(1e6 / res.fullMicrosPerPath).toFixed(0).padStart(7)} paths/s  (${res.fullMicrosPerPath.toFixed(0)} µs/path, bench/model.mjs)`);
      console.log(`full / floor: ${res.fullOverFloor.toFixed(2)}x (goal ≤ ${res.goalFactor}x; floor: median of ${res.rounds} rounds around the model's)`);
    }
  }
}
