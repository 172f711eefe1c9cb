/**
 * The schema of a scenario file for the full model (src/model/path): what a user may write,
 * with units in key names or in each key's description (both reach editors through the
 * JSON Schema, `exodus schema`), guard-rail bounds and cross-field checks. The file-level
 * keys `extends` and `sweep` are handled by the generic loader (loadScenario.ts) and are
 * not declared here.
 *
 * Defaults: a key left out falls through to the model's default (defaultModelPlan and the
 * calibration constants it uses), so this schema has no `.default(...)` and states no
 * calibrated number of its own. Where the model's default is known, it is shown to editors
 * as a JSON Schema `default` annotation read from the model's exported constants
 * ({@link modelDefaults} for the few that live inside defaultModelPlan).
 *
 * Miners: `miners: all` (or no key) runs the ten bundled profiles of CALIBRATION.md (2)
 * as calibrated; a list runs exactly the miners listed, in that order. An item whose `id`
 * is a bundled profile (mara, cleanspark, riot, iren, hut8, cipher, terawulf,
 * core-scientific, bitfarms, bitdeer) overrides only the fields it gives; its `contracts`
 * merge into the profile's contracts by id (a new id adds a contract, `enabled: false`
 * drops one). An item with `custom: true` is a miner of your own and must give powerMW,
 * jPerTH, powerCostUSDPerMWh and strategy. `enabled: false` leaves a miner out (for files
 * that `extends` another and want one miner fewer).
 *
 * Bounds are guard rails against typos and unit slips (MW vs kW, $/MWh vs $/kWh), not
 * calibration ranges; the model checks its own invariants again when the plan is built.
 */
import * as z from "zod";
import {
  DEFAULT_AI_LEASE,
  DEFAULT_FEES,
  DEFAULT_FLEET_GROWTH,
  DEFAULT_FLEET_LAG,
  DEFAULT_NETWORK,
  DEFAULT_POWER_PEAKS,
  DEFAULT_PRICE,
} from "../model/calibration.js";
import { DEFAULT_BEHAVIOUR, DEFAULT_ECONOMICS, PROFILES, STRATEGY_KINDS, type StrategyKind } from "../model/miners/index.js";
import { boundedNumber, datesInOrder, isoDate, uniqueBy, whenValid } from "./guards.js";
import { expectedFound } from "./messages.js";
import { MAX_PATHS } from "./limits.js";
import { modelDefaults } from "./model-defaults.js";
import { contractCapacityProblem, minerFieldProblems } from "./model-miners.js";

/** Longest horizon a scenario may ask for, calendar years (a guard rail). */
export const MAX_HORIZON_YEARS = 30;
/** Most Monte Carlo paths a scenario may ask for (a guard rail; also the CLI's --paths limit). */
export { MAX_PATHS } from "./limits.js";
/** Most named miners in one scenario (a guard rail). */
export const MAX_MINERS = 100;
/** Largest MW figure accepted anywhere (100 GW; the whole network draws ~20 GW). */
export const MAX_MW = 100_000;
/** Largest BTC/USD price accepted, USD. */
export const MAX_PRICE_USD = 100_000_000;
/** Largest power price accepted, $/MWh (ERCOT's offer cap is $5,000/MWh). */
export const MAX_USD_PER_MWH = 10_000;

/** Ids of the bundled miner profiles (CALIBRATION.md (2)), in profile order. */
export const BUNDLED_MINER_IDS: readonly string[] = Object.freeze(PROFILES.map((p) => p.id));

/** Ids a miner may take: the model's rule (plan.ts validateModelPlan). */
const MINER_ID = /^[A-Za-z0-9_.:-]+$/;

/** A JSON Schema `default` annotation for editors (no zod default: the model fills it). */
function shows<T extends z.ZodType>(schema: T, value: unknown): T {
  return value === undefined ? schema : (schema.meta({ default: value as z.core.JSONSchema.JSONSchema["default"] }) as T);
}

const fraction = (description: string, defaultValue?: number) =>
  shows(boundedNumber(0, 1, "fraction 0–1", { description }), defaultValue).optional();

const defaults = modelDefaults();

// ---------------------------------------------------------------------------------------
// Contracts and lease terms

