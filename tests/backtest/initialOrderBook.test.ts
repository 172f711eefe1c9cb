/**
 * The order book at a backtest's start (backtest/initialOrderBook.ts) and the fleet's
 * orders on the book at day 0 (FleetPlan.initialOrders): the history steps read the data
 * of each day, the rebuilt book keeps the part of each order still in its install lag at
 * the start, and the model installs the book's orders on their days.
 */
import { describe, expect, it } from "vitest";
import {
  buildBacktestPlan,
  initialOrderBook,
  orderBookEh,
  orderBookHistory,
  parseBacktestScenario,
  pathPlan,
  type OrderBookStep,
} from "../../src/backtest/index.js";
import { difficultyFromBits } from "../../src/consensus/index.js";
import { DEFAULT_FLEET_GROWTH } from "../../src/model/calibration.js";
import {
  createFleetState,
  defaultFleetPlan,
  fleetDailyUpdateAt,
  fleetInstalledEh,
  fleetPipelineEh,
  frontierOrder,
  validateFleetPlan,
  type FleetGrowthParams,
  type FrontierOrder,
} from "../../src/model/fleet/index.js";
import { epochDayFromIso } from "../../src/model/market/index.js";
import { loadSharedData } from "./data.js";

const { epochs, prices } = loadSharedData();
const FROM = "2019-01-01";

describe("orderBookHistory", () => {
  const growth = { intervalDays: 7, installLagMaxDays: 180 };
  const steps = orderBookHistory(epochs, prices, FROM, growth, 0.0165);

  it("has one step every 7 days through three install lags before the start: days −539 … −7", () => {
    expect(steps.map((s) => s.day)).toEqual(Array.from({ length: 77 }, (_, i) => -539 + 7 * i));
  });

  it("reads each day's price, the difficulty in force and the last complete epoch's implied hashrate", () => {
    const d0 = epochDayFromIso(FROM);
    for (const s of steps) {
      const row = prices.epochDays.indexOf(d0 + s.day);
      expect(s.priceUsd).toBe(prices.prices[row]);
      const t = Date.UTC(2019, 0, 1) / 1000 + s.day * 86400;
      const r = Array.from(epochs.startTime).findIndex((st, i) => st <= t && t < epochs.startTime[i + 1]!);
      expect(s.difficulty).toBe(difficultyFromBits(epochs.nbits[r]!));
      expect(s.installedEh).toBe(epochs.impliedHashrateHs[r - 1]! / 1e18);
      // 2018: 12.5 BTC until the 2020 halving, fees 1.65% of the reward.
      expect(s.subsidyBtc).toBe(12.5);
      expect(s.feesBtcPerBlock / (s.subsidyBtc + s.feesBtcPerBlock)).toBeCloseTo(0.0165, 14);
    }
  });

  it("counts down to the 2020 halving (height 630,000) at 600 s a block from an estimated height", () => {
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.daysToNextHalving).toBeLessThan(steps[i - 1]!.daysToNextHalving);
    // Block 556,416 opened the epoch in force on 2018-12-31: (630,000 − 556,416) blocks ≈ 511 days.
    const last = steps[steps.length - 1]!;
    expect(last.daysToNextHalving).toBeGreaterThan(511);
    expect(last.daysToNextHalving).toBeLessThan(520 + 7);
  });

  it("takes the subsidy and the next halving from the same block: no halving counted twice in the block before one", () => {
    // Epoch 104 (blocks 209,664 … 211,679) holds the first halving (block 210,000). Its start
    // time is placed so that the last step (day −7 = 2016-01-01 00:00 UTC) falls `blocksIn`
    // blocks into it, at the nominal 600 s a block.
    const t = Date.UTC(2016, 0, 1) / 1000;
    const at = (blocksIn: number): OrderBookStep => {
      const st = t - blocksIn * 600;
      const synthetic = {
        ...epochs,
        source: "synthetic",
        epoch: Int32Array.of(101, 102, 103, 104, 105),
        startHeight: Int32Array.of(101 * 2016, 102 * 2016, 103 * 2016, 104 * 2016, 105 * 2016),
        nbits: Uint32Array.of(0x1d00ffff, 0x1d00ffff, 0x1d00ffff, 0x1d00ffff, 0x1d00ffff),
        startTime: Float64Array.of(st - 3 * 2016 * 600, st - 2 * 2016 * 600, st - 2016 * 600, st, st + 2016 * 600),
        impliedHashrateHs: Float64Array.of(1e15, 1e15, 1e15, 1e15, NaN),
      };
      const steps = orderBookHistory(synthetic, prices, "2016-01-08", { intervalDays: 7, installLagMaxDays: 14 }, 0);
      const s = steps[steps.length - 1]!;
      expect(s.day).toBe(-7);
      return s;
    };
    const blocks = (days: number) => (days * 86400) / 600;
    // Estimated height 209,998.5: the next block (209,999) pays 50 BTC; the halving is 1.5 blocks away.
    const before = at(209_998.5 - 104 * 2016);
    expect(before.subsidyBtc).toBe(50);
    expect(blocks(before.daysToNextHalving)).toBeCloseTo(1.5, 6);
    // Estimated height 209,999.5: the next block (210,000) already pays 25 BTC, so the next
    // halving is block 420,000 (210,000.5 blocks away), not the one that just happened.
    const after = at(209_999.5 - 104 * 2016);
    expect(after.subsidyBtc).toBe(25);
    expect(blocks(after.daysToNextHalving)).toBeCloseTo(420_000 - 209_999.5, 6);
  });

  it("fails, naming the file and the date, when the data do not reach back far enough", () => {
    expect(() => orderBookHistory(epochs, prices, "2012-03-01", growth, 0.0165)).toThrow(/prices\.csv has no price for 2010-/);
  });
});

