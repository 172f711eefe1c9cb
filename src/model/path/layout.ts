/**
 * The record layout of the full model path (the contract with src/montecarlo, layout.ts
 * there): which series, scalars and epoch fields a path writes, with their units, and the
 * index of each in the record.
 *
 * ## Grid semantics
 * Series are read on the plan's grid (weekly from the start date by default; every grid
 * date is 00:00 UTC). At grid date t:
 * - **levels** (hashrate, difficulty, price, MW by state, treasury, …) are the state at t
 *   after everything that happens at that instant (the daily tick, the named miners'
 *   decisions, any chain boundary at t);
 * - **flows** (revenues, credits, EBITDA) are sums over the grid interval ending at t,
 *   (grid[g−1], grid[g]] — a week on the default grid, hence the unit "USD/week" — and
 *   NaN at grid[0], where no interval ends; the margin is the interval's EBITDA over its
 *   revenue (NaN when the interval had no revenue).
 * A grid date equal to the horizon is recorded after the path ends (state at the horizon).
 *
 * Flows need every miner's ledger at the grid date, so with per-miner series on, miners
 * accrue there. Accrual is exact whatever the partition, except the miners' exponentially
 * weighted trailing means (trailing hashprice, flip date), which are updated per accrual
 * interval: on the default grid (weekly, aligned with weekly decisions) the grid adds no
 * accrual and the path is the same with or without per-miner series; a grid not aligned
 * with the decisions refines those means slightly.
 *
 * ## Hashprice
 * "hashprice" is the FPPS revenue of 1 PH/s per day at the current difficulty, block
 * reward (subsidy + expected fees) and price (units.ts revenuePerPhDayAtDifficulty): what a
 * miner earns, and what the fleet responds to. It equals Luxor's published hashprice when
 * the network hashrate equals the difficulty-implied one.
 */
import type { EventSpec, FieldSpec, RecordLayout } from "../../montecarlo/layout.js";
import { AI, CONVERTING, CURTAILED, IDLE, MINING, MW_STATE_NAMES } from "../miners/index.js";
import { SECONDS_PER_DAY } from "../units.js";
import type { ModelPlan } from "./plan.js";

/** Network series, in order (indices {@link NET}). */
const NETWORK_SERIES_BASE: readonly FieldSpec[] = [
  { entity: "network", metric: "hashrate", unit: "EH/s" },
  { entity: "network", metric: "difficulty", unit: "T (1e12, Core GetDifficulty)" },
  { entity: "network", metric: "hashprice", unit: "USD/PH/day" },
  { entity: "network", metric: "btcPrice", unit: "USD" },
  { entity: "network", metric: "fees", unit: "BTC/block" },
  { entity: "network", metric: "avgJPerTh", unit: "J/TH (all running hardware: fleet and named miners)" },
  { entity: "network", metric: "fleetJPerTh", unit: "J/TH (running network fleet, named miners excluded; NaN if it runs nothing)" },
  { entity: "network", metric: "fleetHashrate", unit: "EH/s (running network fleet, named miners excluded)" },
];

/** Indices of the fixed network series. */
export const NET = Object.freeze({
  hashrate: 0,
  difficulty: 1,
  hashprice: 2,
  btcPrice: 3,
  fees: 4,
  avgJPerTh: 5,
  fleetJPerTh: 6,
  fleetHashrate: 7,
});

/** Series of the named miners in aggregate, after the network's (MW by state). */
export const NAMED_METRICS = Object.freeze(["mwAi", "mwConverting", "mwMining", "mwCurtailed", "mwIdle"] as const);
/** The capacity state (states.ts index) of each {@link NAMED_METRICS} entry. */
export const NAMED_STATES: readonly number[] = Object.freeze([AI, CONVERTING, MINING, CURTAILED, IDLE]);

/** Per-miner series, in order: MW by state (states.ts order), then flows and levels. */
export const MINER_SERIES = Object.freeze({
  /** mw by state s at offset s (mining, curtailed, converting, ai, idle). */
  mw: 0,
  miningRevenue: 5,
  aiRevenue: 6,
  drCredits: 7,
  ebitda: 8,
  ebitdaMargin: 9,
  treasuryBtc: 10,
  count: 11,
});