/** Lease terms shared by contracts and a miner's terms for discretionary conversions. */
const leaseTermFields = {
  kind: z
    .enum(["colo", "gpu"])
    .describe("colo: colocation lease ($/IT-MW-yr, tenant's hardware); gpu: owner-operated GPU cloud")
    .optional(),
  itPerGross: boundedNumber(0, 1, "IT-MW per gross MW", {
    exclusiveMin: true,
    description: "Critical IT load per MW of site power",
  }).optional(),
  usdPerITMWYear: boundedNumber(0, 100_000_000, "USD per IT-MW per year", {
    description: "Lease or GPU-cloud revenue, average over the base term (headline value ÷ years ÷ IT-MW)",
  }).optional(),
  escalatorPerYear: boundedNumber(-0.5, 0.5, "fraction per year", {
    description: "Annual rent escalator (0.03 = 3%/yr), stepping on each anniversary of energisation",
  }).optional(),
  margin: boundedNumber(0, 1, "fraction of revenue", {
    description: "NOI (colocation) or EBITDA (GPU cloud) margin, power included",
  }).optional(),
  termYears: boundedNumber(0, 100, "years", { exclusiveMin: true, description: "Base term" }).optional(),
  renewalOptions: boundedNumber(0, 20, "options", { integer: true, description: "Number of renewal options" }).optional(),
  renewalYears: boundedNumber(0, 50, "years", { description: "Length of each renewal option" }).optional(),
  renewalProbability: boundedNumber(0, 1, "probability", {
    description: "Probability that each renewal option is exercised",
  }).optional(),
  capexUSDPerITMW: boundedNumber(0, 200_000_000, "USD per IT-MW", {
    description: "Capex, spent in full when the build starts",
  }).optional(),
  buildMonths: boundedNumber(0, 120, "months", {
    description: "Build time at exitSpeed 1 (the build starts this long before energiseDate)",
  }).optional(),
  counterparty: z
    .enum(["hyperscaler", "neocloud"])
    .describe("Tenant credit class; sets the default hazard (economics.hazardHyperscalerPerYear / hazardNeocloudPerYear)")
    .optional(),
  terminationSlipMonths: boundedNumber(0, 120, "months", {
    description: "The tenant may terminate if the build slips by more than this; leave out for no such right",
  }).optional(),
};

/** Terms of a miner's discretionary conversions (threshold / exit strategies). */
export const ConversionTermsSchema = z
  .strictObject(leaseTermFields)
  .describe("Terms of this miner's discretionary conversions; keys left out keep the profile's (default colocation) terms");

/** One AI/HPC contract of a miner. */
export const ContractSchema = z
  .strictObject({
    id: z.string().min(1).describe("Contract id; an id of the profile's contract changes that contract, a new id adds one"),
    enabled: z.boolean().optional().describe("false drops this contract (e.g. one of the profile's)"),
    itMW: boundedNumber(0, MAX_MW, "IT-MW", { exclusiveMin: true, description: "Critical IT load of the contract" }).optional(),
    energiseDate: isoDate({ description: "Contractual energisation at exitSpeed 1" }).optional(),
    source: z
      .enum(["mining", "new"])
      .describe("mining: converts the miner's own mining MW; new: a new site adds capacity")
      .optional(),
    status: z
      .enum(["signed", "planned"])
      .describe("signed: built by every strategy; planned: unsigned pipeline, built by every strategy but hodl (default signed)")
      .optional(),
    ...leaseTermFields,
  })
  .describe("An AI/HPC contract; new contracts take the default colocation or GPU-cloud terms of CALIBRATION.md (3) for keys left out");

/** A named miner: a bundled profile with overrides, or (custom: true) a miner of your own. */
export const MinerSchema = z
  .strictObject({
    id: z
      .string()
      .regex(MINER_ID, { error: (iss) => expectedFound("an id of letters, digits and _ . : -", iss.input) })
      .describe(`Bundled profile (${BUNDLED_MINER_IDS.join(", ")}) or, with custom: true, a new id`),
    custom: z.literal(true).optional().describe("true: a miner of your own (give powerMW, jPerTH, powerCostUSDPerMWh, strategy)"),
    name: z.string().min(1).max(200).optional().describe("Display name of a custom miner (default: its id)"),
    enabled: z.boolean().optional().describe("false leaves this miner out"),
    powerMW: boundedNumber(0, MAX_MW, "MW", { description: "Mining power in use at the start (PUE 1: EH/s × J/TH)" }).optional(),
    jPerTH: boundedNumber(1, 2_000, "J/TH", { description: "Fleet efficiency" }).optional(),
    powerCostUSDPerMWh: boundedNumber(0, MAX_USD_PER_MWH, "USD/MWh", { description: "Contracted power price" }).optional(),
    treasuryBTC: boundedNumber(0, 21_000_000, "BTC", { description: "BTC held at the start (custom miners: default 0)" }).optional(),
    holdFraction: fraction("Share of mined BTC kept (custom miners: default 0)"),
    interruptibleShare: fraction("Share of the mining fleet that can be curtailed (custom miners: default 0)"),
    drEnrolledShare: fraction("Share of the mining fleet enrolled in demand response (ERS) (custom miners: default 0)"),
    aiSuitableShare: fraction("Share of the initial mining MW that can host AI", DEFAULT_BEHAVIOUR.aiSuitableShare),
    strategy: z
      .enum(STRATEGY_KINDS as [StrategyKind, ...StrategyKind[]])
      .describe(
        "hodl: keep mining; mullet: AI firm, mining curtailable; exit: wind mining down on a schedule; " +
          "threshold: convert when the mining margin stays below AI; contracted: follow announced contracts",
      )
      .optional(),
    exitSpeed: boundedNumber(0, 100, "× announced speed", {
      exclusiveMin: true,
      description: "This miner's conversion-speed multiplier (instead of the scenario's exitSpeed)",
    }).optional(),
    buildRateMWPerYear: shows(
      boundedNumber(0, MAX_MW, "gross MW per year", { description: "Discretionary conversion rate at exitSpeed 1" }),
      DEFAULT_BEHAVIOUR.buildRateMwPerYr,
    ).optional(),
    thresholdDays: shows(
      boundedNumber(0, 3_650, "days", { description: "threshold: days the margin must stay below the AI alternative" }),
      DEFAULT_BEHAVIOUR.thresholdDays,
    ).optional(),
    minConversionBlockMW: shows(
      boundedNumber(0, MAX_MW, "gross MW", { description: "Smallest discretionary conversion" }),
      DEFAULT_BEHAVIOUR.minConversionBlockMw,
    ).optional(),
    exitStartDate: isoDate({ description: "exit: wind-down starts" }).optional(),
    exitEndDate: isoDate({ description: "exit: mining reaches zero (at exitSpeed 1)" }).optional(),
    discountRatePerYear: shows(
      boundedNumber(-0.5, 1, "fraction per year", { description: "Discount rate for NPVs and capex annuities" }),
      DEFAULT_BEHAVIOUR.discountRate,
    ).optional(),
    conversionTerms: ConversionTermsSchema.optional(),
    contracts: z
      .array(ContractSchema)
      .max(200)
      .superRefine(uniqueBy("id"))
      .optional()
      .describe("AI/HPC contracts; merged into the profile's contracts by id"),
  })
  .superRefine(datesInOrder("exitStartDate", "exitEndDate", { allowEqual: true }), whenValid("exitStartDate", "exitEndDate"))
  .superRefine((m, ctx) => {
    for (const p of minerFieldProblems(m)) ctx.addIssue({ code: "custom", path: p.path, input: p.input, message: p.message });
  }, whenValid())
  .superRefine((m, ctx) => {
    // Contracts converting the miner's own mining MW cannot exceed it (CALIBRATION.md (3):
    // a contract is sized in IT-MW and occupies IT-MW / itPerGross of site power).
    const p = contractCapacityProblem(m, defaults.startDate);
    if (p !== undefined) ctx.addIssue({ code: "custom", path: p.path, input: p.input, message: p.message });
  }, whenValid());

