/**
 * The full model path: the engine (exact chain process) driven by the market, the network
 * fleet and the named miners, writing one record in the layout of layout.ts.
 *
 * One {@link ModelKernel} per worker and plan: everything (engine, chain record, market,
 * fleet and miner states, scratch objects, handlers) is allocated in the constructor;
 * {@link ModelKernel.simulate} resets it and runs one path. Inside a path nothing is
 * allocated per event except what the components' own streams need at reset (one Alea
 * generator per component per path) — no closures, no immer.
 *
 * ## Events (engine kinds ≥ FIRST_MODEL_EVENT_KIND; lower priority runs first at a tie)
 * | kind | when | does |
 * |---|---|---|
 * | daily (p0) | 00:00 UTC of every day | market step (price, fees, lease rates), hashprice, fleet growth when due (fleet.nextGrowthDay, weekly), fleet daily update, network hashrate, daily drawdown sample, the day's power window (if any) |
 * | decision (p1) | 00:00 UTC every decisionEveryDays from day 0 | every named miner: accrue → contracts → observe → strategy → actions |
 * | miner (p2) | a miner's own next event day before its next decision (contract starts, energisations, defaults, term ends, re-mining done) | that miner, same steps |
 * | window (p2) | start and end of a power-peak window | all miners accrue at the old real-time price, then act at the new one |
 * | record (p9) | each grid date before the horizon | state at that instant, flows over the interval |
 * Chain boundaries run before queued events at the same instant; the retarget and subsidy
 * observers re-price hashprice there.
 *
 * ## Hashprice and accrual
 * Hashprice HP = FPPS revenue per PH/s per day at the current difficulty D, reward
 * R = subsidy + expected fees and price P (units.ts revenuePerPhDayAtDifficulty):
 * piecewise constant, changing only at daily ticks (P, fees), retargets (D) and the subsidy
 * change (R). The kernel keeps ∫HP_USD dt and ∫HP_BTC dt (days) up to the last change, so a
 * miner's accrual between any two of its events is exact (miners/accounting.ts accrueTo).
 * The fleet reads the new difficulty at the next daily tick (daily resolution of the
 * fleet's response; a real fleet also needs time to react).
 *
 * ## Network hashrate
 * H = fleet running (fleetDailyUpdate, H/s) + Σ named miners' mining MW·1000/J/TH PH/s,
 * set on the engine after every daily tick and every miner action.
 */
import { HALVING_INTERVAL, TARGET_SPACING } from "../../consensus/index.js";
import {
  ChainRecord,
  ChainScalar,
  Engine,
  FIRST_MODEL_EVENT_KIND,
  type ChainObserver,
  type EnginePlan,
  type EngineTracer,
  type EventHandler,
} from "../../engine/index.js";
import type { PathRecord, RecordLayout } from "../../montecarlo/layout.js";
import { streamFor, type Rng } from "../../random/index.js";
import * as fleetModule from "../fleet/index.js";
import { createFleetState, efficiencyBandOf, resetFleet, type FleetState } from "../fleet/index.js";
import * as marketModule from "../market/index.js";
import {
  createMarketState,
  createPeakQuery,
  marketRngs,
  resetMarket,
  type MarketRngs,
  type MarketState,
  type PeakQuery,
} from "../market/index.js";
import * as minerModule from "../miners/index.js";
import { AI, CONVERTING, CURTAILED, IDLE, MINING, MW_STATE_COUNT } from "../miners/index.js";
import {
  createAccrualInterval,
  createActions,
  createMarketView,
  createMinerState,
  createObservation,
  createSummary,
  resetMiner,
  summarize,
  type AccrualInterval,
  type Actions,
  type MarketView,
  type MinerState,
  type MinerSummary,
  type Observation,
} from "../miners/index.js";
import * as units from "../units.js";
import { HS_PER_EH, HS_PER_PH, SAT_PER_BTC, SECONDS_PER_DAY } from "../units.js";
import * as layoutModule from "./layout.js";
import { buildModelLayout, type ModelLayoutIndex } from "./layout.js";
import { enginePlanOf, initialNetworkEh, validateModelPlan, type ModelPlan } from "./plan.js";
import type { ModelTracer } from "./trace.js";

// Module-local copies of the functions called per event and of the layout's objects:
// optimised code reads an imported binding from its module cell, with a hole check, at every
// use (bench/imports.mjs, bench/README.md). Numeric constants need no copy: the build writes
// them in as literals (scripts/inline-constants.mjs).
const { accrueTo, advanceContracts, applyActions, nextMinerEventDay, observeMarket, observeMiner, runStrategy } = minerModule;
const { fleetDailyUpdateAt, fleetEconomicPowerMw, fleetEhByEfficiencyBand, fleetGrowthUpdate } = fleetModule;
const { advanceMarketDay, peakOnDay } = marketModule;
const { revenuePerPhDayAtDifficulty } = units;
const { EPOCH_FIELDS, MINER_SCALARS, MINER_SERIES, NAMED_STATES, NET, NET_SCALARS } = layoutModule;

