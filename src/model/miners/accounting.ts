/**
 * Per-miner accounting as running sums, advanced between events (DESIGN.md §3
 * "Accounting"; "miners' revenue integrates hashprice between their events").
 *
 * The path loop calls {@link accrue} (or {@link accrueTo}) for a miner at each of its
 * events, *before* any state change at that event, over the interval since its last
 * accrual. Within an interval the miner's MW states and contract states are constant
 * (they change only at events), so everything but hashprice is integrated exactly;
 * hashprice enters through two integrals the loop keeps as running sums:
 *
 * - ∫ HP_usd dt: hashprice in $/PH/day integrated over days → $ per PH/s;
 * - ∫ HP_btc dt: hashprice in BTC/PH/day (= HP_usd / P_BTC) integrated → BTC per PH/s.
 *
 * FPPS (DESIGN.md §2): a miner running PH PH/s earns PH·∫HP_btc BTC, worth PH·∫HP_usd at
 * the prices of the days they were mined. A share `holdFraction` is retained; the rest is
 * sold at the day's price, which yields exactly (1 − hold)·PH·∫HP_usd dollars. Hashrate
 * from MW: PH/s = MW·1000/e (1 MW at e J/TH runs 1000/e PH/s).
 *
 * Power: every miner buys at its contracted price c on all its mining load, and may
 * resell curtailed power at the prevailing real-time price p (fixed-price-PPA resale,
 * CALIBRATION (3) "energy-resale credits under fixed-price PPAs modelled explicitly
 * (Riot-style)"). So mining MWh cost c; each curtailed MWh earns a credit p − c (0 when no
 * real-time price is given, i.e. p = c). Curtailing beats mining exactly when
 * p > HP/(0.024·e), the mullet rule. Other mining opex is charged on the mining fleet
 * (mining + curtailed MW): a fixed cost, not saved by curtailing (so the economic
 * shutdown rule compares hashprice with power alone, strategies/common.ts). The same holds
 * for MW switched off for economics: they earn the resale credit in a power window like
 * any curtailed MW. AI opex = (1 − margin) × AI revenue (margins include power).
 * DR: ERS capacity payment on enrolled MW (drEnrolledShare × interruptibleShare × mining
 * fleet), continuously, except while the miner's economic shutdown is on (no load left to
 * drop on call); 4CP credit per interval via {@link creditFourCp}.
 *
 * NPV: cash flows discounted at the miner's rate, factor (1+r)^(−t/365) taken at the
 * midpoint of each accrual interval (capex and one-off credits at their day). Cash counts
 * mined BTC only when sold; BTC added to the treasury counts at the horizon price
 * ({@link summarize}).
 *
 * Flip date: the first accrual end at which AI revenue exceeds mining revenue, both as
 * exponentially weighted trailing means with time constant flipWindowDays/2 (the same
 * mean age as a flipWindowDays moving average); resolution = the accrual interval. If AI
 * already exceeds mining in the first interval, the flip day is that interval's start.
 */
import type { MinerState } from "./miner.js";
import { SLOT_ACTIVE, slotRevenuePerItMw } from "./contracts.js";
import { HOURS_PER_DAY } from "./params.js";
import { DAYS_PER_YEAR } from "../units.js";
import { AI, CONVERTING, CURTAILED, IDLE, MINING, MW_STATE_COUNT } from "./states.js";

