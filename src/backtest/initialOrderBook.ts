/**
 * The order book at a backtest's start, rebuilt from history (a model; the growth rule's
 * own logic applied to the data before `from`, no extra parameter).
 *
 * A backtest starts from the actual chain state at `from`, but hardware ordered in the
 * months before — still in its install lag at `from` — arrives during the run. An empty
 * order book makes the model flat for the first install lag whatever happened before (in
 * January 2019 the 2018 orders kept arriving while prices were too low for new ones). So
 * the growth rule of the path (fleetGrowth.ts frontierOrder, same parameters, including a
 * path's drawn κ, h and ε) is applied at each growth event in the install lag before
 * `from`, on the actual data of that day:
 * - price: the price file's row of that day;
 * - difficulty: the nBits of the epoch in force (start_time ≤ t < next start_time);
 * - height: linear in time within that epoch (as buildBacktestPlan estimates the start
 *   height), which gives the subsidy (Core GetBlockSubsidy) and the days to the next
 *   halving at 600 s per block;
 * - fees: the backtest's share of the reward (BACKTEST_FEE_SHARE_OF_REWARD);
 * - installed EH/s: the data's implied hashrate of the last complete epoch (as the
 *   backtest's initial hashrate), falling back to D·2^32/600;
 * - the rule's dilution by the order book counts the rebuilt orders expected to be still
 *   pending on that day (each order times the probability that its uniform install lag has
 *   not yet elapsed).
 * Events are placed every intervalDays back from day 0, from {@link ORDER_BOOK_WARM_UP_LAGS}
 * install lags back: day −k·intervalDays for k = 1 … 3·⌈installLagMaxDays / intervalDays⌉ − 1.
 * Only the orders of the last lag (k < ⌈installLagMaxDays / intervalDays⌉) can still be
 * pending at day 0; the two lags before them warm the book up, so that those last steps see
 * the book the rule itself would have built (starting the rebuild only one lag back left
 * them an empty book: a cold start, with a burst of orders at first and none after).
 * The model's own growth event at day 0 is the first of the run.
 *
 * Of each rebuilt order, the part whose arrival falls after day 0 is put on the book: with
 * the lag uniform in [min, max], that is the fraction (t + max − max(0, t + min)) / (max −
 * min) of an order placed on day t < 0, arriving at the middle of [max(0, t + min), t + max]
 * (the conditional mean: one pending order per rebuilt order, not a per-path draw of its
 * lag — stated). The hardware that arrived before day 0 is already in the actual hashrate
 * at `from`.
 */
import { blockSubsidy, COIN, difficultyFromBits, HALVING_INTERVAL } from "../consensus/index.js";
import { frontierOrder, type FleetGrowthParams, type FrontierOrder, type PendingOrderSpec } from "../model/fleet/index.js";
import { epochDayFromIso, isoFromEpochDay, priceOnDay, type DailyPriceSeries } from "../model/market/index.js";
import { unixFromIsoDate } from "../model/path/index.js";
import { SECONDS_PER_DAY, revenuePerPhDayAtDifficulty } from "../model/units.js";
import { epochOpenAt, hashrateBeforeEh, type DifficultyEpochs } from "./epochCsv.js";

/** The data of one growth event before the start (all from the files). */
export interface OrderBookStep {
  /** Day relative to `from` (< 0). */
  readonly day: number;
  readonly priceUsd: number;
  readonly difficulty: number;
  readonly subsidyBtc: number;
  readonly feesBtcPerBlock: number;
  /** Revenue per PH/day at that difficulty, price and reward, $. */
  readonly hashpriceUsdPerPhDay: number;
  readonly daysToNextHalving: number;
  /** Installed EH/s (the data's implied hashrate of the last complete epoch). */
  readonly installedEh: number;
}

/**
 * Install lags of history the rebuild runs through (the last one's orders can be pending at
 * day 0; the two before warm the book up; the dilution looks back one lag, so two more make
 * the effect of the cold beginning on the last lag small).
 */
export const ORDER_BOOK_WARM_UP_LAGS = 3;

/** Nominal seconds per block, for the days to the next halving (Core's nPowTargetSpacing). */
const TARGET_SPACING = 600;

/**
 * The growth events before `from` whose orders can still be pending at day 0, with their
 * data (see the file comment). Throws a RangeError `backtest: …` when the files do not
 * cover them.
 */
