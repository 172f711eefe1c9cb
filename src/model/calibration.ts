/**
 * Default calibration of the market and the network fleet for a 2026-03-01 start.
 *
 * Every value names the part of CALIBRATION.md (shared/CALIBRATION.md) it comes from:
 * "(1)", "(3)", "(4)" are the tables of its "Proposed default calibration" section, "§x"
 * its fact sections. Values marked **assumption** have no source there and are a
 * modelling choice, documented as such; values marked **derived** are computed here from
 * sourced inputs (the formula is in the code). A scenario may override every value.
 *
 * Plain data only (no model imports): the builders defaultFleetPlan (fleet/) and
 * defaultMarketPlan (market/) turn these numbers into plans.
 */

/** The network at the start date. */
export const DEFAULT_NETWORK = Object.freeze({
  /** (1) Network, "Start date": 2026-03-01. */
  startDate: "2026-03-01",
  /** (1) Network, "Initial hashrate": 950 EH/s (range 900–1,050). */
  initialHashrateEh: 950,
  /** (1) Network, "Initial difficulty": 133 T (= 950 EH/s × 600 / 2^32; Mar 2026 133.79 T). */
  initialDifficulty: 133e12,
  /** (1) Network, "Subsidy": 3.125 BTC until block 1,050,000 (~Apr 2028). */
  subsidyBtc: 3.125,
});

/**
 * Fees per block (BTC): lognormal around a mean, redrawn weekly, with a rare spike regime.
 */
export const DEFAULT_FEES = Object.freeze({
  /** (1) Network, "Fees per block": 0.02 BTC (≈0.6% of reward); the lognormal's mean. */
  meanBtc: 0.02,
  /** (1) Network, "Fees per block": lognormal with σ_log ≈ 0.5. */
  sigmaLog: 0.5,
  /** DESIGN.md §3 "Cost per path": "fees can be drawn weekly". */
  drawIntervalDays: 7,
  /** (1) Network, "Fees per block", range column: "Spike regime: p ≈ 1%/yr of a Runes-type week". */
  spikeRatePerYear: 0.01,
  /** (1) Network, "Fees per block": a spike lasts a "week". */
  spikeDurationDays: 7,
  /** (1) Network, "Fees per block": a spike week is "≥1 BTC/block"; the threshold is used as the mean. */
  spikeMeanBtc: 1.0,
  /** **assumption**: the spike regime uses the calm regime's σ_log 0.5 ((1) "Fees per block"). */
  spikeSigmaLog: 0.5,
});

/** Efficiency classes of the fleet and their shares of the running hashrate at the start. */
export const DEFAULT_FLEET_MIX = Object.freeze([
  /** (1) Network, "Fleet mix": 30% S19-class @ 29.5 J/TH. */
  Object.freeze({ jPerTh: 29.5, runningShare: 0.3 }),
  /** (1) Network, "Fleet mix": 45% S21 / M60-class @ 16.5 J/TH. */
  Object.freeze({ jPerTh: 16.5, runningShare: 0.45 }),
  /** (1) Network, "Fleet mix": 25% S21 XP / Hyd @ 12.5 J/TH (network ≈ 19.5 J/TH, derived). */
  Object.freeze({ jPerTh: 12.5, runningShare: 0.25 }),
]);

/** Miners' power-cost distribution and how the fleet discretises it. */
export const DEFAULT_POWER_COST = Object.freeze({
  /** (1) Network, "Miner power-cost distribution": median $45/MWh (CCAF). */
  medianUsdPerMwh: 45,
  /** (1) Network, "Miner power-cost distribution": lognormal, 10th percentile $30/MWh. */
  p10UsdPerMwh: 30,
  /** (1) Network, "Miner power-cost distribution": lognormal, 90th percentile $75/MWh. */
  p90UsdPerMwh: 75,
  /** **assumption** (discretisation): equal-probability power-cost bands per efficiency class. */
  bandsPerClass: 8,
  /** **assumption** (discretisation): the lognormal is truncated to its 1st–99th percentiles. */
  tailProbability: 0.01,
  /**
   * §c.1, "12 Jan 2026": hashprice $39.53/PH/day. Hardware whose power-only breakeven is
   * above this level is taken to have left before the start (it could not cover its power
   * at the early-2026 hashprice; from February 2026 hashprice was ~$30–35, §c.1); hardware
   * between the start hashprice and this level is installed but idle at the start. This is
   * the Q1 2026 exodus of §h ("1,050 → 903–948 EH/s"), and it is checked by a test: the
   * default fleet's installed hashrate is close to the Jan 2026 hashrate of §b.1
   * (30-day 1,052 EH/s at difficulty 148.26 T).
   */
  installedCeilingHashprice: 39.53,
});