// ---------------------------------------------------------------------------------------
// Market

const gbmPrice = z.strictObject({
  model: z.literal("gbm").describe("Regime-switching GBM with Merton jumps (CALIBRATION.md (4))"),
  startPriceUSD: shows(
    boundedNumber(0, MAX_PRICE_USD, "USD", { exclusiveMin: true, description: "BTC price on day 0" }),
    DEFAULT_PRICE.s0,
  ).optional(),
  driftPerYear: shows(
    boundedNumber(-5, 5, "per year", { description: "Drift μ as a rate per year (0.4 = +40%/yr); see driftConvention" }),
    DEFAULT_PRICE.muPerYear,
  ).optional(),
  driftConvention: z
    .enum(["arithmetic", "log"])
    .describe("log (default): μ is the expected log return, so with μ = 0 the median price stays at the start price; arithmetic: μ is the expected return (E[S] grows as e^{μt}), so with μ = 0 the price is a martingale whose median falls")
    .optional(),
  volCalmAnnual: shows(
    boundedNumber(0, 5, "fraction per √year", { description: "Annualised volatility σ in the calm regime (0.5 = 50%/yr)" }),
    DEFAULT_PRICE.sigmaCalm,
  ).optional(),
  volStressedAnnual: shows(
    boundedNumber(0, 5, "fraction per √year", { description: "Annualised volatility σ in the stressed regime" }),
    DEFAULT_PRICE.sigmaStressed,
  ).optional(),
  calmToStressedPerYear: shows(
    boundedNumber(0, 365, "per year", { description: "Rate of switching from calm to stressed (mean calm spell = 1/rate years)" }),
    DEFAULT_PRICE.calmToStressedPerYear,
  ).optional(),
  stressedToCalmPerYear: shows(
    boundedNumber(0, 365, "per year", { description: "Rate of switching from stressed to calm" }),
    DEFAULT_PRICE.stressedToCalmPerYear,
  ).optional(),
  jumpRateCalmPerYear: shows(
    boundedNumber(0, 365, "jumps per year", { description: "Merton jump intensity in the calm regime" }),
    DEFAULT_PRICE.jumpRateCalmPerYear,
  ).optional(),
  jumpRateStressedPerYear: shows(
    boundedNumber(0, 365, "jumps per year", { description: "Merton jump intensity in the stressed regime" }),
    DEFAULT_PRICE.jumpRateStressedPerYear,
  ).optional(),
  jumpMeanLog: shows(
    boundedNumber(-5, 5, "log return", { description: "Mean of a jump's log return (−0.04 ≈ −4%)" }),
    DEFAULT_PRICE.jumpMeanLog,
  ).optional(),
  jumpSdLog: shows(
    boundedNumber(0, 5, "log return", { description: "Standard deviation of a jump's log return" }),
    DEFAULT_PRICE.jumpSdLog,
  ).optional(),
  crashRatePerYear: shows(
    boundedNumber(0, 365, "crashes per year", { description: "Rate of fixed-size crash gaps (0.25 = one in four years)" }),
    DEFAULT_PRICE.crashRatePerYear,
  ).optional(),
  crashPct: shows(
    boundedNumber(-100, 1_000, "percent", { exclusiveMin: true, description: "Size of a crash gap (−30 = −30%)" }),
    Math.round(Math.expm1(DEFAULT_PRICE.crashLogSize) * 1e6) / 1e4,
  ).optional(),
  initialRegime: z
    .enum(["calm", "stressed", "stationary"])
    .describe("Regime on day 0 (stationary: drawn from the chain's long-run law)")
    .optional(),
});

