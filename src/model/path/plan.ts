/**
 * The model plan: everything one run of the full model path needs, compiled once per run
 * as plain data (JSON values, ±Infinity where a contract term says "never", typed arrays),
 * so that it can be structured-cloned to worker threads (DESIGN.md §1 "Plan").
 *
 * The scenario layer compiles YAML into a {@link ModelPlan}; {@link defaultModelPlan}
 * builds the default 2026-03-01 calibration. {@link validateModelPlan} checks a plan and
 * throws a RangeError naming the first bad field (`model plan: <field> ...`).
 *
 * Time: the plan starts at 00:00 UTC of `startDate` (unix `startTime`), which is day 0 of
 * the market, fleet and named miners; the horizon is a later midnight, `horizonDays` days
 * on. Every daily tick (market step, fleet update) runs at 00:00 UTC of days
 * 0 … horizonDays − 1; nothing runs at or after the horizon.
 */
import { COIN, blockSubsidy, bitsFromDifficulty, difficultyFromBits } from "../../consensus/index.js";
import { validateEnginePlan, type EngineMode, type EnginePlan } from "../../engine/index.js";
import { DEFAULT_NETWORK } from "../calibration.js";
import { defaultFleetPlan, validateFleetPlan, type DefaultFleetPlanOptions, type FleetPlan } from "../fleet/index.js";
import {
  createMarketState,
  defaultMarketPlan,
  epochDayFromIso,
  tryEpochDayFromIso,
  type AiLeasePlan,
  type FeePlan,
  type MarketPlan,
  type PowerPeakPlan,
  type PricePlan,
  type ScheduledShock,
} from "../market/index.js";
import {
  PROFILES,
  compileMinerSpec,
  profileById,
  type MinerBehaviourDefaults,
  type MinerEconomics,
  type MinerOverrides,
  type MinerSpec,
} from "../miners/index.js";
import { SECONDS_PER_DAY, revenuePerPhDayAtDifficulty } from "../units.js";

/** Version of the {@link ModelPlan} shape. */
export const MODEL_PLAN_VERSION = 1;

/** The chain state at the start (see engine/plan.ts: the tip block and the next block's bits). */
export interface ChainStart {
  /** Height of the tip block, which arrives at the plan's startTime. */
  readonly startHeight: number;
  /** nBits of block startHeight + 1. */
  readonly startBits: number;
  /** Header time of the current epoch's first block; required unless the tip ends an epoch. */
  readonly epochFirstBlockTime?: number;
  /** Stall threshold, seconds (default: the engine's 7,200 s). */
  readonly stallSeconds?: number;
}

/** On/off switches of the path model. */
export interface ModelSwitches {
  /**
   * Per-miner series (11 per miner) in the layout. Off: only the network and the named
   * aggregate are series (per-miner scalars stay), and miners are not accrued at grid
   * dates (their flows are not needed). Per-miner series are most of a record's cells
   * (10 miners × 11 × G), so a large sweep may turn them off.
   */
  readonly minerSeries: boolean;
  /**
   * Named miners' discretionary conversions are priced at the market's lease rate for new
   * contracts (market.aiLease, colocation or GPU by the miner's conversion terms). Off:
   * at the miner's own conversion terms.
   */
  readonly marketLeaseRates: boolean;
  /**
   * A power-peak window counts as a demand-response (ERS) deployment for the named
   * miners (strategies then curtail their enrolled MW). **Assumption**: ERCOT deploys ERS
   * in grid emergencies, which are the peak-price hours (CALIBRATION.md §f); the market
   * has no separate DR-event process. Only matters when power peaks are enabled.
   */
  readonly drEventsInPeakWindows: boolean;
}

/** Default switches. */
export const DEFAULT_SWITCHES: ModelSwitches = Object.freeze({
  minerSeries: true,
  marketLeaseRates: true,
  drEventsInPeakWindows: true,
});

