/**
 * Growth and retirement of the fleet, evaluated at growth events (weekly by default), not
 * daily (DESIGN.md §3 "Cost per path").
 *
 * Entry (a model; CALIBRATION.md (1) "Entry (new hashrate)" and "New-hardware frontier"):
 * frontier hardware is ordered when its payback on power-only margin beats a hurdle.
 * - Frontier efficiency: e_f = frontierJPerTh · (1 − frontierImprovementPerYear)^(day/365).
 * - Capex per PH/s: ASIC $/TH × 1,000 + site $/MW × e_f/1,000 (1 PH/s at e_f J/TH draws
 *   e_f/1,000 MW). The ASIC $/TH is constant by default; opt-in, it is indexed to the
 *   current hashprice with an elasticity ({@link asicUsdPerThAt}).
 * - Margin per PH/s per day: expected hashprice − 0.024·e_f·c, c the middle of the
 *   new-build power-cost band. Expected hashprice is myopic (today's revenue per PH at the
 *   current difficulty, price and fees), with two corrections a buyer can see: it is
 *   diluted by the hardware already on order (× H/(H + pipeline), H the
 *   difficulty-implied hashrate), and the subsidy halves after daysToNextHalving.
 *   No forecast of price or of others' growth beyond the order book.
 * - Order size, "fixedRate" mode (the default): the build rate × the interval (MW), i.e.
 *   (MW / e_f) EH/s, whenever payback ≤ hurdle.
 * - Order size, "margin" mode (opt-in; free entry): {@link marginOrderEh}, which scales with
 *   the installed hashrate and with the frontier's profitability and is zero once payback
 *   reaches the hurdle; optionally (marginCapMwPerMonth, absent = no cap) at most
 *   cap × interval (MW), i.e. (MW / e_f) EH/s: an absolute build rate ({@link capMarginOrderEh}).
 * - Either order arrives after an install lag uniform in [min, max] days drawn from the
 *   fleet's stream.
 * Exit: a cohort whose band's cheapest power is not covered at every growth event for
 * retireAfterDays retires (is removed; reported in retiredEh).
 */
import type { Rng } from "../../random/index.js";
import { DAYS_PER_YEAR, HS_PER_EH, MWH_PER_PH_DAY_PER_J_PER_TH, impliedHashrateHs, revenuePerPhDayAtDifficulty } from "../units.js";
import { removeCohort } from "./cohorts.js";
import { supplyCurveRemoveCohort } from "./supplyCurve.js";
import type { FleetGrowthParams, FleetState } from "./fleetState.js";

/** Average days per month used to turn a monthly build rate into a per-interval one. */
const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/**
 * Payback in days of `capexPerPh` ($/PH/s) given a daily margin `marginBefore` until the
 * halving, `daysToHalving` days away, and `marginAfter` after it ($/PH/day). A negative
 * margin counts as 0 (the hardware idles rather than run at a loss). +Infinity when the
 * capex is never recovered; 0 for capex ≤ 0. `daysToHalving` may be +Infinity.
 */
export function paybackDays(capexPerPh: number, marginBefore: number, marginAfter: number, daysToHalving: number): number {
  if (!(capexPerPh > 0)) return 0;
  const m1 = marginBefore > 0 ? marginBefore : 0;
  const t = daysToHalving > 0 ? daysToHalving : 0;
  if (m1 > 0 && capexPerPh <= m1 * t) return capexPerPh / m1;
  if (t === Infinity) return Infinity;
  const m2 = marginAfter > 0 ? marginAfter : 0;
  if (m2 === 0) return Infinity;
  return t + (capexPerPh - m1 * t) / m2;
}

/**
 * Frontier efficiency (J/TH) at `day`: e_0 · (1 − improvement)^(day/365).
 *
 * Growth events fall on the same whole days on every path (day 0, then every
 * intervalDays), so the value for a whole day is kept in a table for the last (e_0,
 * improvement) and read back instead of recomputing Math.pow (the same bits).
 */