/** Running sums of one miner over one path. All USD unless named BTC. */
export interface MinerLedger {
  /** Day up to which the ledger has been accrued. */
  lastDay: number;
  /** The loop's running ∫HP_usd and ∫HP_btc at lastDay (for {@link accrueTo}). */
  cumHashpriceUsdAtLast: number;
  cumHashpriceBtcAtLast: number;
  btcMined: number;
  /** Mined BTC added to the treasury. */
  btcRetained: number;
  /** USD from selling mined BTC at the day's price. */
  salesUsd: number;
  /** FPPS mining revenue valued when mined. */
  miningRevenueUsd: number;
  powerCostUsd: number;
  otherOpexUsd: number;
  coloRevenueUsd: number;
  gpuRevenueUsd: number;
  aiOpexUsd: number;
  ersCreditUsd: number;
  fourCpCreditUsd: number;
  resaleCreditUsd: number;
  capexUsd: number;
  treasuryBtcSold: number;
  treasurySalesUsd: number;
  /** Present value at day 0 of the cash flows so far. */
  pvCashUsd: number;
  curtailedMwh: number;
  /** MW-days spent in each state (index as states.ts). */
  readonly mwDays: Float64Array;
  coloItMwDays: number;
  gpuItMwDays: number;
  ewmaMiningUsdPerDay: number;
  ewmaAiUsdPerDay: number;
  ewmaStarted: boolean;
  /** First day AI revenue exceeds mining revenue (see module note), or NaN. */
  flipDay: number;
  defaults: number;
  renewals: number;
  leaseEnds: number;
  terminations: number;
  releases: number;
  /** Discretionary conversions or re-mining builds skipped for lack of a free slot. */
  droppedConversions: number;
  /** Largest of those skipped requests, gross MW (0 = nothing dropped; lifecycle.ts noteDroppedConversion). */
  droppedConversionMw: number;
}

/** Allocate a ledger (setup only). */
export function createLedger(): MinerLedger {
  const l: MinerLedger = {
    lastDay: 0,
    cumHashpriceUsdAtLast: 0,
    cumHashpriceBtcAtLast: 0,
    btcMined: 0,
    btcRetained: 0,
    salesUsd: 0,
    miningRevenueUsd: 0,
    powerCostUsd: 0,
    otherOpexUsd: 0,
    coloRevenueUsd: 0,
    gpuRevenueUsd: 0,
    aiOpexUsd: 0,
    ersCreditUsd: 0,
    fourCpCreditUsd: 0,
    resaleCreditUsd: 0,
    capexUsd: 0,
    treasuryBtcSold: 0,
    treasurySalesUsd: 0,
    pvCashUsd: 0,
    curtailedMwh: 0,
    mwDays: new Float64Array(MW_STATE_COUNT),
    coloItMwDays: 0,
    gpuItMwDays: 0,
    ewmaMiningUsdPerDay: 0,
    ewmaAiUsdPerDay: 0,
    ewmaStarted: false,
    flipDay: Number.NaN,
    defaults: 0,
    renewals: 0,
    leaseEnds: 0,
    terminations: 0,
    releases: 0,
    droppedConversions: 0,
    droppedConversionMw: 0,
  };
  return l;
}

/** Zero a ledger for a new path, starting at `day` (no allocation). */
export function resetLedger(l: MinerLedger, day: number): void {
  l.lastDay = day;
  l.cumHashpriceUsdAtLast = 0;
  l.cumHashpriceBtcAtLast = 0;
  l.btcMined = 0;
  l.btcRetained = 0;
  l.salesUsd = 0;
  l.miningRevenueUsd = 0;
  l.powerCostUsd = 0;
  l.otherOpexUsd = 0;
  l.coloRevenueUsd = 0;
  l.gpuRevenueUsd = 0;
  l.aiOpexUsd = 0;
  l.ersCreditUsd = 0;
  l.fourCpCreditUsd = 0;
  l.resaleCreditUsd = 0;
  l.capexUsd = 0;
  l.treasuryBtcSold = 0;
  l.treasurySalesUsd = 0;
  l.pvCashUsd = 0;
  l.curtailedMwh = 0;
  l.mwDays.fill(0);
  l.coloItMwDays = 0;
  l.gpuItMwDays = 0;
  l.ewmaMiningUsdPerDay = 0;
  l.ewmaAiUsdPerDay = 0;
  l.ewmaStarted = false;
  l.flipDay = Number.NaN;
  l.defaults = 0;
  l.renewals = 0;
  l.leaseEnds = 0;
  l.terminations = 0;
  l.releases = 0;
  l.droppedConversions = 0;
  l.droppedConversionMw = 0;
}

/**
 * One accrual interval, filled by the path loop (a reusable scratch object).
 * `fromDay` must equal the miner's ledger.lastDay.
 */