/**
 * Upper edges (J/TH) of the efficiency bands of the hashrate-by-band series: Luxor's
 * tiers <19, 19–25, 25–38, ≥38 J/TH (CALIBRATION.md §a.2, 12 Jan 2026 revenue per MWh
 * by efficiency tier).
 */
export const LUXOR_BAND_EDGES: readonly number[] = Object.freeze([19, 25, 38]);

/** Everything a run of the full model needs (plain data). */
export interface ModelPlan {
  readonly version: number;
  /** Day 0, ISO yyyy-mm-dd (UTC). */
  readonly startDate: string;
  /** 00:00 UTC of startDate, unix seconds; the tip block arrives then. */
  readonly startTime: number;
  /** End of the path, unix seconds: a midnight, startTime + horizonDays·86,400. */
  readonly horizon: number;
  /** Whole days simulated. */
  readonly horizonDays: number;
  readonly chain: ChainStart;
  /** "fast" (default) or "reference" (block-by-block chain; slow, for validation). */
  readonly engineMode: EngineMode;
  readonly market: MarketPlan;
  /**
   * The network fleet: everyone not modelled by name. Its initialRunningEh plus the named
   * miners' mining EH/s at day 0 is the network hashrate at the start.
   */
  readonly fleet: FleetPlan;
  /** Compiled named miners (plain data; see miners/profile.ts compileMinerSpec). Empty = network only. */
  readonly miners: readonly MinerSpec[];
  /** The scenario-wide exit-speed knob the miner specs were compiled with (for reports). */
  readonly exitSpeed: number;
  /**
   * Days between routine decisions of the named miners (integer ≥ 1; they also act at
   * their own contract dates and at power windows). Cost trade-off: each routine decision
   * costs ~460 ns per miner (accrue + contracts + observe + strategy + actions, as measured
   * by the miners' helper; ~0.7 µs here with the kernel's share), i.e. 1.5–2 ms per
   * 6-year path for 10 miners weekly. Coarser decisions save the observe/strategy/actions
   * part, but with per-miner series on (switches.minerSeries) every miner still accrues at
   * every grid date for its flows, so the saving is partial unless the grid is coarse too
   * or the series are off. Between decisions revenue is still exact (running hashprice
   * integrals); what coarser decisions lose is reaction time (curtailment without power
   * windows, conversions, re-mining). See bench/model.mjs for measured figures.
   */
  readonly decisionEveryDays: number;
  /** Output calendar: unix seconds, strictly increasing, each a 00:00 UTC in [startTime, horizon]. */
  readonly grid: Float64Array;
  /** Epoch slots M of the record (epochs beyond are counted in network.epochsCompleted, not stored). */
  readonly maxEpochs: number;
  /** Upper edges of the efficiency bands, J/TH, ascending ({@link LUXOR_BAND_EDGES}). */
  readonly efficiencyBandEdges: readonly number[];
  readonly switches: ModelSwitches;
}

function fail(field: string, message: string): never {
  throw new RangeError(`model plan: ${field} ${message}`);
}

/** Entities the layout uses for itself; a miner id may not take them. */
const RESERVED_ENTITIES: ReadonlySet<string> = new Set(["network", "named", "epoch", "market", "fleet"]);

/** 00:00 UTC of an ISO date, unix seconds; throws naming `field`. */
export function unixFromIsoDate(iso: string, field = "date"): number {
  const d = tryEpochDayFromIso(iso);
  if (Number.isNaN(d)) fail(field, `must be an ISO date yyyy-mm-dd, got "${iso}"`);
  return d * SECONDS_PER_DAY;
}

/** The engine plan of a model plan, given the network hashrate at the start (H/s). */
export function enginePlanOf(plan: ModelPlan, initialHashrateHs: number): EnginePlan {
  const c = plan.chain;
  return {
    startTime: plan.startTime,
    startHeight: c.startHeight,
    startBits: c.startBits,
    ...(c.epochFirstBlockTime !== undefined ? { epochFirstBlockTime: c.epochFirstBlockTime } : {}),
    ...(c.stallSeconds !== undefined ? { stallSeconds: c.stallSeconds } : {}),
    horizon: plan.horizon,
    initialHashrate: initialHashrateHs,
  };
}