/** Engine event kinds of the model. */
export const KIND_DAILY = FIRST_MODEL_EVENT_KIND;
export const KIND_DECISION = FIRST_MODEL_EVENT_KIND + 1;
export const KIND_MINER = FIRST_MODEL_EVENT_KIND + 2;
export const KIND_WINDOW = FIRST_MODEL_EVENT_KIND + 3;
export const KIND_RECORD = FIRST_MODEL_EVENT_KIND + 4;

/** Names of the model's event kinds (for traces). */
export const MODEL_KIND_NAMES: Readonly<Record<number, string>> = Object.freeze({
  [KIND_DAILY]: "daily tick",
  [KIND_DECISION]: "miner decisions",
  [KIND_MINER]: "miner event",
  [KIND_WINDOW]: "power window",
  [KIND_RECORD]: "grid record",
});

const P_DAILY = 0;
const P_DECISION = 1;
const P_MINER = 2;
const P_WINDOW = 2;
const P_RECORD = 9;

/** Why hashprice changed (tracer argument). */
export const HP_DAILY = 0;
export const HP_RETARGET = 1;
export const HP_SUBSIDY = 2;

/** Why a miner acted (tracer argument). */
export const ACT_DECISION = 0;
export const ACT_OWN_EVENT = 1;
export const ACT_WINDOW = 2;

/** Flow sums kept per miner at the previous grid date: mining, AI, DR, revenue, opex. */
const FLOWS = 5;

/** layout.ts NAMED_STATES as an Int32Array (recordGrid). */
const NAMED_STATE_INDEX = Int32Array.from(NAMED_STATES);

export class ModelKernel {
  readonly plan: ModelPlan;
  readonly layout: RecordLayout;
  readonly index: ModelLayoutIndex;
  readonly engine: Engine;
  readonly enginePlan: EnginePlan;
  readonly record: ChainRecord;
  readonly market: MarketState;
  readonly fleet: FleetState;
  readonly miners: readonly MinerState[];
  /** Model tracer (trace/replay); null in production. */
  tracer: ModelTracer | null = null;
  /** Test/debug hook called after each grid record (g = grid index); null in production. */
  onGrid: ((kernel: ModelKernel, g: number) => void) | null = null;

  // ---- per-path streams ----
  private rngs: MarketRngs | null = null;
  private fleetRng: Rng | null = null;
  private readonly minerRngs: Rng[];

  // ---- scratch (allocated once) ----
  private readonly iv: AccrualInterval = createAccrualInterval();
  private readonly view: MarketView = createMarketView();
  private readonly obs: Observation = createObservation();
  private readonly actions: Actions;
  private readonly summary: MinerSummary = createSummary();
  private readonly peak: PeakQuery = createPeakQuery();
  private readonly bandRunning: Float64Array;
  private readonly bandInstalled: Float64Array;
  private readonly edges: Float64Array;
  private readonly minerBand: Int32Array;
  /** Miner i's PH/s from its mining MW when last read (refreshMinerPh: at the path start and after an act that moved it). */
  private readonly minerPh: Float64Array;
  /** MW by state summed over the named miners (recordGrid scratch). */
  private readonly namedMw = new Float64Array(MW_STATE_COUNT);
  /** Miner i's first per-miner series × grid length (its row offset in the record's series). */
  private readonly minerRow: Int32Array;
  /** Day of the miner's pending own event (NaN: none); a queued event with another day is stale. */
  private readonly scheduledDay: Float64Array;
  private readonly prevFlows: Float64Array;
  private readonly gpuConversion: Uint8Array;
  /** True when a miner's mining MW changed since the named hashrate was last summed. */
  private namedDirty = false;
  /** plan.switches, read per event. */
  private readonly marketLeaseRates: boolean;
  private readonly drInWindows: boolean;

  // ---- path state ----
  private out: PathRecord | null = null;
  /** BTC price (USD) of the current day. */
  price = NaN;
  /** Expected fees per block (BTC) of the current day. */
  fees = NaN;
  /** Subsidy of the block being mined, BTC. */
  subsidyBtc = NaN;
  /** Hashprice now, USD/PH/day and BTC/PH/day. */
  hashpriceUsd = NaN;
  hashpriceBtc = NaN;
  /** ∫HP dt (days) from day 0 to hpDay. */
  private cumUsd = 0;
  private cumBtc = 0;
  private hpDay = 0;
  /** The fleet's running hashrate (H/s) and the named miners' (PH/s). */
  fleetHs = 0;
  namedPh = 0;
  /** Real-time power price now (NaN outside windows), DR deployment, 4CP interval. */
  private rtNow = NaN;
  private drNow = false;
  private fourCpNow = false;
  private windowPrice = NaN;
  /**
   * The acting round's ∫HP_USD and ∫HP_BTC at its day, and the market's colo and GPU lease
   * rates (NaN: the miners' own terms); set by fillMarketView, read by act.
   */
  private actCumUsd = 0;
  private actCumBtc = 0;
  private actColoLease = NaN;
  private actGpuLease = NaN;
  private windowFourCp = false;
  private peakHs = 0;
  private maxDrawdown = 0;
  private minHp = Infinity;
  private recorded = 0;