/** The running aggregate's lag (first-order, on the fleet total). */
export const DEFAULT_FLEET_LAG = Object.freeze({
  /** (1) Network, "Exit / curtail lag": ~30 days for the network aggregate (range 7–45). */
  tauDownDays: 30,
  /**
   * **assumption**: 7 days, the low end of the 7–45-day range of (1) "Exit / curtail lag".
   * Switching installed, idle hardware back on needs no hardware lead time; the slow part
   * of the upward response ((4) "Hashrate response … faster down than up") is the install
   * lag of new hardware (DEFAULT_FLEET_GROWTH), not this.
   */
  tauUpDays: 7,
});

// Inputs of DEFAULT_FLEET_GROWTH (entry of new frontier hardware, retirement of old).
const frontierJPerTh = (9.5 + 12) / 2; // (1) "New-hardware frontier": 2026 9.5–12 J/TH, midpoint
const asicUsdPerTh = (15 + 26) / 2; // (1) "ASIC price": $15–26 per TH for new-gen, midpoint
const siteCapexUsdPerMw = (300_000 + 350_000) / 2; // §e.2 "Mining facility build cost": $300–350k per MW, midpoint
const newBuildPowerCostLo = 37; // (1) "Miner power-cost distribution": public miners 37–50 $/MWh
const newBuildPowerCostHi = 50; // (1) same row
/** (1) "Entry (new hashrate)": all-in hashcost ~$44/PH/day median in 2025. */
const entryHashpriceUsdPerPhDay = 44;

/** Entry of new frontier hardware and retirement of old hardware. */
export const DEFAULT_FLEET_GROWTH = Object.freeze({
  /**
   * (1) "Entry (new hashrate)": hashrate is added when hashprice exceeds the all-in
   * hashcost; on by default (DESIGN.md §3: "new frontier hardware is installed after a lag
   * when it pays back").
   */
  enabled: true,
  /** **assumption**: weekly growth events (DESIGN.md §3: growth is event-driven, not daily). */
  intervalDays: 7,
  /** (1) "New-hardware frontier": 2026 9.5–12 J/TH (S23 / S21 XP Hyd); midpoint 10.75. */
  frontierJPerTh,
  /** (1) "New-hardware frontier": the frontier improves −15%/yr (range −10% to −20%). */
  frontierImprovementPerYear: 0.15,
  /**
   * (1) "Miner power-cost distribution": public miners pay 37–50 $/MWh. New builds are
   * mostly by large, often public, miners, so their power-cost band is this range.
   */
  newBuildPowerCostLo,
  newBuildPowerCostHi,
  /** (1) "ASIC price": $15–26 per TH for new-gen; midpoint $20.5/TH. */
  asicUsdPerTh,
  /** §e.2 "Mining facility build cost": $300–350k per MW; midpoint. */
  siteCapexUsdPerMw,
  /**
   * **derived**: the payback (days) of frontier hardware when hashprice equals the ~$44
   * all-in hashcost at which (1) "Entry (new hashrate)" adds hashrate, so that at the
   * start the fleet orders exactly when hashprice exceeds $44:
   * capex/(44 − 0.024·e_f·c_mid) = 23,994/(44 − 11.22) ≈ 732 days. (At the start
   * hashprice ≈ $33 this payback is ≈ 1,090 days, matching §c.2's "payback on
   * latest-gen rigs > 1,000 days" of Dec 2025.)
   */
  hurdlePaybackDays:
    (asicUsdPerTh * 1000 + (siteCapexUsdPerMw * frontierJPerTh) / 1000) /
    (entryHashpriceUsdPerPhDay - 0.024 * frontierJPerTh * 0.5 * (newBuildPowerCostLo + newBuildPowerCostHi)),
  /**
   * **derived**: the net build-out of 2024, §b.1 "Full year 2024: hashrate 515 → 807 EH/s",
   * at the 2024 frontier of §a.1 (S21, 17.5 J/TH): 292 EH/s × 17.5 MW per EH/s = 5.1 GW
   * in a year ≈ 426 MW per month, used as the network-wide cap on new orders.
   */
  buildRateMwPerMonth: ((807 - 515) * 17.5) / 12,
  /** (1) "Entry (new hashrate)": install lag 90–180 days. */
  installLagMinDays: 90,
  installLagMaxDays: 180,
  /**
   * **assumption**: a cohort that has not covered the power cost of its cheapest site for
   * 180 days is scrapped or sold out of the network (no source gives a figure).
   */
  retireAfterDays: 180,
  /** **assumption** (bookkeeping): arrivals within 2% J/TH of a cohort with the same band join it. */
  mergeTolerance: 0.02,
});