const bootstrapPrice = z
  .strictObject({
    model: z.literal("bootstrap").describe("Moving-block bootstrap of historical daily log returns (Künsch 1989)"),
    csv: z.string().min(1).describe("Daily price file `date,btc_usd`, relative to this scenario file"),
    blockDays: boundedNumber(1, 3_650, "days", { integer: true, description: "Block length" }),
    fromDate: isoDate({ description: "First row of the CSV used (default: the first)" }).optional(),
    toDate: isoDate({ description: "Last row of the CSV used (default: the last)" }).optional(),
    startPriceUSD: shows(
      boundedNumber(0, MAX_PRICE_USD, "USD", { exclusiveMin: true, description: "BTC price on day 0" }),
      DEFAULT_PRICE.s0,
    ).optional(),
    logDriftPerYear: boundedNumber(-5, 5, "log return per year", {
      description: "Re-centre the returns to this mean log return per year (default: keep the sample's)",
    }).optional(),
  })
  .superRefine(datesInOrder("fromDate", "toDate"), whenValid("fromDate", "toDate"));

const fixedPrice = z.strictObject({
  model: z.literal("fixed").describe("A fixed daily price path (backtests)"),
  csv: z.string().min(1).describe("Daily price file `date,btc_usd` covering the start date to the horizon, relative to this scenario file"),
});

/** The BTC/USD price process: `model: gbm | bootstrap | fixed`. */
export const PriceSchema = z
  .discriminatedUnion("model", [gbmPrice, bootstrapPrice, fixedPrice])
  .describe("BTC/USD price process (model: gbm | bootstrap | fixed)");

/** A dated price shock. */
export const ShockSchema = z.strictObject({
  date: isoDate({ description: "Day of the shock (after the start, up to the horizon)" }),
  pct: boundedNumber(-100, 1_000, "percent", { exclusiveMin: true, description: "Price change on that day (−50 = −50%)" }),
  label: z.string().min(1).max(200).describe("Name for reports"),
});

const feesSchema = z
  .strictObject({
    meanBTC: shows(boundedNumber(0, 100, "BTC per block", { description: "Mean fee per block outside spikes" }), DEFAULT_FEES.meanBtc).optional(),
    sigmaLog: shows(boundedNumber(0, 5, "log", { description: "σ of the lognormal fee level" }), DEFAULT_FEES.sigmaLog).optional(),
    drawEveryDays: shows(
      boundedNumber(0, 365, "days", { exclusiveMin: true, description: "Days between fee-level draws" }),
      DEFAULT_FEES.drawIntervalDays,
    ).optional(),
    spikeRatePerYear: shows(
      boundedNumber(0, 365, "spikes per year", { description: "Rate of fee-spike periods (0 = none)" }),
      DEFAULT_FEES.spikeRatePerYear,
    ).optional(),
    spikeDurationDays: shows(
      boundedNumber(0, 365, "days", { exclusiveMin: true, description: "Length of a spike period" }),
      DEFAULT_FEES.spikeDurationDays,
    ).optional(),
    spikeMeanBTC: shows(
      boundedNumber(0, 1_000, "BTC per block", { description: "Mean fee per block in a spike" }),
      DEFAULT_FEES.spikeMeanBtc,
    ).optional(),
    spikeSigmaLog: shows(
      boundedNumber(0, 5, "log", { description: "σ of the lognormal spike level" }),
      DEFAULT_FEES.spikeSigmaLog,
    ).optional(),
  })
  .describe("Transaction fees per block");

const aiLeaseSchema = z
  .strictObject({
    coloUSDPerITMWYear: shows(
      boundedNumber(0, 100_000_000, "USD per IT-MW per year", { description: "Colocation lease rate for new contracts at day 0" }),
      DEFAULT_AI_LEASE.coloUsdPerItMwYear,
    ).optional(),
    gpuUSDPerITMWYear: shows(
      boundedNumber(0, 100_000_000, "USD per IT-MW per year", { description: "GPU-cloud revenue rate for new contracts at day 0" }),
      DEFAULT_AI_LEASE.gpuUsdPerItMwYear,
    ).optional(),
    driftPerYear: shows(
      boundedNumber(-0.99, 10, "fraction per year", { description: "Trend of new-contract rates (−0.2 = −20%/yr)" }),
      DEFAULT_AI_LEASE.driftPerYear,
    ).optional(),
    noiseSigmaPerYear: shows(
      boundedNumber(0, 5, "log per √year", { description: "σ of the common random-walk factor of both rates" }),
      DEFAULT_AI_LEASE.noiseSigmaPerYear,
    ).optional(),
    updateEveryDays: shows(
      boundedNumber(0, 365, "days", { exclusiveMin: true, description: "Days between rate revisions" }),
      DEFAULT_AI_LEASE.updateIntervalDays,
    ).optional(),
  })
  .describe("Lease rates offered to new AI/HPC contracts (existing contracts keep their terms)");