  constructor(plan: ModelPlan) {
    validateModelPlan(plan);
    this.plan = plan;
    const { layout, index } = buildModelLayout(plan);
    this.layout = layout;
    this.index = index;
    this.engine = new Engine({ mode: plan.engineMode });
    this.enginePlan = enginePlanOf(plan, initialNetworkEh(plan) * HS_PER_EH);
    this.record = new ChainRecord(plan.maxEpochs, 4);
    this.market = createMarketState(plan.market);
    this.fleet = createFleetState(plan.fleet);
    this.miners = plan.miners.map((spec) => createMinerState(spec));
    const n = this.miners.length;
    this.minerRngs = new Array<Rng>(n);
    let slots = 1;
    for (const spec of plan.miners) slots = Math.max(slots, spec.slotCapacity);
    this.actions = createActions(slots);
    this.edges = Float64Array.from(plan.efficiencyBandEdges);
    this.bandRunning = new Float64Array(index.bands);
    this.bandInstalled = new Float64Array(index.bands);
    this.minerBand = Int32Array.from(plan.miners, (s) => efficiencyBandOf(s.jPerTh, this.edges));
    this.minerPh = new Float64Array(n);
    const G = plan.grid.length;
    this.minerRow = Int32Array.from(plan.miners, (_s, i) => (index.minerSeries + i * MINER_SERIES.count) * G);
    this.scheduledDay = new Float64Array(n).fill(NaN);
    this.prevFlows = new Float64Array(n * FLOWS);
    this.gpuConversion = Uint8Array.from(plan.miners, (s) => (s.conversionTerms.kind === "gpu" ? 1 : 0));
    this.marketLeaseRates = plan.switches.marketLeaseRates;
    this.drInWindows = plan.switches.drEventsInPeakWindows;

    const e = this.engine;
    e.on(KIND_DAILY, this.onDaily);
    e.on(KIND_DECISION, this.onDecision);
    e.on(KIND_MINER, this.onMinerEvent);
    e.on(KIND_WINDOW, this.onWindow);
    e.on(KIND_RECORD, this.onRecord);
    e.addChainObserver(this.observer);
  }

  /** Sets (or clears) the engine's tracer and the model's (trace/replay). */
  setTracers(engineTracer: EngineTracer | null, modelTracer: ModelTracer | null): void {
    this.engine.setTracer(engineTracer);
    this.tracer = modelTracer;
  }

  /** Days since the start of unix instant t. */
  dayOf(t: number): number {
    return (t - this.plan.startTime) / SECONDS_PER_DAY;
  }

  /**
   * Simulates path `pathIndex` of the run seeded `seed` into `out` (its cells NaN on
   * entry; only defined cells are written). Streams: streamFor(seed, pathIndex, c) for
   * c = "chain", the market's four ("market.price", …), "fleet", "miner:<id>".
   */
  simulate(seed: string | number, pathIndex: number, out: PathRecord): void {
    const plan = this.plan;
    const G = plan.grid.length;
    if (out.series.length < this.layout.series.length * G) throw new RangeError("simulate: out.series is too short for the layout");
    if (out.scalars.length < this.layout.scalars.length) throw new RangeError("simulate: out.scalars is too short for the layout");
    if (out.epochs.length < this.layout.epochFields.length * plan.maxEpochs) {
      throw new RangeError("simulate: out.epochs is too short for the layout");
    }
    this.out = out;
    const rngs = marketRngs(seed, pathIndex);
    this.rngs = rngs;
    resetMarket(this.market, plan.market, rngs);
    this.fleetRng = streamFor(seed, pathIndex, "fleet");
    resetFleet(this.fleet, plan.fleet);
    const miners = this.miners;
    for (let i = 0; i < miners.length; i++) {
      const m = miners[i]!;
      const rng = streamFor(seed, pathIndex, `miner:${m.spec.id}`);
      this.minerRngs[i] = rng;
      resetMiner(m, rng);
    }
    this.prevFlows.fill(0);
    this.scheduledDay.fill(NaN);

    const e = this.engine;
    e.begin(this.enginePlan, { chain: streamFor(seed, pathIndex, "chain") }, this.record);
    this.price = this.market.price.price;
    this.fees = this.market.fees.feesBtcPerBlock;
    this.subsidyBtc = e.subsidySats / SAT_PER_BTC;
    this.cumUsd = 0;
    this.cumBtc = 0;
    this.hpDay = 0;
    this.hashpriceUsd = NaN;
    this.minHp = Infinity;
    this.computeHashprice();
    this.fleetHs = this.fleet.runningEh * HS_PER_EH;
    this.sumNamed();
    this.namedDirty = false;
    this.rtNow = NaN;
    this.drNow = false;
    this.fourCpNow = false;
    this.windowPrice = NaN;
    this.windowFourCp = false;
    this.peakHs = 0;
    this.maxDrawdown = 0;
    this.recorded = 0;

    e.scheduleDaily(KIND_DAILY, 0, 0, P_DAILY);
    if (miners.length > 0) {
      e.scheduleEvery(plan.startTime, plan.decisionEveryDays * SECONDS_PER_DAY, KIND_DECISION, 0, 0, P_DECISION);
    }
    if (plan.grid[0]! < plan.horizon) e.schedule(plan.grid[0]!, KIND_RECORD, 0, 0, P_RECORD);
    e.run();
    this.finish();
    this.out = null;
  }