/** BTC/USD price process: GBM with a calm/stressed volatility regime and Merton jumps. */
export const DEFAULT_PRICE = Object.freeze({
  /** (4) "S₀": $70,000 (Mar 2026). */
  s0: 70_000,
  /** (4) "Drift μ (real-world)": 0%/yr base (an expected log return under the default "log" convention of defaultMarket.ts). */
  muPerYear: 0,
  /** (4) "Diffusion σ": 50%/yr in the calm regime. */
  sigmaCalm: 0.5,
  /** (4) "Diffusion σ": 80%/yr in the stressed regime. */
  sigmaStressed: 0.8,
  /** (4) "Regime switching": calm → stressed 10%/yr. */
  calmToStressedPerYear: 0.1,
  /** (4) "Regime switching": mean stress duration 3 months → rate 1/0.25 yr = 4/yr. */
  stressedToCalmPerYear: 4,
  /** (4) "Jumps": λ = 4/yr. */
  jumpRateCalmPerYear: 4,
  /** **assumption**: no higher jump rate under stress is given in (4); same 4/yr. */
  jumpRateStressedPerYear: 4,
  /** (4) "Jumps": log-jump ~ N(−4%, 8%). */
  jumpMeanLog: -0.04,
  jumpSdLog: 0.08,
  /** (4) "Jumps", stress overlay: a 1-in-4-year −30% gap → rate 0.25/yr, log size ln(0.7). */
  crashRatePerYear: 0.25,
  crashLogSize: Math.log(1 - 0.3),
  /** **assumption**: the path starts in the calm regime. */
  initialRegime: "calm" as const,
});

/** Lease rates of new AI contracts, $ per IT-MW per year. */
export const DEFAULT_AI_LEASE = Object.freeze({
  /** (3) "Colocation lease revenue": $1.8M per IT-MW per year. */
  coloUsdPerItMwYear: 1_800_000,
  /** (3) "GPU-cloud (owner-operated)": revenue $9.7M per IT-MW-yr. */
  gpuUsdPerItMwYear: 9_700_000,
  /**
   * **assumption**: no trend for new-contract rates (CALIBRATION gives none; the 2.5%/yr of
   * (3) "Escalator" applies inside a contract, not to new ones).
   */
  driftPerYear: 0,
  /** **assumption**: no noise by default. */
  noiseSigmaPerYear: 0,
  /** **assumption**: rates are revised monthly. */
  updateIntervalDays: 30,
});

/** Seasonal power-price peaks (ERCOT-style), off by default. */
export const DEFAULT_POWER_PEAKS = Object.freeze({
  /** DESIGN.md §3: the seasonal peak profile is "optional"; off unless a scenario turns it on. */
  enabled: false,
  /** §f "ERCOT 4CP": one interval in each of June, July, August and September. */
  months: Object.freeze([6, 7, 8, 9]),
  /** §f "ERCOT 4CP": "peaks typically fall 3:00–5:30 pm on hot weekdays"; windows 15:00–18:00. */
  windowStartHour: 15,
  windowHours: 3,
  /**
   * **derived**: §f "Riot curtailment volume": 11,717 MWh in Jul 2022 ≈ 34 full-load hours
   * on 345 MW; used as the peak hours per summer month.
   */
  peakHoursPerMonth: 34,
  /**
   * **assumption**: the price in a window is the top of §f "Market-wide": "Miner breakeven
   * $100–200/MWh (2024)", i.e. windows are the hours when power is worth more than mining.
   */
  peakPriceUsdPerMwh: 200,
  /** §f "ERCOT 4CP": summer windows are 4CP candidate intervals. */
  fourCp: true,
});