describe("initialOrderBook", () => {
  const g: FleetGrowthParams = { ...DEFAULT_FLEET_GROWTH, mode: "margin", marginGrowthPerYear: 8, hurdlePaybackDays: 1000 };
  const step = (day: number, hp = 400): OrderBookStep => ({
    day,
    priceUsd: NaN,
    difficulty: 1e14,
    subsidyBtc: 3.125,
    feesBtcPerBlock: 0.05,
    hashpriceUsdPerPhDay: hp,
    daysToNextHalving: Infinity,
    installedEh: 800,
  });
  const orderAt = (s: OrderBookStep, pipeline: number): FrontierOrder => {
    const o: FrontierOrder = { eh: 0, jPerTh: NaN, paybackDays: NaN };
    frontierOrder(g, s.day, s.hashpriceUsdPerPhDay, s.subsidyBtc, s.feesBtcPerBlock, s.difficulty, s.daysToNextHalving, pipeline, s.installedEh, o);
    return o;
  };
  const lo = g.installLagMinDays;
  const hi = g.installLagMaxDays;

  it("an order placed within the minimum lag is on the book whole, arriving at the middle of its lag", () => {
    const s = step(-7);
    const o = orderAt(s, 0);
    expect(o.eh).toBeGreaterThan(0);
    expect(initialOrderBook(g, [s])).toEqual([{ day: -7 + 0.5 * (lo + hi), eh: o.eh, jPerTh: o.jPerTh }]);
  });

  it("an older order keeps the share of its uniform lag still to run, arriving at the middle of what is left", () => {
    const t = -(lo + hi) / 2; // half of its lag window has passed
    const s = step(t);
    const o = orderAt(s, 0);
    const [b] = initialOrderBook(g, [s]);
    expect(b!.eh).toBeCloseTo(o.eh * ((t + hi) / (hi - lo)), 12);
    expect(b!.day).toBeCloseTo(0.5 * (t + hi), 12);
    expect(initialOrderBook(g, [step(-hi)])).toEqual([]); // all of it arrived by day 0
  });

  it("dilutes each order by the rebuilt orders expected to be still pending that day", () => {
    const a = step(-70);
    const b = step(-63);
    const first = orderAt(a, 0);
    const second = orderAt(b, first.eh); // 7 days < the minimum lag: the first is certainly pending
    expect(second.eh).toBeLessThan(first.eh);
    const book = initialOrderBook(g, [a, b]);
    expect(book.map((x) => x.eh)).toEqual([first.eh, second.eh]);
    expect(orderBookEh(book)).toBe(first.eh + second.eh);
  });

  it("is empty when entry does not pay, when growth is off, or without history", () => {
    expect(initialOrderBook(g, [step(-7, 1)])).toEqual([]);
    expect(initialOrderBook({ ...g, enabled: false }, [step(-7)])).toEqual([]);
    expect(initialOrderBook(g, [])).toEqual([]);
  });
});