  // ---- hashprice ----

  /** Hashprice from the current price, reward and difficulty; tracks the minimum. */
  private computeHashprice(): void {
    const btc = revenuePerPhDayAtDifficulty(1, this.subsidyBtc + this.fees, this.engine.difficulty);
    this.hashpriceBtc = btc;
    this.hashpriceUsd = btc * this.price;
    if (this.hashpriceUsd < this.minHp) this.minHp = this.hashpriceUsd;
  }

  /** Integrates the old hashprice up to `day`, then re-prices it (a change point). */
  private hashpriceChanged(day: number, reason: number): void {
    const dt = day - this.hpDay;
    if (dt > 0) {
      this.cumUsd += this.hashpriceUsd * dt;
      this.cumBtc += this.hashpriceBtc * dt;
      this.hpDay = day;
    }
    const before = this.hashpriceUsd;
    this.computeHashprice();
    if (this.tracer !== null && reason !== HP_DAILY) this.tracer.hashprice(this, reason, day, before, this.hashpriceUsd);
  }

  /** ∫HP_USD dt from day 0 to `day` (≥ the last change point). */
  cumHashpriceUsdAt(day: number): number {
    const dt = day - this.hpDay;
    return dt > 0 ? this.cumUsd + this.hashpriceUsd * dt : this.cumUsd;
  }

  /** ∫HP_BTC dt from day 0 to `day`. */
  cumHashpriceBtcAt(day: number): number {
    const dt = day - this.hpDay;
    return dt > 0 ? this.cumBtc + this.hashpriceBtc * dt : this.cumBtc;
  }

  /**
   * Days until the subsidy halves, as a hardware buyer estimates it: blocks to the next
   * halving height at the nominal 600 s (the expected height now is the last boundary's
   * plus the expected arrivals since). +Infinity once the subsidy is zero.
   */
  private daysToNextHalving(): number {
    const e = this.engine;
    if (e.subsidySats === 0) return Infinity;
    const next = HALVING_INTERVAL * (e.subsidyEra + 1);
    const height = e.lastBoundaryHeight + (e.now - e.lastBoundaryTime) * e.blockRate;
    const remaining = next - height;
    return remaining > 0 ? (remaining * TARGET_SPACING) / SECONDS_PER_DAY : 0;
  }

  // ---- network hashrate ----

  /** Every miner's PH/s from its mining MW (minerPh), and their sum (at the start of a path). */
  private sumNamed(): void {
    for (let i = 0; i < this.miners.length; i++) this.refreshMinerPh(i);
    this.addNamedPh();
  }

  /**
   * Miner i's PH/s from its mining MW (1 MW at e J/TH runs 1000/e PH/s) into minerPh, and its
   * miningMwChanged flag cleared (miner.ts): the one place the kernel reads the mining MW for
   * the network hashrate (tests/model/path/named-hashrate.test.ts checks the sum every day).
   */
  private refreshMinerPh(i: number): void {
    const m = this.miners[i]!;
    m.miningMwChanged = false;
    this.minerPh[i] = (m.mw[MINING]! * 1000) / m.spec.jPerTh;
  }

  /**
   * namedPh = Σ minerPh, in miner order. {@link act} refreshes a miner's entry when its
   * mining MW changed (~1 act in 12 on the baseline), so the sum is the same bits as
   * recomputing every miner's PH/s, without the divisions and the loads of nine unchanged miners.
   */
  private addNamedPh(): void {
    const ph = this.minerPh;
    let total = 0;
    for (let i = 0; i < ph.length; i++) total += ph[i]!;
    this.namedPh = total;
  }

  /**
   * The network hashrate on the engine: the fleet's plus namedPh. Only miners' acts change
   * namedPh, and every handler that lets miners act ends with {@link applyNamedHashrate},
   * so the daily tick's call needs no check (and stays small enough for V8 to inline
   * into onDaily with the rest of the daily work: with the sum in it, onDaily's inlining
   * budget ran out before computeHashprice, +0.6% of the full model's instructions).
   */
  private applyHashrate(): void {
    this.engine.setHashrate(this.fleetHs + this.namedPh * HS_PER_PH);
  }

  /** After miners acted: namedPh re-summed if a miner's PH/s changed, then {@link applyHashrate}. */
  private applyNamedHashrate(): void {
    // `=== true`: V8 tracks no field type for booleans (a plain test checks every falsy value).
    if (this.namedDirty === true) {
      this.namedDirty = false;
      this.addNamedPh();
    }
    this.applyHashrate();
  }