const powerPeaksSchema = z
  .strictObject({
    enabled: shows(z.boolean().describe("Seasonal power-price peaks on or off"), DEFAULT_POWER_PEAKS.enabled).optional(),
    months: shows(
      z
        .array(boundedNumber(1, 12, "month 1–12", { integer: true }))
        .min(1)
        .max(12)
        .superRefine((months, ctx) => {
          const seen = new Set<number>();
          months.forEach((m, i) => {
            if (seen.has(m)) ctx.addIssue({ code: "custom", path: [i], input: m, message: `month ${m} is listed twice` });
            seen.add(m);
          });
        })
        .describe("Calendar months with peaks"),
      [...DEFAULT_POWER_PEAKS.months],
    ).optional(),
    peakHoursPerMonth: shows(
      boundedNumber(0, 744, "hours per month", { description: "Peak hours in each peak month" }),
      DEFAULT_POWER_PEAKS.peakHoursPerMonth,
    ).optional(),
    windowStartHour: shows(
      boundedNumber(0, 23, "hour of day", { description: "Local start hour of a peak window" }),
      DEFAULT_POWER_PEAKS.windowStartHour,
    ).optional(),
    windowHours: shows(
      boundedNumber(0, 24, "hours", { exclusiveMin: true, description: "Length of a peak window" }),
      DEFAULT_POWER_PEAKS.windowHours,
    ).optional(),
    priceUSDPerMWh: shows(
      boundedNumber(0, MAX_USD_PER_MWH, "USD/MWh", { description: "Power price during a peak window" }),
      DEFAULT_POWER_PEAKS.peakPriceUsdPerMwh,
    ).optional(),
    fourCp: shows(z.boolean().describe("Peak windows are ERCOT 4CP candidate intervals"), DEFAULT_POWER_PEAKS.fourCp).optional(),
  })
  .superRefine((p, ctx) => {
    const start = p.windowStartHour ?? DEFAULT_POWER_PEAKS.windowStartHour;
    const hours = p.windowHours ?? DEFAULT_POWER_PEAKS.windowHours;
    if (start + hours > 24) {
      ctx.addIssue({
        code: "custom",
        path: [p.windowHours !== undefined ? "windowHours" : "windowStartHour"],
        input: p.windowHours ?? p.windowStartHour,
        message: `a peak window of ${hours} h from ${start}:00 runs past midnight; windowStartHour + windowHours must be ≤ 24`,
      });
    }
  }, whenValid("windowStartHour", "windowHours"))
  .describe("Seasonal (ERCOT-style) power-price peaks that drive curtailment and demand-response credits");

/** The market: price, shocks, fees, AI lease rates and power peaks. */
export const MarketSchema = z
  .strictObject({
    price: PriceSchema.optional(),
    shocks: z.array(ShockSchema).max(1_000).optional().describe("Dated BTC price shocks"),
    fees: feesSchema.optional(),
    aiLease: aiLeaseSchema.optional(),
    powerPeaks: powerPeaksSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.price?.model === "fixed" && m.shocks !== undefined && m.shocks.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["shocks"],
        input: m.shocks,
        message: "shocks do not apply to a fixed price path (it is data); remove them or use model: gbm or bootstrap",
      });
    }
  }, whenValid("price", "shocks"))
  .describe("The market: BTC price, shocks, fees, AI lease rates, power peaks");

// ---------------------------------------------------------------------------------------
// Network fleet

/** A dated, exogenous hashrate event (a share of the fleet offline for a while, or for good). */
export const HashrateEventSchema = z
  .strictObject({
    label: z.string().min(1).max(200).describe("Name for reports"),
    date: isoDate({ description: "First day of the event" }),
    shareOffline: boundedNumber(0, 1, "fraction of the fleet", { description: "Share of the network fleet taken offline" }),
    rampDownDays: boundedNumber(0, 3_650, "days", { description: "Days over which the share goes offline (default at once)" }).optional(),
    endDate: isoDate({ description: "Temporary events: the day the hardware starts coming back" }).optional(),
    rampBackDays: boundedNumber(0, 3_650, "days", { description: "Temporary events: days over which it comes back (default at once)" }).optional(),
    permanent: z.boolean().optional().describe("true: the share leaves for good (no endDate)"),
  })
  .superRefine(datesInOrder("date", "endDate", { allowEqual: true }), whenValid("date", "endDate"))
  .superRefine((e, ctx) => {
    if (e.permanent === true) {
      for (const key of ["endDate", "rampBackDays"] as const) {
        if (e[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], input: e[key], message: `a permanent event has no ${key}` });
        }
      }
    } else if (e.endDate === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["endDate"],
        input: undefined,
        message: "required key is missing: a temporary event needs an endDate (or permanent: true)",
      });
    } else if (e.rampDownDays !== undefined) {
      const days = (Date.parse(e.endDate) - Date.parse(e.date)) / 86_400_000;
      if (days < e.rampDownDays) {
        ctx.addIssue({
          code: "custom",
          path: ["endDate"],
          input: e.endDate,
          message: `expected a date at least rampDownDays (${e.rampDownDays}) after date (${e.date}), found "${e.endDate}"`,
        });
      }
    }
  }, whenValid());