export function orderBookHistory(
  epochs: DifficultyEpochs,
  prices: DailyPriceSeries,
  from: string,
  growth: Pick<FleetGrowthParams, "intervalDays" | "installLagMaxDays">,
  feeShareOfReward: number,
): OrderBookStep[] {
  const interval = growth.intervalDays;
  if (!(Number.isInteger(interval) && interval > 0)) {
    throw new RangeError(`backtest: the order book before --from needs a whole number of days between growth events, got ${interval}`);
  }
  const count = Math.max(0, ORDER_BOOK_WARM_UP_LAGS * Math.ceil(growth.installLagMaxDays / interval) - 1);
  const startTime = unixFromIsoDate(from, "from");
  const startDay = epochDayFromIso(from);
  const steps: OrderBookStep[] = [];
  for (let k = count; k >= 1; k--) {
    const day = -k * interval;
    const t = startTime + day * SECONDS_PER_DAY;
    const date = isoFromEpochDay(startDay + day);
    const r = epochOpenAt(epochs, t);
    if (r < 0) throw new RangeError(`backtest: ${epochs.source} has no epoch with known start times around ${date} (the order book before --from needs ${count * interval} days of history)`);
    const priceUsd = priceOnDay(prices, startDay + day);
    if (!(priceUsd > 0)) throw new RangeError(`backtest: ${prices.source} has no price for ${date} (the order book before --from needs ${count * interval} days of history)`);
    const st = epochs.startTime[r]!;
    const height = epochs.startHeight[r]! + (2016 * (t - st)) / (epochs.startTime[r + 1]! - st);
    // The next block's subsidy, and the halving after that block's era (as kernel.ts
    // daysToNextHalving: the era of the current subsidy), so that a day within the last
    // block before a halving does not count the same halving twice.
    const nextBlock = Math.floor(height) + 1;
    const subsidySats = blockSubsidy(nextBlock);
    const subsidyBtc = Number(subsidySats) / Number(COIN);
    const feesBtcPerBlock = (subsidyBtc * feeShareOfReward) / (1 - feeShareOfReward);
    const difficulty = difficultyFromBits(epochs.nbits[r]!);
    const nextHalving = HALVING_INTERVAL * (Math.floor(nextBlock / HALVING_INTERVAL) + 1);
    steps.push({
      day,
      priceUsd,
      difficulty,
      subsidyBtc,
      feesBtcPerBlock,
      hashpriceUsdPerPhDay: revenuePerPhDayAtDifficulty(priceUsd, subsidyBtc + feesBtcPerBlock, difficulty),
      daysToNextHalving: subsidySats === 0n ? Infinity : ((nextHalving - height) * TARGET_SPACING) / SECONDS_PER_DAY,
      installedEh: hashrateBeforeEh(epochs, r),
    });
  }
  return steps;
}

/** Probability that a lag uniform in [lo, hi] exceeds x. */
function stillPending(x: number, lo: number, hi: number): number {
  if (x < lo) return 1;
  if (x >= hi) return 0;
  return (hi - x) / (hi - lo);
}

/**
 * The orders on the book at day 0 under growth parameters `g` (see the file comment):
 * one pending order per rebuilt order with a part arriving after day 0. Empty when growth
 * is disabled or nothing was ordered.
 */
export function initialOrderBook(g: FleetGrowthParams, steps: readonly OrderBookStep[]): PendingOrderSpec[] {
  if (!g.enabled) return [];
  const lo = g.installLagMinDays;
  const hi = g.installLagMaxDays;
  const placed: { day: number; eh: number; jPerTh: number }[] = [];
  const o: FrontierOrder = { eh: 0, jPerTh: NaN, paybackDays: NaN };
  for (const s of steps) {
    let pipeline = 0;
    for (const p of placed) pipeline += p.eh * stillPending(s.day - p.day, lo, hi);
    frontierOrder(g, s.day, s.hashpriceUsdPerPhDay, s.subsidyBtc, s.feesBtcPerBlock, s.difficulty, s.daysToNextHalving, pipeline, s.installedEh, o);
    if (o.eh > 0) placed.push({ day: s.day, eh: o.eh, jPerTh: o.jPerTh });
  }
  const book: PendingOrderSpec[] = [];
  for (const p of placed) {
    const share = stillPending(-p.day, lo, hi);
    if (!(share > 0)) continue;
    const first = Math.max(0, p.day + lo);
    const last = p.day + hi;
    book.push({ day: hi > lo ? 0.5 * (first + last) : last, eh: p.eh * share, jPerTh: p.jPerTh });
  }
  return book;
}

/** EH/s on a book. */
export function orderBookEh(book: readonly PendingOrderSpec[]): number {
  let s = 0;
  for (const o of book) s += o.eh;
  return s;
}