  // ---- handlers (created once; no closures per event) ----

  private readonly observer: ChainObserver = {
    onRetarget: (_e, _height, time) => this.hashpriceChanged(this.dayOf(time), HP_RETARGET),
    onSubsidyChange: (e, _height, time) => {
      this.subsidyBtc = e.subsidySats / SAT_PER_BTC;
      this.hashpriceChanged(this.dayOf(time), HP_SUBSIDY);
    },
  };

  private readonly onDaily: EventHandler = (e) => {
    const day = Math.round(this.dayOf(e.now));
    const market = this.market;
    if (day > 0) {
      advanceMarketDay(market, this.rngs!);
      this.price = market.price.price;
      if (market.price.day !== day) throw new Error(`model: market day ${market.price.day} out of step with day ${day}`);
    }
    this.fees = market.fees.feesBtcPerBlock;
    this.hashpriceChanged(day, HP_DAILY);
    const f = this.fleet;
    const D = e.difficulty;
    if (day >= f.nextGrowthDay) {
      fleetGrowthUpdate(f, day, this.price, this.subsidyBtc, this.fees, D, this.daysToNextHalving(), this.fleetRng!);
    }
    // The fleet's signal is the hashprice just priced: revenuePerPhDayAtDifficulty(price,
    // subsidy + fees, D) is exactly hashpriceBtc × price (the BTC figure is the same product
    // with price 1), so it is passed rather than recomputed.
    fleetDailyUpdateAt(f, day, this.hashpriceUsd);
    this.fleetHs = f.runningEh * HS_PER_EH;
    this.applyHashrate();
    // Daily drawdown of the network hashrate (peak to trough).
    const h = e.hashrate;
    if (h > this.peakHs) this.peakHs = h;
    else if (this.peakHs > 0) {
      const dd = 1 - h / this.peakHs;
      if (dd > this.maxDrawdown) this.maxDrawdown = dd;
    }
    // Today's power window (only named miners react to power prices).
    if (this.miners.length > 0 && market.powerPeaks.n > 0 && peakOnDay(market.powerPeaks, day, this.peak)) {
      const q = this.peak;
      this.windowPrice = q.priceUsdPerMwh;
      this.windowFourCp = q.fourCpInterval;
      const a = day + q.startHour / 24;
      const b = day + (q.startHour + q.hours) / 24;
      const t0 = this.plan.startTime;
      e.schedule(Math.max(e.now, t0 + a * SECONDS_PER_DAY), KIND_WINDOW, 1, a, P_WINDOW);
      e.schedule(Math.max(e.now, t0 + b * SECONDS_PER_DAY), KIND_WINDOW, 0, b, P_WINDOW);
    }
    if (this.tracer !== null) this.tracer.daily(this, day);
  };

  private readonly onDecision: EventHandler = (e) => {
    const day = Math.round(this.dayOf(e.now));
    this.fillMarketView(day);
    for (let i = 0; i < this.miners.length; i++) this.act(i, day, ACT_DECISION);
    this.applyNamedHashrate();
  };

  private readonly onMinerEvent: EventHandler = (_e, _kind, i, day) => {
    if (this.scheduledDay[i] !== day) return; // superseded by a later schedule
    this.scheduledDay[i] = NaN;
    this.fillMarketView(day);
    this.act(i, day, ACT_OWN_EVENT);
    this.applyNamedHashrate();
  };

  private readonly onWindow: EventHandler = (_e, _kind, start, day) => {
    // Everyone accrues at the price that held so far, so accrual intervals never straddle a price change.
    this.accrueAll(day);
    if (start === 1) {
      this.rtNow = this.windowPrice;
      this.drNow = this.drInWindows;
      this.fourCpNow = this.windowFourCp;
    } else {
      this.rtNow = NaN;
      this.drNow = false;
      this.fourCpNow = false;
    }
    if (this.tracer !== null) this.tracer.window(this, day, start === 1, this.rtNow);
    this.fillMarketView(day);
    for (let i = 0; i < this.miners.length; i++) this.act(i, day, ACT_WINDOW);
    this.fourCpNow = false; // a 4CP interval is credited once, at its start
    this.applyNamedHashrate();
  };

  private readonly onRecord: EventHandler = (e, _kind, g) => {
    this.recordGrid(g);
    const next = g + 1;
    const grid = this.plan.grid;
    if (next < grid.length && grid[next]! < this.plan.horizon) e.schedule(grid[next]!, KIND_RECORD, next, 0, P_RECORD);
  };

  // ---- named miners ----

  private accrue(i: number, day: number): void {
    const m = this.miners[i]!;
    const t = day > m.ledger.lastDay ? day : m.ledger.lastDay;
    accrueTo(m, t, this.cumHashpriceUsdAt(t), this.cumHashpriceBtcAt(t), this.rtNow, this.iv);
  }