/** Mining EH/s of the named miners at day 0: Σ miningMw / J/TH (1 EH/s at e J/TH draws e MW). */
export function namedMiningEhAtStart(miners: readonly MinerSpec[]): number {
  let eh = 0;
  for (const m of miners) eh += m.miningMw / m.jPerTh;
  return eh;
}

/** Network hashrate at the start, EH/s: the fleet's running EH/s plus the named miners'. */
export function initialNetworkEh(plan: ModelPlan): number {
  return plan.fleet.initialRunningEh + namedMiningEhAtStart(plan.miners);
}

/**
 * Checks a model plan; throws a RangeError `model plan: <field> …` naming the first
 * problem (the market and fleet plans are checked by their own validators, whose messages
 * name the field inside them).
 */
export function validateModelPlan(plan: ModelPlan): void {
  if (plan === null || typeof plan !== "object") fail("(root)", "must be an object");
  if (plan.version !== MODEL_PLAN_VERSION) fail("version", `must be ${MODEL_PLAN_VERSION}, got ${String(plan.version)}`);
  const start = unixFromIsoDate(plan.startDate, "startDate");
  if (plan.startTime !== start) fail("startTime", `must be 00:00 UTC of startDate (${start}), got ${plan.startTime}`);
  const hd = plan.horizonDays;
  if (!Number.isInteger(hd) || hd < 1) fail("horizonDays", `must be an integer >= 1, got ${hd}`);
  if (plan.horizon !== plan.startTime + hd * SECONDS_PER_DAY) {
    fail("horizon", `must be startTime + horizonDays·86400 (${plan.startTime + hd * SECONDS_PER_DAY}), got ${plan.horizon}`);
  }
  if (plan.engineMode !== "fast" && plan.engineMode !== "reference") {
    fail("engineMode", `must be "fast" or "reference", got ${String(plan.engineMode)}`);
  }
  if (plan.chain === null || typeof plan.chain !== "object") fail("chain", "must be an object");
  try {
    validateEnginePlan(enginePlanOf(plan, 0));
  } catch (err) {
    fail("chain", `is not a valid chain start: ${(err as Error).message}`);
  }
  const d = plan.decisionEveryDays;
  if (!Number.isInteger(d) || d < 1 || d > 365) fail("decisionEveryDays", `must be an integer in [1, 365], got ${d}`);
  if (!(Number.isFinite(plan.exitSpeed) && plan.exitSpeed > 0)) fail("exitSpeed", `must be a finite number > 0, got ${plan.exitSpeed}`);
  if (!Number.isInteger(plan.maxEpochs) || plan.maxEpochs < 1 || plan.maxEpochs > 1 << 24) {
    fail("maxEpochs", `must be an integer in [1, 2^24], got ${plan.maxEpochs}`);
  }
  // Grid.
  const grid = plan.grid;
  if (!(grid instanceof Float64Array)) fail("grid", "must be a Float64Array of unix seconds");
  if (grid.length === 0) fail("grid", "must have at least one date");
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g]!;
    if (!Number.isFinite(t) || t < plan.startTime || t > plan.horizon) {
      fail(`grid[${g}]`, `must lie in [startTime, horizon], got ${t}`);
    }
    if (t % SECONDS_PER_DAY !== 0) fail(`grid[${g}]`, `must be a 00:00 UTC instant (a multiple of 86400), got ${t}`);
    if (g > 0 && !(t > grid[g - 1]!)) fail(`grid[${g}]`, `must be after grid[${g - 1}] (strictly increasing)`);
  }
  // Bands.
  const edges = plan.efficiencyBandEdges;
  if (!Array.isArray(edges) || edges.length === 0) fail("efficiencyBandEdges", "must be a non-empty array of J/TH");
  edges.forEach((e, i) => {
    if (!(Number.isFinite(e) && e > 0) || (i > 0 && !(e > edges[i - 1]!))) {
      fail(`efficiencyBandEdges[${i}]`, `must be finite, > 0 and ascending, got ${e}`);
    }
  });
  // Switches.
  const sw = plan.switches;
  if (sw === null || typeof sw !== "object") fail("switches", "must be an object");
  for (const key of Object.keys(DEFAULT_SWITCHES) as (keyof ModelSwitches)[]) {
    if (typeof sw[key] !== "boolean") fail(`switches.${key}`, `must be a boolean, got ${String(sw[key])}`);
  }
  // Market.
  const m = plan.market;
  if (m === null || typeof m !== "object") fail("market", "must be an object");
  try {
    createMarketState(m);
  } catch (err) {
    fail("market", `is invalid: ${(err as Error).message}`);
  }
  if (m.powerPeaks.startDate !== plan.startDate) {
    fail("market.powerPeaks.startDate", `must equal startDate (${plan.startDate}), got ${m.powerPeaks.startDate}`);
  }
  if (!(m.powerPeaks.horizonDays >= hd)) {
    fail("market.powerPeaks.horizonDays", `must cover horizonDays (${hd}), got ${m.powerPeaks.horizonDays}`);
  }
  if (m.price.model.kind === "fixed" && m.price.model.prices.length < hd) {
    fail("market.price.model.prices", `needs a price for days 0..${hd - 1} (${hd} values), got ${m.price.model.prices.length}`);
  }
  for (const s of m.price.shocks) {
    if (s.day >= hd) fail("market.price.shocks", `shock "${s.label}" on day ${s.day} is at or after the horizon (day ${hd})`);
  }
  // Fleet.
  if (plan.fleet === null || typeof plan.fleet !== "object") fail("fleet", "must be an object");
  try {
    validateFleetPlan(plan.fleet);
  } catch (err) {
    fail("fleet", `is invalid: ${(err as Error).message}`);
  }
  // Miners.
  if (!Array.isArray(plan.miners)) fail("miners", "must be an array of compiled miner specs");
  const ids = new Set<string>();
  plan.miners.forEach((spec, i) => {
    const where = `miners[${i}]`;
    if (spec === null || typeof spec !== "object") fail(where, "must be a compiled miner spec");
    if (typeof spec.id !== "string" || !/^[A-Za-z0-9_.:-]+$/.test(spec.id) || spec.id.includes("/")) {
      fail(`${where}.id`, `must be a non-empty name of letters, digits and _ . : - (no "/"), got "${String(spec.id)}"`);
    }
    if (RESERVED_ENTITIES.has(spec.id)) fail(`${where}.id`, `"${spec.id}" is reserved for the layout`);
    if (ids.has(spec.id)) fail(`${where}.id`, `"${spec.id}" appears twice`);
    ids.add(spec.id);
    if (!(Number.isFinite(spec.miningMw) && spec.miningMw >= 0)) fail(`${where}.miningMw`, `must be finite >= 0, got ${spec.miningMw}`);
    if (!(Number.isFinite(spec.jPerTh) && spec.jPerTh > 0)) fail(`${where}.jPerTh`, `must be finite > 0, got ${spec.jPerTh}`);
    if (!Number.isInteger(spec.slotCapacity) || spec.slotCapacity < spec.contracts.length) {
      fail(`${where}.slotCapacity`, `must be an integer >= its ${spec.contracts.length} contracts, got ${spec.slotCapacity}`);
    }
  });
  const eh0 = initialNetworkEh(plan);
  if (!(Number.isFinite(eh0) && eh0 >= 0)) fail("fleet.initialRunningEh", `plus the named miners' EH/s must be finite >= 0, got ${eh0}`);
}