const lagSchema = z
  .strictObject({
    downDays: shows(
      boundedNumber(0, 3_650, "days", { exclusiveMin: true, description: "Time constant of switching off when hardware stops paying" }),
      DEFAULT_FLEET_LAG.tauDownDays,
    ).optional(),
    upDays: shows(
      boundedNumber(0, 3_650, "days", { exclusiveMin: true, description: "Time constant of switching idle hardware back on" }),
      DEFAULT_FLEET_LAG.tauUpDays,
    ).optional(),
  })
  .describe("First-order lag of the fleet's running hashrate toward its supply-curve target");

const g = DEFAULT_FLEET_GROWTH;
const growthSchema = z
  .strictObject({
    enabled: shows(z.boolean().describe("New frontier hardware is ordered when it pays back"), g.enabled).optional(),
    everyDays: shows(boundedNumber(0, 365, "days", { exclusiveMin: true, description: "Days between growth events" }), g.intervalDays).optional(),
    frontierJPerTH: shows(boundedNumber(1, 2_000, "J/TH", { description: "Frontier efficiency at day 0" }), g.frontierJPerTh).optional(),
    frontierImprovementPerYear: shows(
      boundedNumber(0, 0.9, "fraction per year", { description: "Yearly improvement of frontier J/TH (0.15 → ×0.85 a year)" }),
      g.frontierImprovementPerYear,
    ).optional(),
    newBuildPowerCostMinUSDPerMWh: shows(
      boundedNumber(0, MAX_USD_PER_MWH, "USD/MWh", { description: "Low end of new builds' power cost" }),
      g.newBuildPowerCostLo,
    ).optional(),
    newBuildPowerCostMaxUSDPerMWh: shows(
      boundedNumber(0, MAX_USD_PER_MWH, "USD/MWh", { description: "High end of new builds' power cost" }),
      g.newBuildPowerCostHi,
    ).optional(),
    asicUSDPerTH: shows(boundedNumber(0, 1_000, "USD per TH/s", { description: "ASIC price" }), g.asicUsdPerTh).optional(),
    siteCapexUSDPerMW: shows(
      boundedNumber(0, 100_000_000, "USD per MW", { description: "Mining site build cost" }),
      g.siteCapexUsdPerMw,
    ).optional(),
    hurdlePaybackDays: shows(
      boundedNumber(0, 36_500, "days", { description: "Order new hardware when its payback is at most this" }),
      g.hurdlePaybackDays,
    ).optional(),
    buildRateMWPerMonth: shows(
      boundedNumber(0, MAX_MW, "MW per month", { description: "Network-wide cap on new hardware ordered" }),
      g.buildRateMwPerMonth,
    ).optional(),
    installLagMinDays: shows(boundedNumber(0, 3_650, "days", { description: "Shortest install lag" }), g.installLagMinDays).optional(),
    installLagMaxDays: shows(boundedNumber(0, 3_650, "days", { description: "Longest install lag" }), g.installLagMaxDays).optional(),
    retireAfterDays: shows(
      boundedNumber(0, 36_500, "days", { exclusiveMin: true, description: "Retire a cohort unprofitable for this long" }),
      g.retireAfterDays,
    ).optional(),
  })
  .superRefine((v, ctx) => {
    const pairs = [
      ["newBuildPowerCostMinUSDPerMWh", "newBuildPowerCostMaxUSDPerMWh", g.newBuildPowerCostLo, g.newBuildPowerCostHi],
      ["installLagMinDays", "installLagMaxDays", g.installLagMinDays, g.installLagMaxDays],
    ] as const;
    for (const [lo, hi, dlo, dhi] of pairs) {
      const a = v[lo] ?? dlo;
      const b = v[hi] ?? dhi;
      if (b < a) {
        const at = v[hi] !== undefined ? hi : lo;
        ctx.addIssue({
          code: "custom",
          path: [at],
          input: v[at],
          message: `${hi} (${b}) must be ≥ ${lo} (${a})`,
        });
      }
    }
  }, whenValid())
  .describe("Entry of new frontier hardware and retirement of old hardware");

/** The network: initial hashrate and the fleet of everyone not modelled by name. */
export const NetworkSchema = z
  .strictObject({
    initialHashrateEH: shows(
      boundedNumber(0, 100_000, "EH/s", { exclusiveMin: true, description: "Network hashrate at the start (named miners included)" }),
      DEFAULT_NETWORK.initialHashrateEh,
    ).optional(),
    lag: lagSchema.optional(),
    growth: growthSchema.optional(),
    events: z.array(HashrateEventSchema).max(1_000).optional().describe("Exogenous dated hashrate events"),
  })
  .describe("The network fleet (everyone not modelled by name)");

// ---------------------------------------------------------------------------------------
// Scenario-wide miner economics and behaviour