export function frontierJPerThAt(frontierJPerTh: number, improvementPerYear: number, day: number): number {
  const k = day | 0;
  if (k === day && k >= 0 && k < FRONTIER_TABLE_DAYS) {
    if (frontierJPerTh !== frontierTableE0 || improvementPerYear !== frontierTableImprovement) {
      frontierTable.fill(NaN);
      frontierTableE0 = frontierJPerTh;
      frontierTableImprovement = improvementPerYear;
    }
    const cached = frontierTable[k]!;
    if (cached === cached) return cached;
    const v = frontierJPerTh * Math.pow(1 - improvementPerYear, day / DAYS_PER_YEAR);
    frontierTable[k] = v;
    return v;
  }
  return frontierJPerTh * Math.pow(1 - improvementPerYear, day / DAYS_PER_YEAR);
}

/** Whole days covered by frontierJPerThAt's table (~22 years). */
const FRONTIER_TABLE_DAYS = 8192;
const frontierTable = new Float64Array(FRONTIER_TABLE_DAYS).fill(NaN);
let frontierTableE0 = NaN;
let frontierTableImprovement = NaN;

/** Capex of 1 PH/s of new hardware at `jPerTh`, $: ASIC $/TH × 1,000 + site $/MW × J/TH / 1,000. */
export function capexPerPh(asicUsdPerTh: number, siteCapexUsdPerMw: number, jPerTh: number): number {
  return asicUsdPerTh * 1000 + (siteCapexUsdPerMw * jPerTh) / 1000;
}

/**
 * ASIC price of the frontier, $/TH, indexed to the hashprice (opt-in):
 * base · (hashprice / refHashprice)^elasticity. An elasticity of 0 returns `base` itself
 * (a constant price, the default). A hashprice ≤ 0 gives 0 for a positive elasticity.
 */
export function asicUsdPerThAt(baseUsdPerTh: number, hashprice: number, refHashprice: number, elasticity: number): number {
  if (elasticity === 0) return baseUsdPerTh;
  return baseUsdPerTh * Math.pow(hashprice / refHashprice, elasticity);
}

/**
 * Order of one growth event in "margin" mode, EH/s of frontier hardware (free entry with
 * adjustment costs, a documented model):
 *
 *     order = κ · Δt/365 · H_inst · max(0, 1 − payback/hurdle)
 *
 * κ = marginGrowthPerYear, Δt = intervalDays, H_inst the installed EH/s. With q =
 * hurdle/payback — the value of a rig's margin over the hurdle horizon per dollar of capex,
 * a Tobin's-q (Hayashi 1982) — the factor is max(0, 1 − 1/q): nothing is ordered while
 * entry does not pay (q ≤ 1), and the growth rate of capacity rises with profitability
 * towards a ceiling κ (manufacturing and site build-out bound how fast any boom is
 * served). As κ grows the rule approaches Prat & Walter's (2021, JPE) free-entry barrier —
 * hashrate enters whenever revenue per hash reaches the entry level — but with the
 * install lag and a finite entry speed. The installed-hashrate scale makes growth
 * exponential (the build-out follows the industry's size), not a fixed MW per month.
 * Returns 0 for a non-finite payback, a payback ≥ hurdle, or no installed hardware.
 */
export function marginOrderEh(
  marginGrowthPerYear: number,
  intervalDays: number,
  installedEh: number,
  paybackDaysNow: number,
  hurdlePaybackDays: number,
): number {
  if (!(paybackDaysNow < hurdlePaybackDays) || !(installedEh > 0) || !(marginGrowthPerYear > 0)) return 0;
  return ((marginGrowthPerYear * intervalDays) / DAYS_PER_YEAR) * installedEh * (1 - paybackDaysNow / hurdlePaybackDays);
}

/**
 * A "margin" order capped by an absolute build rate (opt-in): min(orderEh, C · Δt/(365/12)
 * / e_f) EH/s, C = capMwPerMonth, Δt = intervalDays, e_f = jPerTh (1 EH/s at e J/TH draws
 * e MW). New capacity is limited by ASIC supply and site build-out in MW, not in proportion
 * to the network (CALIBRATION.md (1) "Entry (new hashrate)": "capped by a site build rate
 * (~100 MW per 6 months per large miner)"; §h "Hashrate response to price": "~6 months per
 * 100 MW"), so the same cap is a large share of a small network and a small share of a
 * large one. `capMwPerMonth` undefined or +Infinity returns `orderEh` itself (no cap).
 */