/** Grid dates every `everyDays` days from startTime up to and including the horizon. */
export function regularGrid(startTime: number, horizonDays: number, everyDays: number): Float64Array {
  if (!Number.isInteger(everyDays) || everyDays < 1) fail("gridEveryDays", `must be an integer >= 1, got ${everyDays}`);
  const n = Math.floor(horizonDays / everyDays) + 1;
  const grid = new Float64Array(n);
  for (let k = 0; k < n; k++) grid[k] = startTime + k * everyDays * SECONDS_PER_DAY;
  return grid;
}

/**
 * Epoch slots for a horizon: one per 7 days, plus 2 for the partial epochs at both ends.
 * Epochs average 7 days only if hashrate doubles relative to the difficulty every epoch
 * for the whole horizon, which the fleet's capped build rate cannot do; overflow is counted
 * (network.epochsCompleted), never silently lost.
 */
export function defaultMaxEpochs(horizonDays: number): number {
  return Math.ceil(horizonDays / 7) + 2;
}

/** Options of {@link defaultModelPlan}; everything defaults to the 2026-03-01 calibration. */
export interface DefaultModelPlanOptions {
  /** "all" (default): the ten profiles of CALIBRATION.md (2); [] = network only; or a list of ids. */
  readonly miners?: "all" | readonly string[];
  /** Last simulated day, inclusive (default "2032-12-31": covers the 2028 halving at 1,050,000). */
  readonly horizonDate?: string;
  /** Network hashrate at the start, EH/s (default 950, CALIBRATION.md (1) "Initial hashrate"). */
  readonly initialHashrateEh?: number;
  readonly exitSpeed?: number;
  readonly decisionEveryDays?: number;
  /** Spacing of the output grid, days (default 7: weekly from the start date). */
  readonly gridEveryDays?: number;
  readonly engineMode?: EngineMode;
  readonly price?: PricePlan;
  readonly shocks?: readonly ScheduledShock[];
  readonly fees?: Partial<FeePlan>;
  readonly aiLease?: Partial<AiLeasePlan>;
  readonly powerPeaks?: Partial<Omit<PowerPeakPlan, "startDate" | "horizonDays">>;
  /** Fleet options (the running EH/s and start hashprice are derived here). */
  readonly fleet?: Omit<DefaultFleetPlanOptions, "runningEh" | "startHashprice">;
  readonly minerOverrides?: Readonly<Record<string, MinerOverrides>>;
  readonly economics?: Partial<MinerEconomics>;
  readonly behaviour?: Partial<MinerBehaviourDefaults>;
  readonly switches?: Partial<ModelSwitches>;
  readonly maxEpochs?: number;
}