/** Network scalars, in order. */
export const NET_SCALARS = Object.freeze({
  hashrateDrawdown: 0,
  minHashprice: 1,
  negativeAdjustments: 2,
  largestNegativeAdjustment: 3,
  longestEpoch: 4,
  halvingDate: 5,
  secondHalvingDate: 6,
  stalled: 7,
  epochsCompleted: 8,
  count: 9,
});

/** Per-miner scalars, in order. */
export const MINER_SCALARS = Object.freeze({
  cumulativeEbitda: 0,
  npv: 1,
  curtailedMwh: 2,
  aiFlipDate: 3,
  miningRevenuePerMwYr: 4,
  coloRevenuePerItMwYr: 5,
  gpuRevenuePerItMwYr: 6,
  droppedConversionMw: 7,
  count: 8,
});

/** Epoch fields, in order. */
export const EPOCH_FIELDS = Object.freeze({ difficulty: 0, adjustment: 1, duration: 2, meanBlockInterval: 3, count: 4 });

/** Thresholds of the named network events. */
export const DRAWDOWN_EVENT_THRESHOLD = 0.2;
export const NEGATIVE_ADJUSTMENT_EVENT_THRESHOLD_PCT = -10;

/** Where every field of a model record is (indices into the layout's field lists). */
export interface ModelLayoutIndex {
  /** B = number of efficiency bands (edges + 1). */
  readonly bands: number;
  /** First running-by-band series; installed-by-band starts at runningBands + bands. */
  readonly runningBands: number;
  readonly installedBands: number;
  /** First named-aggregate series. */
  readonly named: number;
  /** First series of miner i: minerSeries + i·MINER_SERIES.count, or −1 without per-miner series. */
  readonly minerSeries: number;
  /** First scalar of miner i: minerScalars + i·MINER_SCALARS.count. */
  readonly minerScalars: number;
}

/** The layout and its index. */
export interface ModelLayout {
  readonly layout: RecordLayout;
  readonly index: ModelLayoutIndex;
}

/** Band labels from the upper edges: "Below19", "19to25", "25to38", "38Plus". */
export function bandLabels(edges: readonly number[]): string[] {
  const labels = [`Below${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${edges[i - 1]}to${edges[i]}`);
  labels.push(`${edges[edges.length - 1]}Plus`);
  return labels;
}

/** "USD/week" on a weekly grid; otherwise "USD per grid interval". */
function flowUnit(grid: Float64Array, base: string): string {
  let weekly = grid.length > 1;
  for (let g = 1; g < grid.length && weekly; g++) weekly = grid[g]! - grid[g - 1]! === 7 * SECONDS_PER_DAY;
  return weekly ? `${base}/week` : `${base} per grid interval`;
}