  private accrueAll(day: number): void {
    const miners = this.miners;
    for (let i = 0; i < miners.length; i++) if (miners[i]!.ledger.lastDay !== day) this.accrue(i, day);
  }

  /**
   * The market view's fields that are the same for every miner acting at this instant
   * (hashprice, price, real-time power price, DR and 4CP flags), and the observation's
   * copies of them (observeMarket): filled once per decision round, window or own event,
   * before {@link act}. Nothing a miner's act changes feeds them (hashrate is applied after
   * the round; no event runs inside it), and observeMiner, strategies and actions do not
   * write them. Likewise the hashprice integrals at `day` (the acting miners' accruals end
   * there) and the market's lease rates: once per round, not once per miner.
   */
  private fillMarketView(day: number): void {
    const v = this.view;
    v.hashpriceUsdPerPhDay = this.hashpriceUsd;
    v.btcPriceUsd = this.price;
    v.rtPowerUsdPerMwh = this.rtNow;
    v.drEvent = this.drNow;
    v.fourCpEvent = this.fourCpNow;
    observeMarket(v, this.obs);
    this.actCumUsd = this.cumHashpriceUsdAt(day);
    this.actCumBtc = this.cumHashpriceBtcAt(day);
    // `=== true` (a validated boolean): V8 tracks no field type for booleans, and a plain
    // test of one checks every falsy value.
    const lease = this.market.aiLease;
    this.actColoLease = this.marketLeaseRates === true ? lease.coloUsdPerItMwYear : NaN;
    this.actGpuLease = this.marketLeaseRates === true ? lease.gpuUsdPerItMwYear : NaN;
  }

  /**
   * One event of miner i at `day`: accrue, contracts, decide, act; then its next own event.
   * The caller has filled the market view's common fields ({@link fillMarketView}).
   */
  private act(i: number, day: number, reason: number): void {
    const m = this.miners[i]!;
    const rng = this.minerRngs[i]!;
    // this.accrue(i, day) with the round's integrals at `day` (fillMarketView, the same
    // values); a ledger already accrued past `day` takes the general way.
    if (day >= m.ledger.lastDay) accrueTo(m, day, this.actCumUsd, this.actCumBtc, this.rtNow, this.iv);
    else this.accrue(i, day);
    // The calls that take the day (all rare) read it from the ledger again, which their
    // calls leave alone: with `t` as their argument, V8 converted it to a tagged value (a
    // heap number unless a small integer) at every act. Only accrue and resetLedger write
    // lastDay, and nothing below calls them (the tracer must not either).
    const t = m.ledger.lastDay;
    // Nothing due before m.contractsDueDay (set by nextMinerEventDay below at the miner's last event).
    if (t >= m.contractsDueDay) advanceContracts(m, m.ledger.lastDay, rng);
    const v = this.view;
    v.day = t;
    v.aiLeaseUsdPerItMwYr = this.gpuConversion[i] === 1 ? this.actGpuLease : this.actColoLease;
    observeMiner(m, v, this.obs);
    runStrategy(this.obs, m.spec.strategy, this.actions);
    applyActions(m, this.obs, this.actions, rng);
    // The miner's PH/s anew only when its mining MW changed (~1 act in 12 on the baseline;
    // miner.ts miningMwChanged): a flag test, where comparing the MW with its value before
    // the act cost two typed-array loads with their checks.
    if (m.miningMwChanged === true) {
      this.refreshMinerPh(i);
      this.namedDirty = true;
    }
    if (this.tracer !== null) this.tracer.minerActed(this, i, m.ledger.lastDay, reason);
    // The miner's own next event, if it comes before its next routine decision.
    // nextMinerEventDay's last result while no slot has changed and it is still ahead (t
    // never goes back): the same value without the loop over the slots. Both ways read the
    // day from m.nextEventDay (nextMinerEventDay stores its result there): merging the field
    // with the call's (tagged) result made V8 box the field's value, a heap number per act
    // whose next event day is not a small integer (Infinity, most of them).
    if (m.slotVersion !== m.nextEventVersion || !(m.nextEventDay > t)) nextMinerEventDay(m, m.ledger.lastDay);
    const next = m.nextEventDay;
    // The horizon test first: most miners have no own event ahead (Infinity), and then the
    // next routine decision day (a division and a floor) is not needed.
    const every = this.plan.decisionEveryDays;
    if (next < this.plan.horizonDays && next < (Math.floor(t / every) + 1) * every) {
      if (this.scheduledDay[i] !== next) {
        this.scheduledDay[i] = next;
        const e = this.engine;
        const at = this.plan.startTime + next * SECONDS_PER_DAY;
        e.schedule(at > e.now ? at : e.now, KIND_MINER, i, next, P_MINER);
      }
    } else {
      this.scheduledDay[i] = NaN;
    }
  }

  // ---- output ----