/** Start of the default calibration (CALIBRATION.md (1) Network, "Start date"). */
export const DEFAULT_START_DATE = DEFAULT_NETWORK.startDate;

/**
 * The chain at the default start. The March 2026 retarget opened the epoch at block
 * 941,472 = 2016 × 467 (CALIBRATION.md §b.1, "Mar 2026 Difficulty −7.76% to 133.79 T
 * (block 941,472)"), so the tip is block 941,471, the last of epoch 466, and the path starts
 * with a whole epoch 467. Its difficulty is the "Proposed default calibration" value
 * 133 T (table (1), "Initial difficulty 133 T (= 950 EH/s × 600 / 2^32)"; the reported
 * 133.79 T is 0.6% higher) rather than 133.79 T, so that the fleet, the initial hashrate
 * (950 EH/s) and the start hashprice (~$33.3, §c.1 "Mar 2026") are the same calibration.
 * nBits from Core's compact encoding of the difficulty (consensus bitsFromDifficulty).
 */
export function defaultChainStart(): ChainStart {
  return { startHeight: 2016 * 467 - 1, startBits: bitsFromDifficulty(DEFAULT_NETWORK.initialDifficulty) };
}

function startPrice(price: PricePlan): number {
  const model = price.model;
  if (model.kind === "fixed") return model.prices[0] ?? NaN;
  return model.s0;
}

/**
 * The default model plan: 2026-03-01 start at the March 2026 retarget
 * ({@link defaultChainStart}), 950 EH/s, the default market and fleet (calibration.ts) and,
 * by default, all ten named miners (profiles.ts). With named miners the fleet runs the rest
 * of the network: 950 EH/s − Σ named mining EH/s at the start. The fleet's cohorts are
 * built around the start hashprice at the engine's exact start difficulty
 * (difficultyFromBits of the start bits), the start price and the mean fee, so the fleet
 * starts on its supply curve.
 */