const e = DEFAULT_ECONOMICS;
/** Economics shared by all named miners (CALIBRATION.md (3)). */
export const EconomicsSchema = z
  .strictObject({
    itPerGross: shows(
      boundedNumber(0, 1, "IT-MW per gross MW", { exclusiveMin: true, description: "IT load per site MW of a new conversion" }),
      e.itPerGross,
    ).optional(),
    ersUSDPerMWYear: shows(
      boundedNumber(0, 10_000_000, "USD per MW per year", { description: "ERCOT ERS capacity payment on enrolled MW" }),
      e.ersUsdPerMwYr,
    ).optional(),
    fourCpUSDPerMWYear: shows(
      boundedNumber(0, 10_000_000, "USD per MW per year", { description: "4CP avoided transmission charge if off in all four intervals" }),
      e.fourCpUsdPerMwYr,
    ).optional(),
    otherOpexUSDPerMWh: shows(
      boundedNumber(0, MAX_USD_PER_MWH, "USD/MWh", { description: "Non-power mining opex per MWh of fleet capacity" }),
      e.otherOpexUsdPerMwh,
    ).optional(),
    hazardHyperscalerPerYear: shows(
      boundedNumber(0, 10, "defaults per year", { description: "Default hazard of a hyperscaler (or backstopped) tenant" }),
      e.hazardHyperscalerPerYr,
    ).optional(),
    hazardNeocloudPerYear: shows(
      boundedNumber(0, 10, "defaults per year", { description: "Default hazard of a neocloud tenant without backstop" }),
      e.hazardNeocloudPerYr,
    ).optional(),
    releaseDiscount: shows(
      boundedNumber(0, 1, "fraction", { description: "Rate cut when a defaulted site is re-leased" }),
      e.releaseDiscount,
    ).optional(),
    releaseDelayDays: shows(
      boundedNumber(0, 36_500, "days", { description: "Days from a tenant default to the re-lease (the site sits idle)" }),
      e.releaseDelayDays,
    ).optional(),
    slipProbability: shows(boundedNumber(0, 1, "probability", { description: "Probability that a build slips" }), e.slipProbability).optional(),
    slipMinMonths: shows(boundedNumber(0, 120, "months", { description: "Shortest slip" }), e.slipMinMonths).optional(),
    slipMaxMonths: shows(boundedNumber(0, 120, "months", { description: "Longest slip" }), e.slipMaxMonths).optional(),
    remineFacilityUSDPerMW: shows(
      boundedNumber(0, 100_000_000, "USD per MW", { description: "Facility capex to put an idle MW back into mining" }),
      e.remineFacilityUsdPerMw,
    ).optional(),
    asicUSDPerTH: shows(boundedNumber(0, 1_000, "USD per TH/s", { description: "ASIC price for re-mining" }), e.asicUsdPerTh).optional(),
    remineDays: shows(boundedNumber(0, 3_650, "days", { description: "Time to put an idle MW back into mining" }), e.remineDays).optional(),
  })
  .superRefine((v, ctx) => {
    const lo = v.slipMinMonths ?? e.slipMinMonths;
    const hi = v.slipMaxMonths ?? e.slipMaxMonths;
    if (hi < lo) {
      const at = v.slipMaxMonths !== undefined ? "slipMaxMonths" : "slipMinMonths";
      ctx.addIssue({ code: "custom", path: [at], input: v[at], message: `slipMaxMonths (${hi}) must be ≥ slipMinMonths (${lo})` });
    }
  }, whenValid("slipMinMonths", "slipMaxMonths"))
  .describe("Economics shared by all named miners (CALIBRATION.md (3))");

const b = DEFAULT_BEHAVIOUR;
/** Behaviour defaults of all named miners (each may override some per miner). */
export const BehaviourSchema = z
  .strictObject({
    aiSuitableShare: fraction("Share of a miner's initial mining MW that can host AI", b.aiSuitableShare),
    buildRateMWPerYear: shows(
      boundedNumber(0, MAX_MW, "gross MW per year", { description: "Discretionary conversion rate per miner at exitSpeed 1" }),
      b.buildRateMwPerYr,
    ).optional(),
    budgetBurstDays: shows(
      boundedNumber(0, 3_650, "days", { description: "Cap on the accrued conversion budget, in days of build rate" }),
      b.budgetBurstDays,
    ).optional(),
    minConversionBlockMW: shows(boundedNumber(0, MAX_MW, "gross MW", { description: "Smallest discretionary conversion" }), b.minConversionBlockMw).optional(),
    thresholdDays: shows(
      boundedNumber(0, 3_650, "days", { description: "threshold: days the margin must stay below the AI alternative" }),
      b.thresholdDays,
    ).optional(),
    trailingDays: shows(
      boundedNumber(0, 3_650, "days", { exclusiveMin: true, description: "Time constant of the trailing hashprice used for margins" }),
      b.trailingDays,
    ).optional(),
    flipWindowDays: shows(
      boundedNumber(0, 3_650, "days", { exclusiveMin: true, description: "Window of the AI-vs-mining revenue flip date" }),
      b.flipWindowDays,
    ).optional(),
    discountRatePerYear: shows(
      boundedNumber(-0.5, 1, "fraction per year", { description: "Discount rate for NPVs and capex annuities" }),
      b.discountRate,
    ).optional(),
  })
  .describe("Behaviour defaults of all named miners");

// ---------------------------------------------------------------------------------------
// Root

