/**
 * Per-MW economics of the three uses of power (mining, colocation, GPU cloud) and the
 * comparison the `threshold` strategy makes. Plain arithmetic; no allocation.
 *
 * Hashprice identities come from ../units.ts (CALIBRATION.md "Useful identities"):
 * revenue per MWh = HP / (0.024·e); mining revenue per MW-yr = HP·(1000/e)·365.
 */
import * as units from "../units.js";
import { DAYS_PER_YEAR } from "../units.js";
import type { LeaseTerms } from "./contracts.js";
import { HOURS_PER_DAY } from "./params.js";

// Module-local copies of the imported functions called in hot code: optimised code reads an
// imported binding from its module cell, with a hole check, at every call site
// (bench/imports.mjs, bench/README.md). Numeric constants need no copy: the build writes them
// in as literals (scripts/inline-constants.mjs).
const { revenuePerMwh } = units;

/**
 * Mining cash margin per MW per year, $/MW-yr, at hashprice `hashprice` $/PH/day:
 * (HP/(0.024·e) − power − other opex) × 24 × 365. Negative when mining loses money.
 */
export function miningMarginPerMwYear(
  hashprice: number,
  jPerTh: number,
  powerUsdPerMwh: number,
  otherOpexUsdPerMwh: number,
): number {
  return (revenuePerMwh(hashprice, jPerTh) - powerUsdPerMwh - otherOpexUsdPerMwh) * HOURS_PER_DAY * DAYS_PER_YEAR;
}

/** Average lease revenue per gross MW per year, $: $/IT-MW-yr × IT share. */
export function leaseRevenuePerGrossMwYear(terms: LeaseTerms, averageRate: number): number {
  return averageRate * terms.itPerGross;
}

/**
 * Capital recovery factor: the level annual payment per $ of capex over `years` at rate
 * r: r / (1 − (1+r)^−n); 1/n when r = 0.
 */
export function capitalRecoveryFactor(rate: number, years: number): number {
  if (!(years > 0)) return Number.POSITIVE_INFINITY;
  if (rate === 0) return 1 / years;
  return rate / (1 - Math.pow(1 + rate, -years));
}

/**
 * Expected life of a lease in years: base term plus each renewal option weighted by the
 * probability that it and all earlier options are exercised (p, p², …).
 */
export function expectedLeaseYears(terms: LeaseTerms): number {
  let years = terms.termYears;
  let p = 1;
  for (let k = 0; k < terms.renewalOptions; k++) {
    p *= terms.renewalProb;
    years += p * terms.renewalYears;
  }
  return years;
}

/**
 * The "AI alternative" per gross MW per year, $/MW-yr, that `threshold` compares with the
 * trailing mining margin: IT share × (average rate × margin − capex × CRF(r, expected
 * lease life)). It is the level annual NOI/EBITDA net of the capex annuity, i.e. what a
 * converted MW adds per year once its capex is paid for at the discount rate. Mining's
 * margin is a cash margin (its ASICs are sunk), which is the comparison a miner deciding
 * to convert a running site faces. Worked default: colo $1.8M × 0.85 − $9M × CRF(10%,
 * 14.8 yr) ≈ $0.37M per IT-MW → ×0.75 ≈ $0.28M per gross MW-yr, close to a 17 J/TH fleet's
 * margin at HP $35 and $45/MWh ((3); §e.3), so conversions start near today's hashprice.
 */
export function aiAlternativePerGrossMwYear(terms: LeaseTerms, averageRate: number, discountRate: number): number {
  const crf = capitalRecoveryFactor(discountRate, expectedLeaseYears(terms));
  return terms.itPerGross * (averageRate * terms.margin - terms.capexUsdPerItMw * crf);
}

/**
 * {@link aiAlternativePerGrossMwYear} with the capex annuity per IT-MW-yr precomputed
 * (MinerSpec.conversionCapexAnnuityPerItMw): for decision time, no power per call.
 */
export function aiAlternativeFromAnnuity(terms: LeaseTerms, averageRate: number, capexAnnuityPerItMw: number): number {
  return terms.itPerGross * (averageRate * terms.margin - capexAnnuityPerItMw);
}