  private recordGrid(g: number): void {
    const plan = this.plan;
    const G = plan.grid.length;
    const S = this.out!.series;
    const idx = this.index;
    const e = this.engine;
    const day = this.dayOf(plan.grid[g]!);
    const miners = this.miners;
    // Per-miner flows and treasuries need the ledgers at this instant (MW states do not).
    // On the default weekly grid with weekly decisions this costs nothing extra: the
    // decision at the same instant has already accrued.
    if (idx.minerSeries >= 0) this.accrueAll(day);

    S[NET.hashrate * G + g] = e.hashrate / HS_PER_EH;
    S[NET.difficulty * G + g] = e.difficulty / 1e12;
    S[NET.hashprice * G + g] = this.hashpriceUsd;
    S[NET.btcPrice * G + g] = this.price;
    S[NET.fees * G + g] = this.fees;

    // Hashrate by efficiency band: the fleet, plus each named miner's mining (running) and
    // mining + curtailed (installed) EH/s in its band (MW / J/TH = EH/s).
    const run = this.bandRunning;
    const inst = this.bandInstalled;
    const f = this.fleet;
    fleetEhByEfficiencyBand(f, this.edges, run, inst);
    // fleetRunningPowerMw and fleetRunningJPerTh (fleet/fleetQueries.ts) on one lookup of
    // the supply curve: both follow from the economic fleet's power.
    const fleetEh = f.economicEh;
    const fleetMw = fleetEconomicPowerMw(f);
    let powerMw = fleetMw * (1 - f.offlineShare);
    let runningEh = f.runningEh;
    // One pass over the miners: each miner's mining (running) and mining + curtailed
    // (installed) EH/s into its band, MW by state into the named aggregate, and, with
    // per-miner series, its MW by state, treasury and the flows since the previous grid date.
    // Cell (series s, date g) is S[s·G + g]: minerRow[i] is miner i's first series × G, and
    // the offsets below add a series' place in MINER_SERIES.
    // The named aggregate's MW by state in registers (every sum in miner order), stored once.
    let nMining = 0;
    let nCurtailed = 0;
    let nConverting = 0;
    let nAi = 0;
    let nIdle = 0;
    const prev = this.prevFlows;
    const minerRow = this.minerRow;
    const minerBand = this.minerBand;
    const series = idx.minerSeries >= 0;
    // MW by state s is series MINER_SERIES.mw + s (layout.ts, the five states.ts states).
    const oMwMining = (MINER_SERIES.mw + MINING) * G + g;
    const oMwCurtailed = (MINER_SERIES.mw + CURTAILED) * G + g;
    const oMwConverting = (MINER_SERIES.mw + CONVERTING) * G + g;
    const oMwAi = (MINER_SERIES.mw + AI) * G + g;
    const oMwIdle = (MINER_SERIES.mw + IDLE) * G + g;
    const oTreasury = MINER_SERIES.treasuryBtc * G + g;
    const oMining = MINER_SERIES.miningRevenue * G + g;
    const oAi = MINER_SERIES.aiRevenue * G + g;
    const oDr = MINER_SERIES.drCredits * G + g;
    const oEbitda = MINER_SERIES.ebitda * G + g;
    const oMargin = MINER_SERIES.ebitdaMargin * G + g;
    for (let i = 0; i < miners.length; i++) {
      const m = miners[i]!;
      const mw = m.mw;
      const j = m.spec.jPerTh;
      const b = minerBand[i]!;
      const miningMw = mw[MINING]!;
      const curtailedMw = mw[CURTAILED]!;
      const convertingMw = mw[CONVERTING]!;
      const aiMw = mw[AI]!;
      const idleMw = mw[IDLE]!;
      run[b] = run[b]! + miningMw / j;
      inst[b] = inst[b]! + (miningMw + curtailedMw) / j;
      powerMw += miningMw;
      runningEh += miningMw / j;
      nMining += miningMw;
      nCurtailed += curtailedMw;
      nConverting += convertingMw;
      nAi += aiMw;
      nIdle += idleMw;
      const l = m.ledger;
      const mining = l.miningRevenueUsd;
      const ai = l.coloRevenueUsd + l.gpuRevenueUsd;
      const dr = l.ersCreditUsd + l.fourCpCreditUsd + l.resaleCreditUsd;
      const revenue = mining + ai + dr;
      const opex = l.powerCostUsd + l.otherOpexUsd + l.aiOpexUsd;
      const p = i * FLOWS;
      if (series) {
        const row = minerRow[i]!;
        S[row + oMwMining] = miningMw;
        S[row + oMwCurtailed] = curtailedMw;
        S[row + oMwConverting] = convertingMw;
        S[row + oMwAi] = aiMw;
        S[row + oMwIdle] = idleMw;
        S[row + oTreasury] = m.treasuryBtc;
        if (g > 0) {
          const dRevenue = revenue - prev[p + 3]!;
          const dEbitda = dRevenue - (opex - prev[p + 4]!);
          S[row + oMining] = mining - prev[p]!;
          S[row + oAi] = ai - prev[p + 1]!;
          S[row + oDr] = dr - prev[p + 2]!;
          S[row + oEbitda] = dEbitda;
          if (dRevenue !== 0) S[row + oMargin] = dEbitda / dRevenue;
        }
      }
      prev[p] = mining;
      prev[p + 1] = ai;
      prev[p + 2] = dr;
      prev[p + 3] = revenue;
      prev[p + 4] = opex;
    }
    const oRun = idx.runningBands * G + g;
    const oInst = idx.installedBands * G + g;
    for (let b = 0, k = 0; b < idx.bands; b++, k += G) {
      S[oRun + k] = run[b]!;
      S[oInst + k] = inst[b]!;
    }
    if (runningEh > 0) S[NET.avgJPerTh * G + g] = powerMw / runningEh;
    if (fleetEh > 0) S[NET.fleetJPerTh * G + g] = fleetMw / fleetEh;
    S[NET.fleetHashrate * G + g] = f.runningEh;
    const named = this.namedMw;
    named[MINING] = nMining;
    named[CURTAILED] = nCurtailed;
    named[CONVERTING] = nConverting;
    named[AI] = nAi;
    named[IDLE] = nIdle;
    const oNamed = idx.named * G + g;
    // NAMED_STATES through an Int32Array copy: indexed loads from the frozen array were
    // generic keyed loads (an IC call each) in the optimised code.
    const states = NAMED_STATE_INDEX;
    for (let k = 0; k < states.length; k++) S[oNamed + k * G] = named[states[k]!]!;
    this.recorded = g + 1;
    if (this.onGrid !== null) this.onGrid(this, g);
  }