const sw = defaults.switches;
/** The scenario file (without the file-level keys `extends` and `sweep`). */
export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1).max(200).describe("Short name of the scenario"),
    description: z.string().min(1).max(20_000).describe("What the scenario asks; the first line is its summary"),
    seed: z
      .union([
        z.string().min(1).max(200),
        boundedNumber(0, Number.MAX_SAFE_INTEGER, "", { integer: true }),
      ])
      .optional()
      .describe("Default master seed of runs of this scenario (text or a whole number)"),
    paths: boundedNumber(1, MAX_PATHS, "paths", { integer: true, description: "Default number of Monte Carlo paths" }).optional(),
    start: shows(
      isoDate({ description: `Day 0; the model supports only ${defaults.startDate} so far (its chain start)` }).refine(
        (d) => d === defaults.startDate,
        { error: (iss) => expectedFound(`${defaults.startDate} (the only start date the model supports so far)`, iss.input) },
      ),
      defaults.startDate,
    ).optional(),
    horizonDate: shows(isoDate({ description: "Last simulated day, inclusive" }), defaults.horizonDate).optional(),
    engine: shows(
      z.enum(["fast", "reference"]).describe("fast: event-driven chain; reference: block by block (slow, for validation)"),
      defaults.engineMode,
    ).optional(),
    exitSpeed: shows(
      boundedNumber(0, 100, "× announced speed", {
        exclusiveMin: true,
        description: "Scales conversion speed: build times ÷ exitSpeed, build rates × exitSpeed, exit wind-downs ÷ exitSpeed",
      }),
      defaults.exitSpeed,
    ).optional(),
    decisionEveryDays: shows(
      boundedNumber(1, 365, "days", { integer: true, description: "Days between routine decisions of the named miners" }),
      defaults.decisionEveryDays,
    ).optional(),
    output: z
      .strictObject({
        gridEveryDays: shows(
          boundedNumber(1, 365, "days", { integer: true, description: "Spacing of the output time grid" }),
          defaults.gridEveryDays,
        ).optional(),
        minerSeries: shows(z.boolean().describe("Per-miner time series in the results"), sw.minerSeries).optional(),
      })
      .optional()
      .describe("What the results record"),
    network: NetworkSchema.optional(),
    market: MarketSchema.optional(),
    economics: EconomicsSchema.optional(),
    behaviour: BehaviourSchema.optional(),
    switches: z
      .strictObject({
        marketLeaseRates: shows(
          z.boolean().describe("Discretionary conversions are priced at market.aiLease rates (false: at each miner's conversionTerms)"),
          sw.marketLeaseRates,
        ).optional(),
        drEventsInPeakWindows: shows(
          z.boolean().describe("A power-peak window counts as a demand-response (ERS) deployment"),
          sw.drEventsInPeakWindows,
        ).optional(),
      })
      .optional()
      .describe("Model switches"),
    miners: z
      .union([
        z.literal("all").describe("The ten bundled profiles of CALIBRATION.md (2), as calibrated"),
        z.array(MinerSchema).max(MAX_MINERS).superRefine(uniqueBy("id")).describe("Exactly these miners, in this order"),
      ])
      .optional()
      .describe("Named miners: all (default) or a list of bundled profiles with overrides and custom miners"),
  })
  .superRefine((s, ctx) => {
    const start = s.start ?? defaults.startDate;
    if (s.horizonDate === undefined) return;
    if (!(s.horizonDate > start)) {
      ctx.addIssue({
        code: "custom",
        path: ["horizonDate"],
        input: s.horizonDate,
        message: expectedFound(`a date after the start (${start})`, s.horizonDate),
      });
      return;
    }
    const years = (Date.parse(s.horizonDate) - Date.parse(start)) / (365.25 * 86_400_000);
    if (years > MAX_HORIZON_YEARS) {
      ctx.addIssue({
        code: "custom",
        path: ["horizonDate"],
        input: s.horizonDate,
        message: `a horizon of ${years.toFixed(1)} years is longer than the limit of ${MAX_HORIZON_YEARS} years`,
      });
    }
  }, whenValid("start", "horizonDate"))
  .superRefine((s, ctx) => {
    const start = s.start ?? defaults.startDate;
    const horizon = s.horizonDate ?? defaults.horizonDate;
    s.market?.shocks?.forEach((shock, i) => {
      if (!(shock.date > start && shock.date <= horizon)) {
        ctx.addIssue({
          code: "custom",
          path: ["market", "shocks", i, "date"],
          input: shock.date,
          message: expectedFound(`a date after the start (${start}) and on or before the horizon (${horizon})`, shock.date),
        });
      }
    });
  }, whenValid("start", "horizonDate", "market"))
  .superRefine((s, ctx) => {
    const start = s.start ?? defaults.startDate;
    const horizon = s.horizonDate ?? defaults.horizonDate;
    s.network?.events?.forEach((ev, i) => {
      if (!(ev.date >= start && ev.date <= horizon)) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "events", i, "date"],
          input: ev.date,
          message: expectedFound(`a date between the start (${start}) and the horizon (${horizon})`, ev.date),
        });
      }
    });
  }, whenValid("start", "horizonDate", "network"))
  .describe("A hashrate-exodus scenario: the market, the network fleet and the named miners");

/** A validated scenario (schema output). */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A miner item of a scenario's list. */
export type ScenarioMiner = z.output<typeof MinerSchema>;
/** A contract item of a miner. */
export type ScenarioContract = z.output<typeof ContractSchema>;
/** Lease terms as written in a scenario (all keys optional). */
export type ScenarioLeaseTerms = z.output<typeof ConversionTermsSchema>;
/** The price block of a scenario. */
export type ScenarioPrice = z.output<typeof PriceSchema>;