describe("FleetPlan.initialOrders", () => {
  const base = defaultFleetPlan({ growth: { enabled: false } });

  it("are pending at day 0 and arrive as cohorts on their day", () => {
    const plan = { ...base, maxPendingOrders: base.maxPendingOrders + 2, initialOrders: [{ day: 10.5, eh: 2, jPerTh: 14 }, { day: 30, eh: 3, jPerTh: 13 }] };
    const f = createFleetState(plan);
    const installed0 = fleetInstalledEh(f);
    expect(fleetPipelineEh(f)).toBe(5);
    for (let day = 0; day <= 40; day++) {
      fleetDailyUpdateAt(f, day, 100);
      const arrived = (day >= 10.5 ? 2 : 0) + (day >= 30 ? 3 : 0);
      expect(f.arrivedEh).toBe(arrived);
      expect(fleetPipelineEh(f)).toBe(5 - arrived);
      expect(fleetInstalledEh(f)).toBeCloseTo(installed0 + arrived, 9);
    }
    expect(f.orderedEh).toBe(0); // orders placed during the path only
  });

  it("are checked: a day after 0, finite EH/s and J/TH, room on the book", () => {
    // The book must hold the orders plus those one install lag of growth events can place.
    const least = Math.ceil(base.growth.installLagMaxDays / base.growth.intervalDays) + 1;
    const bad = (initialOrders: { day: number; eh: number; jPerTh: number }[], extra = 4) => () =>
      validateFleetPlan({ ...base, maxPendingOrders: least + extra, initialOrders });
    expect(bad([{ day: 0, eh: 1, jPerTh: 14 }])).toThrow(/initialOrders\[0\]\.day/);
    expect(bad([{ day: 5, eh: -1, jPerTh: 14 }])).toThrow(/initialOrders\[0\]\.eh/);
    expect(bad([{ day: 5, eh: 1, jPerTh: NaN }])).toThrow(/initialOrders\[0\]\.jPerTh/);
    const many = Array.from({ length: 5 }, () => ({ day: 5, eh: 1, jPerTh: 14 }));
    expect(bad(many, 4)).toThrow(/maxPendingOrders/);
    expect(bad(many, 5)).not.toThrow();
  });
});

describe("the backtest's order book", () => {
  const to = "2019-12-31";

  it("is rebuilt from history by default, per path with the path's own drawn parameters", () => {
    const bp = buildBacktestPlan({ epochs, prices, from: FROM, to });
    expect(bp.orderBook).toBe("history");
    expect(bp.plan.fleet.initialOrders).toEqual(initialOrderBook(bp.growth, bp.orderHistory));
    for (let i = 0; i < 4; i++) {
      const p = pathPlan(bp, "s", i);
      expect(p.fleet.initialOrders ?? []).toEqual(initialOrderBook(p.fleet.growth, bp.orderHistory));
    }
    const totals = [0, 1, 2, 3].map((i) => orderBookEh(pathPlan(bp, "s", i).fleet.initialOrders ?? []));
    expect(new Set(totals).size).toBe(4); // the prior moves κ, so the books differ
  });

  it("is empty with the scenario key orderBook: \"empty\"", () => {
    const scenario = parseBacktestScenario('{"orderBook": "empty"}', "s.json");
    const bp = buildBacktestPlan({ epochs, prices, from: FROM, to, scenario });
    expect(bp.orderBook).toBe("empty");
    expect(bp.orderHistory).toEqual([]);
    expect(bp.plan.fleet.initialOrders).toBeUndefined();
    expect(pathPlan(bp, "s", 0).fleet.initialOrders).toBeUndefined();
  });

  it("rejects any other orderBook value, naming the file and the key", () => {
    expect(() => parseBacktestScenario('{"orderBook": "full"}', "s.json")).toThrow(/s\.json: orderBook must be "history" or "empty", got "full"/);
  });
});