/** Builds the layout of a plan (validate the plan first). */
export function buildModelLayout(plan: ModelPlan): ModelLayout {
  const labels = bandLabels(plan.efficiencyBandEdges);
  const B = labels.length;
  const series: FieldSpec[] = [...NETWORK_SERIES_BASE];
  const runningBands = series.length;
  for (const l of labels) series.push({ entity: "network", metric: `runningEh${l}`, unit: "EH/s" });
  const installedBands = series.length;
  for (const l of labels) series.push({ entity: "network", metric: `installedEh${l}`, unit: "EH/s" });
  const named = series.length;
  for (const m of NAMED_METRICS) series.push({ entity: "named", metric: m, unit: "MW" });
  const usd = flowUnit(plan.grid, "USD");
  let minerSeries = -1;
  if (plan.switches.minerSeries && plan.miners.length > 0) {
    minerSeries = series.length;
    for (const spec of plan.miners) {
      const e = spec.id;
      for (const s of MW_STATE_NAMES) series.push({ entity: e, metric: `mw${s[0]!.toUpperCase()}${s.slice(1)}`, unit: "MW" });
      series.push({ entity: e, metric: "miningRevenue", unit: usd });
      series.push({ entity: e, metric: "aiRevenue", unit: usd });
      series.push({ entity: e, metric: "drCredits", unit: usd });
      series.push({ entity: e, metric: "ebitda", unit: usd });
      series.push({ entity: e, metric: "ebitdaMargin", unit: "1 (EBITDA / revenue over the interval)" });
      series.push({ entity: e, metric: "treasuryBtc", unit: "BTC" });
    }
  }

  const scalars: FieldSpec[] = [
    { entity: "network", metric: "hashrateDrawdown", unit: "1 (peak-to-trough fraction of daily hashrate)" },
    { entity: "network", metric: "minHashprice", unit: "USD/PH/day" },
    // Integer fields (FieldSpec.integer: quantiles reported as integers): the number of
    // negative retargets, the 0/1 stall flag and the number of completed epochs, each a count
    // kept in the kernel or the chain process (kernel.ts finish, chain-process.ts). No other
    // field is integer-valued: MW, USD, days, dates (continuous block times) can be fractional.
    { entity: "network", metric: "negativeAdjustments", unit: "count", integer: true },
    { entity: "network", metric: "largestNegativeAdjustment", unit: "% (NaN if none)" },
    { entity: "network", metric: "longestEpoch", unit: "days (incl. the epoch still open at the horizon)" },
    // Dates: the sketch's origin is the start, so quantiles keep day precision (FieldSpec.origin).
    { entity: "network", metric: "halvingDate", unit: "unix s (NaN if beyond the horizon)", origin: plan.startTime },
    { entity: "network", metric: "secondHalvingDate", unit: "unix s (NaN if beyond the horizon)", origin: plan.startTime },
    { entity: "network", metric: "stalled", unit: "1 (0/1)", integer: true },
    { entity: "network", metric: "epochsCompleted", unit: "count", integer: true },
  ];
  const minerScalars = scalars.length;
  for (const spec of plan.miners) {
    const e = spec.id;
    scalars.push({ entity: e, metric: "cumulativeEbitda", unit: "USD" });
    scalars.push({ entity: e, metric: "npv", unit: "USD (at the start date)" });
    scalars.push({ entity: e, metric: "curtailedMwh", unit: "MWh" });
    scalars.push({ entity: e, metric: "aiFlipDate", unit: "unix s (NaN = never)", origin: plan.startTime });
    scalars.push({ entity: e, metric: "miningRevenuePerMwYr", unit: "USD/MW-yr" });
    scalars.push({ entity: e, metric: "coloRevenuePerItMwYr", unit: "USD/IT-MW-yr" });
    scalars.push({ entity: e, metric: "gpuRevenuePerItMwYr", unit: "USD/IT-MW-yr" });
    scalars.push({ entity: e, metric: "droppedConversionMw", unit: "MW (largest conversion or re-mining build not started for lack of a slot; 0 = none)" });
  }

  const epochFields: FieldSpec[] = [
    { entity: "epoch", metric: "difficulty", unit: "T (1e12)" },
    { entity: "epoch", metric: "adjustment", unit: "% (retarget at the epoch's end)" },
    { entity: "epoch", metric: "duration", unit: "days" },
    { entity: "epoch", metric: "meanBlockInterval", unit: "s" },
  ];

  const events: EventSpec[] = [
    {
      name: "hashrate drawdown > 20%",
      scalar: { entity: "network", metric: "hashrateDrawdown" },
      op: ">",
      threshold: DRAWDOWN_EVENT_THRESHOLD,
    },
    {
      name: "negative adjustment < -10%",
      scalar: { entity: "network", metric: "largestNegativeAdjustment" },
      op: "<",
      threshold: NEGATIVE_ADJUSTMENT_EVENT_THRESHOLD_PCT,
    },
  ];
  for (const spec of plan.miners) {
    events.push({ name: `${spec.id} AI revenue > mining revenue`, scalar: { entity: spec.id, metric: "aiFlipDate" }, op: "isFinite" });
  }

  return {
    layout: { grid: plan.grid, series, scalars, epochFields, maxEpochs: plan.maxEpochs, events },
    index: { bands: B, runningBands, installedBands, named, minerSeries, minerScalars },
  };
}
