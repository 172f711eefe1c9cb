/**
 * Default economic parameters of the named-miner model, each with the line of
 * /work/shared/CALIBRATION.md it comes from. "(3)" means the "Proposed default calibration
 * (3) AI conversion module" table, "(1)" the "(1) Network" table; §x.y are the fact
 * tables. Values marked **assume** have no figure in CALIBRATION.md; they are modelling
 * choices, stated here so that a scenario can override them.
 *
 * Time: simulation days (day 0 = the scenario start date). Annual rates are turned into
 * daily ones with {@link DAYS_PER_YEAR} = 365 from ../units.ts (the project-wide
 * convention; CALIBRATION's "revenue per MW per year = HP·(1000/e)·365" uses it too), and
 * contract terms in years are `years × 365` days, so a 10-year lease ends ~2.5 calendar
 * days before its tenth anniversary: negligible here, and consistent everywhere.
 */
import { DAYS_PER_YEAR } from "../units.js";

/** Days in a month: 365/12 (build and slip times are given in months). */
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/** Hours per day (MW × hours = MWh). */
export const HOURS_PER_DAY = 24;

/** Counterparty credit classes with a default hazard per year. */
export type CounterpartyClass = "hyperscaler" | "neocloud";

/** Kinds of AI use of power. */
export type ContractKind = "colo" | "gpu";

/**
 * Scenario-level economics shared by all named miners (overridable per miner).
 * Every field is a plain number so that a compiled MinerSpec is plain data.
 */
export interface MinerEconomics {
  /** IT-MW per gross MW for a new conversion. (3) "IT-MW per gross MW": 0.75 (range 0.69–0.80). */
  readonly itPerGross: number;
  /** ERCOT ERS capacity payment on enrolled flexible MW, $/MW-yr. (3) "DR revenue (ERCOT)": $60k/MW-yr. */
  readonly ersUsdPerMwYr: number;
  /**
   * 4CP avoided transmission charge, $/MW-yr, earned in full if a MW is off in all four
   * intervals of a year. (3) "DR revenue (ERCOT)": $80/kW-yr (range 50–150) = $80,000/MW-yr.
   * Each 4CP interval a MW is curtailed in is credited a quarter of it (the charge is set
   * by the average load over the four intervals, §f "ERCOT 4CP").
   */
  readonly fourCpUsdPerMwYr: number;
  /**
   * Non-power mining opex on the mining fleet (mining + curtailed MW), $/MWh of capacity.
   * **Derived**: CCAF average total opex $55.5/MWh minus median power $45/MWh (§c.2 "CCAF
   * survey (2024)"; (1) "Miner power-cost distribution") = $10.5/MWh.
   */
  readonly otherOpexUsdPerMwh: number;
  /** Default hazard per year of a hyperscaler (or Google-backstopped) tenant. (3) "Counterparty default hazard": 0.2%/yr (**assumption** in CALIBRATION). */
  readonly hazardHyperscalerPerYr: number;
  /** Default hazard per year of a neocloud without backstop. (3): 3–5%/yr; midpoint 4% (**assumption** in CALIBRATION). */
  readonly hazardNeocloudPerYr: number;
  /** Rate cut when a defaulted site is re-leased. (3) "recovery via re-leasing at −20%". */
  readonly releaseDiscount: number;
  /**
   * Delay between a tenant default and the re-lease, days. **Assume** 6 months: CALIBRATION
   * gives no figure; (3) "Time to energise: Retrofit 4–8 months" is the basis (midpoint).
   */
  readonly releaseDelayDays: number;
  /** Probability that a build slips. (3) "Delivery-delay risk": p = 0.25 (**assumption** in CALIBRATION). */
  readonly slipProbability: number;
  /** Shortest slip, months. (3) "Delivery-delay risk": a 3–6-month slip. */
  readonly slipMinMonths: number;
  /** Longest slip, months. (3) "Delivery-delay risk": a 3–6-month slip. */
  readonly slipMaxMonths: number;
  /**
   * Capex to put an idle MW back into mining, $/MW: facility $325k/MW (§e.2 "Mining facility
   * build cost" $300–350k, midpoint) plus ASICs at $20/TH ((1) "ASIC price $15–26 per TH",
   * rounded midpoint) for the 10⁶/e TH/s a MW runs. See {@link remineCapexUsdPerMw}.
   */
  readonly remineFacilityUsdPerMw: number;
  /** ASIC price, $/TH (see above). */
  readonly asicUsdPerTh: number;
  /** Time to put an idle MW back into mining, days. (1) "Entry": install lag 90–180 days; midpoint 135. */
  readonly remineDays: number;
}