export interface AccrualInterval {
  fromDay: number;
  toDay: number;
  /** ∫ hashprice dt over [fromDay, toDay], ($/PH/day)·day = $ per PH/s. */
  hashpriceUsdIntegral: number;
  /** ∫ hashprice in BTC dt over the interval, (BTC/PH/day)·day = BTC per PH/s. */
  hashpriceBtcIntegral: number;
  /** Real-time power price over the interval, $/MWh; NaN = the miner's contracted price. */
  rtPowerUsdPerMwh: number;
}

/** A blank interval (setup only). */
export function createAccrualInterval(): AccrualInterval {
  return { fromDay: 0, toDay: 0, hashpriceUsdIntegral: 0, hashpriceBtcIntegral: 0, rtPowerUsdPerMwh: Number.NaN };
}

/** Discount factor (1 + r)^(−day/365). */
export function discountFactor(rate: number, day: number): number {
  return Math.pow(1 + rate, -day / DAYS_PER_YEAR);
}

/** The miner's discount factor on `day`: exp(−day·ln(1+r)/365) = (1+r)^(−day/365). */
function minerDiscount(miner: MinerState, day: number): number {
  return Math.exp(-day * miner.spec.discountLogPerDay);
}

/**
 * The last discount factor computed by {@link discountAt}, with its arguments. At a routine
 * decision every miner accrues over the same interval, and the miners share a discount rate
 * unless a profile overrides it, so one Math.exp serves the round. A cache of a pure
 * function: the factor is the same bits as computing it again.
 */
const lastDiscount = { mid: Number.NaN, logPerDay: Number.NaN, factor: Number.NaN };

/** exp(−mid × logPerDay), the discount factor at day `mid` (cached, {@link lastDiscount}). */
function discountAt(mid: number, logPerDay: number): number {
  const c = lastDiscount;
  if (mid === c.mid && logPerDay === c.logPerDay) return c.factor;
  const factor = Math.exp(-mid * logPerDay);
  c.mid = mid;
  c.logPerDay = logPerDay;
  c.factor = factor;
  return factor;
}

/**
 * Advance a miner's ledger over one interval at constant MW and contract states (see the
 * module note). Allocation-free. Throws if `iv.fromDay` is not the ledger's lastDay or
 * the interval runs backwards (wiring errors: intervals must tile time).
 */
