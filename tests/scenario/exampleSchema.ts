/**
 * A small but realistic scenario schema used only by these tests, built with the
 * guard-rail helpers the way the model's real schema is meant to be: strict objects,
 * units in key names and descriptions, ISO dates as strings, cross-field checks on the
 * smallest object holding the fields. Bounds here are illustrative test values, not
 * calibrated defaults.
 */
import * as z from "zod";
import { boundedNumber, datesInOrder, isoDate, uniqueBy, whenValid } from "../../src/scenario/index.js";

export const STRATEGIES = ["hodl", "mullet", "exit", "threshold", "contracted"] as const;

/** Longest horizon the example accepts, in calendar years. */
export const MAX_HORIZON_YEARS = 30;

export const Contract = z.strictObject({
  id: z.string().min(1).describe("Contract name"),
  itMW: boundedNumber(0, 5_000, "MW", { description: "IT load of the AI/HPC contract", exclusiveMin: true }),
  leaseUsdPerMWYear: boundedNumber(0, 10_000_000, "USD/MW-yr", { description: "Lease rate" }),
  startDate: isoDate({ description: "Contract start" }),
});

export const Miner = z
  .strictObject({
    id: z.string().min(1).describe("Miner ticker, e.g. MARA"),
    powerMW: boundedNumber(0, 100_000, "MW", { description: "Grid power capacity" }),
    jPerTh: boundedNumber(5, 200, "J/TH", { description: "Fleet efficiency" }),
    powerPriceUsdPerMWh: boundedNumber(0, 1_000, "$/MWh", { description: "Contracted power price" }),
    strategy: z.enum(STRATEGIES).default("hodl").describe("Decision rule"),
    contracts: z.array(Contract).default([]).superRefine(uniqueBy("id")),
  })
  .superRefine((m, ctx) => {
    // Contracts cannot host more IT load than the miner's power capacity.
    const total = m.contracts.reduce((s, c) => s + c.itMW, 0);
    if (total > m.powerMW) {
      ctx.addIssue({
        code: "custom",
        path: ["contracts"],
        input: total,
        message: `contracts total ${total} MW of IT load, more than the miner's capacity powerMW = ${m.powerMW} MW`,
      });
    }
  }, whenValid("powerMW", "contracts"));

export const Network = z
  .strictObject({
    startDate: isoDate({ min: "2009-01-03", description: "First simulated day" }),
    endDate: isoDate({ description: "Last simulated day" }),
    hashrateEHs: boundedNumber(0, 100_000, "EH/s", { description: "Initial network hashrate", exclusiveMin: true }),
    exitSpeed: boundedNumber(0, 10, "", { description: "Scale of conversion speed (1 = as announced)" }).default(1),
  })
  .superRefine(datesInOrder("startDate", "endDate"), whenValid("startDate", "endDate"))
  .superRefine((n, ctx) => {
    const years = (Date.parse(n.endDate) - Date.parse(n.startDate)) / (365.25 * 86_400_000);
    if (years > MAX_HORIZON_YEARS) {
      ctx.addIssue({
        code: "custom",
        path: ["endDate"],
        input: n.endDate,
        message: `horizon of ${years.toFixed(1)} years is longer than ${MAX_HORIZON_YEARS} years`,
      });
    }
  }, whenValid("startDate", "endDate"));

export const Gbm = z.strictObject({
  model: z.literal("gbm"),
  startUsd: boundedNumber(0, 10_000_000, "USD", { exclusiveMin: true, description: "BTC price on day 0" }),
  volAnnual: boundedNumber(0, 5, "", { description: "Annualised volatility" }),
});
export const FixedPrice = z.strictObject({
  model: z.literal("fixed"),
  priceUsd: boundedNumber(0, 10_000_000, "USD", { exclusiveMin: true, description: "Constant BTC price" }),
});

export const ExampleScenario = z.strictObject({
  name: z.string().optional().describe("Free-text title"),
  paths: boundedNumber(1, 1_000_000, "paths", { integer: true, description: "Monte Carlo paths" }).default(1000),
  network: Network,
  market: z.strictObject({ price: z.discriminatedUnion("model", [Gbm, FixedPrice]) }),
  miners: z.array(Miner).min(1).max(50).superRefine(uniqueBy("id")),
  quantiles: z
    .array(boundedNumber(0, 1, ""))
    .min(1)
    .default([0.05, 0.5, 0.95])
    .describe("Quantiles reported for each series"),
});

export type ExampleScenarioT = z.output<typeof ExampleScenario>;

/** A valid scenario file for the example schema. */
export const BASELINE_YAML = `# yaml-language-server: $schema=./scenario.schema.json
name: baseline
paths: 2000
network:
  startDate: 2026-03-01
  endDate: 2030-12-31
  hashrateEHs: 950
market:
  price:
    model: gbm
    startUsd: 90000
    volAnnual: 0.55
miners:
  - id: MARA
    powerMW: 1700
    jPerTh: 18
    powerPriceUsdPerMWh: 42
    strategy: hodl
  - id: RIOT
    powerMW: 1100
    jPerTh: 19.5
    powerPriceUsdPerMWh: 35
    strategy: mullet
    contracts:
      - id: riot-ai-1
        itMW: 200
        leaseUsdPerMWYear: 1800000
        startDate: 2027-01-01
  - id: CLSK
    powerMW: 900
    jPerTh: 16
    powerPriceUsdPerMWh: 38
`;