/** The defaults above. */
export const DEFAULT_ECONOMICS: MinerEconomics = Object.freeze({
  itPerGross: 0.75, // (3) IT-MW per gross MW
  ersUsdPerMwYr: 60_000, // (3) DR revenue (ERCOT): ERS $60k/MW-yr
  fourCpUsdPerMwYr: 80_000, // (3) DR revenue (ERCOT): 4CP $80/kW-yr
  otherOpexUsdPerMwh: 55.5 - 45, // derived: §c.2 CCAF total opex 55.5 − power 45 $/MWh
  hazardHyperscalerPerYr: 0.002, // (3) Counterparty default hazard, hyperscaler 0.2%/yr
  hazardNeocloudPerYr: 0.04, // (3) neocloud 3–5%/yr, midpoint
  releaseDiscount: 0.2, // (3) re-leasing at −20%
  releaseDelayDays: 6 * DAYS_PER_MONTH, // assume: (3) retrofit 4–8 months, midpoint
  slipProbability: 0.25, // (3) Delivery-delay risk p = 0.25
  slipMinMonths: 3, // (3) 3–6-month slip
  slipMaxMonths: 6, // (3) 3–6-month slip
  remineFacilityUsdPerMw: 325_000, // §e.2 mining facility $300–350k/MW, midpoint
  asicUsdPerTh: (15 + 26) / 2, // (1) ASIC price $15–26/TH, midpoint (the same value as calibration.ts uses for new builds)
  remineDays: 135, // (1) Entry: install lag 90–180 days, midpoint
});

/** Default hazard per year of a counterparty class (see {@link MinerEconomics}). */
export function hazardPerYear(econ: MinerEconomics, cls: CounterpartyClass): number {
  return cls === "hyperscaler" ? econ.hazardHyperscalerPerYr : econ.hazardNeocloudPerYr;
}

/**
 * Capex to re-equip one idle MW for mining at `jPerTh` J/TH, $/MW: facility + ASICs for
 * 10⁶/e TH/s (1 MW at e J/TH runs 10⁶/e TH/s).
 */
export function remineCapexUsdPerMw(econ: MinerEconomics, jPerTh: number): number {
  return econ.remineFacilityUsdPerMw + (1e6 / jPerTh) * econ.asicUsdPerTh;
}

/**
 * Per-miner behaviour parameters (defaults; a profile or scenario overrides them).
 */
export interface MinerBehaviourDefaults {
  /** Fraction of a miner's initial mining MW that can host AI. §e.2 "Only ~20% of a miner's portfolio is AI-suitable (1 GW → ~200 MW)" (2024 view). */
  readonly aiSuitableShare: number;
  /**
   * Gross MW per year a miner can convert at its own initiative (exit, threshold), at
   * exitSpeed 1. **Assume** the site build rate of (1) "Entry": ~100 MW per 6 months per
   * large miner = 200 MW/yr (that row is about mining sites; no AI figure is given).
   */
  readonly buildRateMwPerYr: number;
  /** Cap on the conversion budget that accrues at the build rate, in days of build rate. **Assume** 90. */
  readonly budgetBurstDays: number;
  /**
   * Smallest discretionary conversion, gross MW; only a miner's last conversion (the rest
   * of its AI-suitable or convertible MW) may be smaller (strategies/common.ts
   * conversionAmount). **Assume** 50 (the size of IREN's Horizon 1 hall, §e.1).
   */
  readonly minConversionBlockMw: number;
  /** Days the trailing mining margin must stay below the AI alternative before `threshold` converts. **Assume** 90. */
  readonly thresholdDays: number;
  /**
   * Time constant of the trailing hashprice used for margins and for the switch-off lag
   * of the economic shutdown (strategies/common.ts miningUneconomic), days. **Assume** 30,
   * after (1) "Exit / curtail lag ~30 days for the network aggregate".
   */
  readonly trailingDays: number;
  /**
   * Window for the flip date, days: the flip is the first accrual end at which AI revenue
   * exceeds mining revenue, both as exponentially weighted trailing means with time
   * constant window/2 (the same mean age, window/2, as a plain moving average over
   * `flipWindowDays`). **Assume** 30 (the task brief's example).
   */
  readonly flipWindowDays: number;
  /** Discount rate per year for NPV and capex annuities. **Assume** 10%, after §e.1 IREN–Microsoft "Unlevered IRR ~10–12%" [S]. */
  readonly discountRate: number;
}

export const DEFAULT_BEHAVIOUR: MinerBehaviourDefaults = Object.freeze({
  aiSuitableShare: 0.2, // §e.2 AI data-centre cost (2024 view): ~20% AI-suitable
  buildRateMwPerYr: 200, // assume: (1) Entry ~100 MW per 6 months
  budgetBurstDays: 90, // assume
  minConversionBlockMw: 50, // assume: IREN Horizon 1 = 50 MW (§e.1)
  thresholdDays: 90, // assume
  trailingDays: 30, // assume: (1) exit/curtail lag ~30 days
  flipWindowDays: 30, // assume
  discountRate: 0.1, // assume: §e.1 IREN unlevered IRR ~10–12%
});