export function accrue(miner: MinerState, iv: AccrualInterval): void {
  const l = miner.ledger;
  if (iv.fromDay !== l.lastDay) {
    throw new RangeError(`accrue: interval starts at ${iv.fromDay}, ledger is at ${l.lastDay}`);
  }
  const a = iv.fromDay;
  const b = iv.toDay;
  const dt = b - a;
  if (!(dt >= 0)) throw new RangeError(`accrue: interval [${iv.fromDay}, ${iv.toDay}] runs backwards`);
  if (dt === 0) return;
  const spec = miner.spec;
  const econ = spec.economics;
  const mw = miner.mw;
  const mining = mw[MINING]!;
  const curtailed = mw[CURTAILED]!;

  // Mining, FPPS.
  const ph = (mining * 1000) / spec.jPerTh;
  const btc = ph * iv.hashpriceBtcIntegral;
  const usd = ph * iv.hashpriceUsdIntegral;
  const hold = miner.holdFraction;
  const sold = (1 - hold) * usd;
  l.btcMined += btc;
  l.btcRetained += hold * btc;
  miner.treasuryBtc += hold * btc;
  l.salesUsd += sold;
  l.miningRevenueUsd += usd;

  // Power, other opex, curtailment and DR.
  const hours = HOURS_PER_DAY * dt;
  const c = spec.powerUsdPerMwh;
  const power = c * mining * hours;
  const other = econ.otherOpexUsdPerMwh * (mining + curtailed) * hours;
  const curtailedMwh = curtailed * hours;
  const rt = iv.rtPowerUsdPerMwh;
  const resale = Number.isFinite(rt) ? (rt - c) * curtailedMwh : 0;
  // ERS pays for load that can be dropped on call: none while the fleet is off for economics.
  // Boolean fields are tested with `=== true`: V8 does not track a field's type for booleans,
  // so a plain test of one checks every falsy value (~8 instructions; the comparison, 2).
  const enrolled = miner.economicOff === true ? 0 : spec.drEnrolledShare * spec.interruptibleShare * (mining + curtailed);
  const ers = (econ.ersUsdPerMwYr * enrolled * dt) / DAYS_PER_YEAR;
  l.powerCostUsd += power;
  l.otherOpexUsd += other;
  l.curtailedMwh += curtailedMwh;
  l.resaleCreditUsd += resale;
  l.ersCreditUsd += ers;

  // AI contracts (active for the whole interval). The IT-MW-day sums run in locals, in the
  // same order as adding to the ledger slot by slot (same bits), so that the loop neither
  // loads nor stores the ledger (with a call in the loop, V8 re-checks its map per slot).
  let colo = 0;
  let gpu = 0;
  let aiOpex = 0;
  let coloItMwDays = l.coloItMwDays;
  let gpuItMwDays = l.gpuItMwDays;
  const slots = miner.slots;
  const n = miner.slotCount;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (s.state !== SLOT_ACTIVE) continue;
    // slotRevenuePerItMw's cached-year case written out, each branch a complete product:
    // merging the (boxed) result of the call with an unboxed value made the optimiser box
    // the common case too (a heap number per active slot and interval). The rare call reads
    // the days from `iv`: passing `a` and `b` made V8 convert both to tagged values on entry
    // to every accrue, for this call and the error messages above.
    const rev =
      a >= s.leaseYearStart && b <= s.leaseYearEnd
        ? s.itMw * ((s.rateNow * (b - a)) / DAYS_PER_YEAR)
        : s.itMw * slotRevenuePerItMw(s, iv.fromDay, iv.toDay);
    aiOpex += (1 - s.margin) * rev;
    if (s.kind === "gpu") {
      gpu += rev;
      gpuItMwDays += s.itMw * dt;
    } else {
      colo += rev;
      coloItMwDays += s.itMw * dt;
    }
  }
  l.coloItMwDays = coloItMwDays;
  l.gpuItMwDays = gpuItMwDays;
  l.coloRevenueUsd += colo;
  l.gpuRevenueUsd += gpu;
  l.aiOpexUsd += aiOpex;

  const opex = power + other + aiOpex;
  const cash = sold + colo + gpu + ers + resale - opex;
  // The discount factor at the midpoint, minerDiscount(miner, 0.5·(a + b)) written out.
  const discount = discountAt(0.5 * (a + b), spec.discountLogPerDay);
  l.pvCashUsd += cash * discount;

  l.mwDays[MINING] = l.mwDays[MINING]! + mining * dt;
  l.mwDays[CURTAILED] = l.mwDays[CURTAILED]! + curtailed * dt;
  l.mwDays[CONVERTING] = l.mwDays[CONVERTING]! + mw[CONVERTING]! * dt;
  l.mwDays[AI] = l.mwDays[AI]! + mw[AI]! * dt;
  l.mwDays[IDLE] = l.mwDays[IDLE]! + mw[IDLE]! * dt;

  // EWMA decay factors for this interval length (cached: most intervals are a week).
  if (dt !== miner.expDt) {
    miner.expDt = dt;
    miner.expTrailing = Math.exp(-dt / spec.trailingDays);
    miner.expFlip = Math.exp(-dt / (0.5 * spec.flipWindowDays));
  }

  // Trailing hashprice (exact EWMA update for the interval mean).
  const hpMean = iv.hashpriceUsdIntegral / dt;
  if (Number.isNaN(miner.trailingHashpriceUsd)) miner.trailingHashpriceUsd = hpMean;
  else {
    const w = miner.expTrailing;
    miner.trailingHashpriceUsd = miner.trailingHashpriceUsd * w + hpMean * (1 - w);
  }

  // Flip date.
  const miningRate = usd / dt;
  const aiRate = (colo + gpu) / dt;
  let flipAt = b;
  if (l.ewmaStarted !== true) {
    l.ewmaMiningUsdPerDay = miningRate;
    l.ewmaAiUsdPerDay = aiRate;
    l.ewmaStarted = true;
    flipAt = a;
  } else {
    const w = miner.expFlip;
    l.ewmaMiningUsdPerDay = l.ewmaMiningUsdPerDay * w + miningRate * (1 - w);
    l.ewmaAiUsdPerDay = l.ewmaAiUsdPerDay * w + aiRate * (1 - w);
  }
  if (Number.isNaN(l.flipDay) && l.ewmaAiUsdPerDay > l.ewmaMiningUsdPerDay) l.flipDay = flipAt;

  l.lastDay = b;
}