  /** After the engine reached the horizon: the last grid date (if at the horizon), scalars, epochs. */
  private finish(): void {
    const plan = this.plan;
    const out = this.out!;
    const G = plan.grid.length;
    for (let g = this.recorded; g < G; g++) this.recordGrid(g); // only grid dates at the horizon remain
    const T = plan.horizonDays;
    const miners = this.miners;
    if (miners.length > 0) this.accrueAll(T);

    const rec = this.record;
    const C = out.scalars;
    C[NET_SCALARS.hashrateDrawdown] = this.maxDrawdown;
    C[NET_SCALARS.minHashprice] = this.minHp;
    const rows = rec.epochRows;
    let negatives = 0;
    let minAdj = Infinity;
    // The epoch still open at the horizon counts with its length so far (a stalled chain's
    // last epoch is its longest).
    const lastStart = rows > 0 ? rec.endTime[rows - 1]! : plan.startTime;
    let longest = (plan.horizon - lastStart) / SECONDS_PER_DAY;
    const M = plan.maxEpochs;
    const E = out.epochs;
    for (let k = 0; k < rows; k++) {
      const adj = rec.adjustmentPct[k]!;
      if (adj < 0) {
        negatives++;
        if (adj < minAdj) minAdj = adj;
      }
      const days = (rec.endTime[k]! - rec.startTime[k]!) / SECONDS_PER_DAY;
      if (days > longest) longest = days;
      E[EPOCH_FIELDS.difficulty * M + k] = rec.difficulty[k]! / 1e12;
      E[EPOCH_FIELDS.adjustment * M + k] = adj;
      E[EPOCH_FIELDS.duration * M + k] = days;
      E[EPOCH_FIELDS.meanBlockInterval * M + k] = rec.meanInterval[k]!;
    }
    C[NET_SCALARS.negativeAdjustments] = negatives;
    if (negatives > 0) C[NET_SCALARS.largestNegativeAdjustment] = minAdj;
    C[NET_SCALARS.longestEpoch] = longest;
    const halvings = rec.halvingRows;
    if (halvings >= 1) C[NET_SCALARS.halvingDate] = rec.halvingTime[0]!;
    if (halvings >= 2) C[NET_SCALARS.secondHalvingDate] = rec.halvingTime[1]!;
    C[NET_SCALARS.stalled] = rec.scalar(ChainScalar.stalled);
    C[NET_SCALARS.epochsCompleted] = rec.scalar(ChainScalar.epochsCompleted);

    const sum = this.summary;
    for (let i = 0; i < miners.length; i++) {
      summarize(miners[i]!, this.price, T, sum);
      const base = this.index.minerScalars + i * MINER_SCALARS.count;
      C[base + MINER_SCALARS.cumulativeEbitda] = sum.ebitdaUsd;
      C[base + MINER_SCALARS.npv] = sum.npvUsd;
      C[base + MINER_SCALARS.curtailedMwh] = sum.curtailedMwh;
      C[base + MINER_SCALARS.aiFlipDate] = plan.startTime + sum.flipDay * SECONDS_PER_DAY;
      C[base + MINER_SCALARS.miningRevenuePerMwYr] = sum.miningRevenuePerMwYr;
      C[base + MINER_SCALARS.coloRevenuePerItMwYr] = sum.coloRevenuePerItMwYr;
      C[base + MINER_SCALARS.gpuRevenuePerItMwYr] = sum.gpuRevenuePerItMwYr;
      C[base + MINER_SCALARS.droppedConversionMw] = sum.droppedConversionMw;
    }
  }
}