export function defaultModelPlan(opts: DefaultModelPlanOptions = {}): ModelPlan {
  const startDate = DEFAULT_START_DATE;
  const startTime = unixFromIsoDate(startDate, "startDate");
  const horizonDate = opts.horizonDate ?? "2032-12-31";
  const lastDay = epochDayFromIso(horizonDate) - epochDayFromIso(startDate);
  if (!(lastDay >= 0)) fail("horizonDate", `must not precede the start date ${startDate}, got ${horizonDate}`);
  const horizonDays = lastDay + 1;
  const horizon = startTime + horizonDays * SECONDS_PER_DAY;
  const exitSpeed = opts.exitSpeed ?? 1;

  const wanted = opts.miners ?? "all";
  const profiles =
    wanted === "all"
      ? PROFILES
      : wanted.map((id) => {
          const p = profileById(id);
          if (p === undefined) fail("miners", `has no profile "${id}" (known: ${PROFILES.map((q) => q.id).join(", ")})`);
          return p;
        });
  for (const id of Object.keys(opts.minerOverrides ?? {})) {
    if (!profiles.some((p) => p.id === id)) fail("minerOverrides", `names "${id}", which is not among the plan's miners`);
  }
  const miners = profiles.map((p) => {
    const overrides = opts.minerOverrides?.[p.id];
    return compileMinerSpec(p, {
      startDate,
      exitSpeed,
      ...(opts.economics !== undefined ? { economics: opts.economics } : {}),
      ...(opts.behaviour !== undefined ? { behaviour: opts.behaviour } : {}),
      ...(overrides !== undefined ? { overrides } : {}),
    });
  });

  const market = defaultMarketPlan({
    horizonDays,
    startDate,
    ...(opts.price !== undefined ? { price: opts.price } : {}),
    ...(opts.shocks !== undefined ? { shocks: opts.shocks } : {}),
    ...(opts.fees !== undefined ? { fees: opts.fees } : {}),
    ...(opts.aiLease !== undefined ? { aiLease: opts.aiLease } : {}),
    ...(opts.powerPeaks !== undefined ? { powerPeaks: opts.powerPeaks } : {}),
  });

  const chain = defaultChainStart();
  const networkEh = opts.initialHashrateEh ?? DEFAULT_NETWORK.initialHashrateEh;
  const namedEh = namedMiningEhAtStart(miners);
  const fleetEh = networkEh - namedEh;
  if (!(fleetEh >= 0)) {
    fail("miners", `run ${namedEh.toFixed(1)} EH/s at the start, more than the network's ${networkEh} EH/s`);
  }
  // Start hashprice at the engine's difficulty, the start price, the subsidy of the next
  // block (Core GetBlockSubsidy: 3.125 BTC) and the mean fee (CALIBRATION (1) "Fees per block").
  const subsidyBtc = Number(blockSubsidy(chain.startHeight + 1)) / Number(COIN);
  const startHashprice = revenuePerPhDayAtDifficulty(
    startPrice(market.price),
    subsidyBtc + market.fees.meanBtc,
    difficultyFromBits(chain.startBits),
  );
  const fleet = defaultFleetPlan({ ...opts.fleet, runningEh: fleetEh, startHashprice });

  const plan: ModelPlan = {
    version: MODEL_PLAN_VERSION,
    startDate,
    startTime,
    horizon,
    horizonDays,
    chain,
    engineMode: opts.engineMode ?? "fast",
    market,
    fleet,
    miners,
    exitSpeed,
    decisionEveryDays: opts.decisionEveryDays ?? 7,
    grid: regularGrid(startTime, horizonDays, opts.gridEveryDays ?? 7),
    maxEpochs: opts.maxEpochs ?? defaultMaxEpochs(horizonDays),
    efficiencyBandEdges: LUXOR_BAND_EDGES,
    switches: { ...DEFAULT_SWITCHES, ...opts.switches },
  };
  validateModelPlan(plan);
  return plan;
}