/**
 * {@link accrue} from the loop's running sums: `cumHpUsd` and `cumHpBtc` are ∫HP_usd and
 * ∫HP_btc from day 0 to `day`; the miner keeps the values at its last accrual. Uses
 * `scratch` (a reusable interval) and allocates nothing.
 */
export function accrueTo(
  miner: MinerState,
  day: number,
  cumHpUsd: number,
  cumHpBtc: number,
  rtPowerUsdPerMwh: number,
  scratch: AccrualInterval,
): void {
  const l = miner.ledger;
  scratch.fromDay = l.lastDay;
  scratch.toDay = day;
  scratch.hashpriceUsdIntegral = cumHpUsd - l.cumHashpriceUsdAtLast;
  scratch.hashpriceBtcIntegral = cumHpBtc - l.cumHashpriceBtcAtLast;
  scratch.rtPowerUsdPerMwh = rtPowerUsdPerMwh;
  accrue(miner, scratch);
  l.cumHashpriceUsdAtLast = cumHpUsd;
  l.cumHashpriceBtcAtLast = cumHpBtc;
}

/** Book capex spent on `day` (USD). */
export function bookCapex(miner: MinerState, usd: number, day: number): void {
  if (!(usd > 0)) return;
  miner.ledger.capexUsd += usd;
  miner.ledger.pvCashUsd -= usd * minerDiscount(miner, day);
}

/**
 * Credit one ERCOT 4CP interval on `day`: each MW curtailed during it avoids a quarter of
 * the annual 4CP transmission charge (CALIBRATION (3) "4CP avoided transmission
 * $80/kW-yr if all four intervals are missed"). Call after the strategy has curtailed.
 * Returns the credit.
 */
export function creditFourCp(miner: MinerState, day: number): number {
  const credit = 0.25 * miner.spec.economics.fourCpUsdPerMwYr * miner.mw[CURTAILED]!;
  if (credit > 0) {
    miner.ledger.fourCpCreditUsd += credit;
    miner.ledger.pvCashUsd += credit * minerDiscount(miner, day);
  }
  return credit;
}

/** Sell up to `btc` BTC of treasury at `priceUsd` on `day`; returns BTC sold. */
export function sellTreasury(miner: MinerState, btc: number, priceUsd: number, day: number): number {
  const x = btc < miner.treasuryBtc ? btc : miner.treasuryBtc;
  if (!(x > 0)) return 0;
  miner.treasuryBtc -= x;
  miner.ledger.treasuryBtcSold += x;
  miner.ledger.treasurySalesUsd += x * priceUsd;
  miner.ledger.pvCashUsd += x * priceUsd * minerDiscount(miner, day);
  return x;
}

/** Headline figures of a miner over a path so far (written into a caller's object). */
export interface MinerSummary {
  miningRevenueUsd: number;
  coloRevenueUsd: number;
  gpuRevenueUsd: number;
  aiRevenueUsd: number;
  /** ERS + 4CP + power-resale credits. */
  drCreditsUsd: number;
  revenueUsd: number;
  opexUsd: number;
  ebitdaUsd: number;
  /** EBITDA / revenue (NaN when there is no revenue). */
  ebitdaMargin: number;
  /** AI EBITDA / AI revenue (NaN without AI revenue). */
  aiEbitdaMargin: number;
  /** Mining revenue / revenue: the revenue mix (NaN without revenue). */
  btcShare: number;
  capexUsd: number;
  treasuryBtc: number;
  treasuryValueUsd: number;
  /** PV of cash flows + PV at `day` of the treasury change since day 0 at `btcPriceUsd`. */
  npvUsd: number;
  curtailedMwh: number;
  flipDay: number;
  /** Mining revenue per mining MW-yr (NaN without mining). */
  miningRevenuePerMwYr: number;
  /** Colocation revenue per IT-MW-yr (NaN without colocation). */
  coloRevenuePerItMwYr: number;
  /** GPU-cloud revenue per IT-MW-yr (NaN without GPU cloud). */
  gpuRevenuePerItMwYr: number;
  /**
   * Largest discretionary conversion or re-mining build, gross MW, the miner wanted but
   * could not start for lack of a free slot (0 = none; lifecycle.ts noteDroppedConversion:
   * the MW left unconverted because of it). Should be 0: a positive value means the path
   * under-states conversions.
   */
  droppedConversionMw: number;
}