export function capMarginOrderEh(orderEh: number, capMwPerMonth: number | undefined, intervalDays: number, jPerTh: number): number {
  if (capMwPerMonth === undefined || capMwPerMonth === Infinity) return orderEh;
  const capEh = (capMwPerMonth * intervalDays) / DAYS_PER_MONTH / jPerTh;
  return orderEh < capEh ? orderEh : capEh;
}

/** What {@link frontierOrder} decides (a caller-owned scratch object; no allocation per call). */
export interface FrontierOrder {
  /** EH/s ordered (0: no order). */
  eh: number;
  /** J/TH of the frontier hardware ordered. */
  jPerTh: number;
  /** Payback of the frontier rig, days (+Infinity if never). */
  paybackDays: number;
}

/** Scratch of fleetGrowthUpdate. */
const ORDER: FrontierOrder = { eh: 0, jPerTh: NaN, paybackDays: NaN };

/**
 * The order of the growth rule at `day` (see the file comment), written to `out`:
 * frontier efficiency, capex (ASIC price indexed to the hashprice when the plan says so),
 * power-only margin at `hashprice` diluted by `pipelineEh` on order against the
 * difficulty-implied hashrate, halving-aware payback, and the order size of the rule's
 * mode ("margin": {@link marginOrderEh} on `installedEh`, capped by
 * {@link capMarginOrderEh} when marginCapMwPerMonth is set; "fixedRate": the build rate
 * while payback ≤ hurdle). `hashprice` is revenue per PH/day at `difficulty` with reward
 * subsidyBtc + feesBtcPerBlock. Used by fleetGrowthUpdate and, before a backtest's start,
 * to rebuild the order book from history (backtest/initialOrderBook.ts).
 */
export function frontierOrder(
  g: FleetGrowthParams,
  day: number,
  hashprice: number,
  subsidyBtc: number,
  feesBtcPerBlock: number,
  difficulty: number,
  daysToNextHalving: number,
  pipelineEh: number,
  installedEh: number,
  out: FrontierOrder,
): void {
  const hp = hashprice;
  const reward = subsidyBtc + feesBtcPerBlock;
  const ej = frontierJPerThAt(g.frontierJPerTh, g.frontierImprovementPerYear, day);
  out.jPerTh = ej;
  let asic = g.asicUsdPerWatt !== undefined ? g.asicUsdPerWatt * ej : g.asicUsdPerTh;
  const eps = g.asicPriceElasticity;
  if (eps !== undefined && eps !== 0) asic = asicUsdPerThAt(asic, hp, g.asicRefHashprice!, eps);
  const capex = capexPerPh(asic, g.siteCapexUsdPerMw, ej);
  const opex = MWH_PER_PH_DAY_PER_J_PER_TH * ej * 0.5 * (g.newBuildPowerCostLo + g.newBuildPowerCostHi);
  const hImplied = impliedHashrateHs(difficulty) / HS_PER_EH;
  const dilution = hImplied > 0 ? hImplied / (hImplied + pipelineEh) : 1;
  const hpNow = hp * dilution;
  const hpAfter = reward > 0 ? (hpNow * (0.5 * subsidyBtc + feesBtcPerBlock)) / reward : 0;
  const payback = paybackDays(capex, hpNow - opex, hpAfter - opex, daysToNextHalving);
  out.paybackDays = payback;
  if (g.mode === "margin") {
    const eh = marginOrderEh(g.marginGrowthPerYear!, g.intervalDays, installedEh, payback, g.hurdlePaybackDays);
    out.eh = capMarginOrderEh(eh, g.marginCapMwPerMonth, g.intervalDays, ej);
  } else if (!(payback <= g.hurdlePaybackDays) || g.buildRateMwPerMonth <= 0) {
    out.eh = 0;
  } else {
    const mw = (g.buildRateMwPerMonth * g.intervalDays) / DAYS_PER_MONTH;
    out.eh = mw / ej; // 1 EH/s at e J/TH draws e MW
  }
}