/** A blank summary (setup only). */
export function createSummary(): MinerSummary {
  return {
    miningRevenueUsd: 0,
    coloRevenueUsd: 0,
    gpuRevenueUsd: 0,
    aiRevenueUsd: 0,
    drCreditsUsd: 0,
    revenueUsd: 0,
    opexUsd: 0,
    ebitdaUsd: 0,
    ebitdaMargin: Number.NaN,
    aiEbitdaMargin: Number.NaN,
    btcShare: Number.NaN,
    capexUsd: 0,
    treasuryBtc: 0,
    treasuryValueUsd: 0,
    npvUsd: 0,
    curtailedMwh: 0,
    flipDay: Number.NaN,
    miningRevenuePerMwYr: Number.NaN,
    coloRevenuePerItMwYr: Number.NaN,
    gpuRevenuePerItMwYr: Number.NaN,
    droppedConversionMw: 0,
  };
}

/** Fill `out` from the ledger; `btcPriceUsd` and `day` value the treasury. */
export function summarize(miner: MinerState, btcPriceUsd: number, day: number, out: MinerSummary): MinerSummary {
  const l = miner.ledger;
  const ai = l.coloRevenueUsd + l.gpuRevenueUsd;
  const dr = l.ersCreditUsd + l.fourCpCreditUsd + l.resaleCreditUsd;
  const revenue = l.miningRevenueUsd + ai + dr;
  const opex = l.powerCostUsd + l.otherOpexUsd + l.aiOpexUsd;
  out.miningRevenueUsd = l.miningRevenueUsd;
  out.coloRevenueUsd = l.coloRevenueUsd;
  out.gpuRevenueUsd = l.gpuRevenueUsd;
  out.aiRevenueUsd = ai;
  out.drCreditsUsd = dr;
  out.revenueUsd = revenue;
  out.opexUsd = opex;
  out.ebitdaUsd = revenue - opex;
  out.ebitdaMargin = revenue !== 0 ? (revenue - opex) / revenue : Number.NaN;
  out.aiEbitdaMargin = ai !== 0 ? (ai - l.aiOpexUsd) / ai : Number.NaN;
  out.btcShare = revenue !== 0 ? l.miningRevenueUsd / revenue : Number.NaN;
  out.capexUsd = l.capexUsd;
  out.treasuryBtc = miner.treasuryBtc;
  out.treasuryValueUsd = miner.treasuryBtc * btcPriceUsd;
  out.npvUsd =
    l.pvCashUsd +
    (miner.treasuryBtc - miner.spec.treasuryBtc) * btcPriceUsd * discountFactor(miner.spec.discountRate, day);
  out.curtailedMwh = l.curtailedMwh;
  out.flipDay = l.flipDay;
  const miningMwDays = l.mwDays[MINING]!;
  out.miningRevenuePerMwYr = miningMwDays > 0 ? (l.miningRevenueUsd / miningMwDays) * DAYS_PER_YEAR : Number.NaN;
  out.coloRevenuePerItMwYr = l.coloItMwDays > 0 ? (l.coloRevenueUsd / l.coloItMwDays) * DAYS_PER_YEAR : Number.NaN;
  out.gpuRevenuePerItMwYr = l.gpuItMwDays > 0 ? (l.gpuRevenueUsd / l.gpuItMwDays) * DAYS_PER_YEAR : Number.NaN;
  out.droppedConversionMw = l.droppedConversionMw;
  return out;
}