/**
 * One growth event at `day`: retire long-unprofitable cohorts, then, if growth is
 * enabled and the frontier's payback beats the hurdle, place one order. Sets
 * `nextGrowthDay = day + intervalDays`. Inputs as in fleetDailyUpdate, with subsidy and
 * fees separate (the halving halves only the subsidy) and the days to the next halving
 * (+Infinity if none within reach). Draws from `rng` only when it places an order.
 */
export function fleetGrowthUpdate(
  f: FleetState,
  day: number,
  priceUsd: number,
  subsidyBtc: number,
  feesBtcPerBlock: number,
  difficulty: number,
  daysToNextHalving: number,
  rng: Rng,
): void {
  const g = f.plan.growth;
  const reward = subsidyBtc + feesBtcPerBlock;
  const hp = revenuePerPhDayAtDifficulty(priceUsd, reward, difficulty);
  if (hp !== hp) {
    throw new RangeError(
      `fleetGrowthUpdate: NaN signal (price ${priceUsd}, subsidy ${subsidyBtc}, fees ${feesBtcPerBlock}, difficulty ${difficulty})`,
    );
  }
  f.nextGrowthDay = day + g.intervalDays;

  // Retirement: hashprice below the breakeven of the cohort's cheapest power. Skipped when
  // it would change nothing: the last check left every cohort profitable and hashprice is
  // still at or above their highest breakeven (c.retireCheckFrom); or it left some marked,
  // hashprice is still between the unmarked cohorts' highest breakeven and the marked
  // ones' lowest, and none is due yet (cohorts.ts, retireMarkedFrom …).
  const c = f.cohorts;
  if (
    !(hp >= c.retireCheckFrom) &&
    !(hp >= c.retireMarkedFrom && hp < c.retireCheckBelow && day - c.retireMarkedSince < g.retireAfterDays)
  ) {
    const unprofitableSince = c.unprofitableSince;
    let highest = -Infinity;
    let lowestMarked = Infinity;
    let earliest = Infinity;
    let marked = false;
    for (let i = 0; i < c.n; ) {
      const lowBreakeven = MWH_PER_PH_DAY_PER_J_PER_TH * c.jPerTh[i]! * c.costLo[i]!;
      if (hp < lowBreakeven) {
        let since = unprofitableSince[i]!;
        if (since !== since) {
          unprofitableSince[i] = day;
          since = day;
        } else if (day - since >= g.retireAfterDays) {
          f.retiredEh += c.eh[i]!;
          supplyCurveRemoveCohort(f.curve, i, removeCohort(c, i));
          continue; // slot i now holds another cohort
        }
        marked = true;
        if (lowBreakeven < lowestMarked) lowestMarked = lowBreakeven;
        if (since < earliest) earliest = since;
      } else {
        unprofitableSince[i] = NaN;
        if (lowBreakeven > highest) highest = lowBreakeven;
      }
      i++;
    }
    if (marked) {
      c.retireCheckFrom = Infinity;
      c.retireMarkedFrom = highest;
      c.retireCheckBelow = lowestMarked;
      c.retireMarkedSince = earliest;
    } else {
      c.retireCheckFrom = highest;
      c.retireCheckBelow = -Infinity;
    }
  }

  if (!g.enabled) return;
  let pipeline = 0;
  for (let i = 0; i < f.nPending; i++) pipeline += f.pendingEh[i]!;
  const o = ORDER;
  frontierOrder(g, day, hp, subsidyBtc, feesBtcPerBlock, difficulty, daysToNextHalving, pipeline, f.curve.totalEh, o);
  f.lastFrontierJPerTh = o.jPerTh;
  f.lastPaybackDays = o.paybackDays;
  const eh = o.eh;
  const ej = o.jPerTh;
  if (!(eh > 0)) return;
  if (f.nPending >= f.pendingDay.length) return; // cannot happen with a validated plan
  const lag = g.installLagMinDays + (g.installLagMaxDays - g.installLagMinDays) * rng.double();
  const k = f.nPending++;
  f.pendingDay[k] = day + lag;
  f.pendingEh[k] = eh;
  f.pendingJPerTh[k] = ej;
  if (day + lag < f.nextArrivalDay) f.nextArrivalDay = day + lag;
  f.orderedEh += eh;
}
