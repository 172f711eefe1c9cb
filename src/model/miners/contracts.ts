/**
 * AI/HPC contracts: their terms (as in a profile), the compiled spec (in simulation days),
 * the mutable contract slot a miner carries through a path, and the lease arithmetic
 * (escalators, IT vs gross MW).
 *
 * Conventions (CALIBRATION.md §e.1 and (3)):
 * - MW: a contract is sized in **IT-MW** (critical IT load). It occupies
 *   `grossMw = itMw / itPerGross` of the miner's site power ((3) "IT-MW per gross MW" 0.75).
 * - Rate: `usdPerItMwYr` is the **average over the base term**, as CALIBRATION derives it
 *   ("Revenue per MW-yr = headline base-term contract value ÷ years ÷ MW"). With an
 *   annual escalator g the year-k rate is R₀·(1+g)^k, with R₀ chosen so that the base term
 *   earns exactly the headline value: R₀ = avg·T / Σ_{k<T}(1+g)^k ({@link year1Rate}).
 *   Escalation steps on each anniversary of energisation and continues through renewals.
 * - Margin: EBITDA (GPU cloud) or NOI (colocation) as a share of revenue; AI opex =
 *   (1 − margin) × revenue, power included ((3) "GPU-cloud … EBITDA margin 85% (incl. power)";
 *   colocation leases pass power through).
 * - Capex: $/IT-MW, spent in full when the build starts (DESIGN.md §3: "converting (capex
 *   spent, no revenue)").
 * - Time: build starts at `energiseDate − buildMonths` (at exitSpeed 1). With a
 *   scenario exit speed s, build time is `buildMonths / s` from that same start.
 */
import type { ContractKind, CounterpartyClass, MinerEconomics } from "./params.js";
import { DAYS_PER_MONTH, hazardPerYear } from "./params.js";
import { DAYS_PER_YEAR } from "../units.js";

/** Where a contract's gross MW come from when its build starts. */
export type CapacitySource =
  /** From the miner's own capacity: free idle MW first, then mining, then curtailed MW (a site conversion). */
  | "mining"
  /** A new site: the MW are added to the miner's total (greenfield or a new building). */
  | "new";

/**
 * `signed`: a signed lease, built on its dates by every strategy. `planned`: announced
 * pipeline without a signed tenant, built by every strategy but `hodl`.
 */
export type ContractStatus = "signed" | "planned";

/** Lease terms without size, site or dates: the template for discretionary conversions. */
export interface LeaseTerms {
  readonly kind: ContractKind;
  /** IT-MW per gross MW of site power. */
  readonly itPerGross: number;
  /** Average revenue over the base term, $/IT-MW-yr (see the module note). */
  readonly usdPerItMwYr: number;
  /** Annual escalator (0.03 = 3%/yr). */
  readonly escalator: number;
  /** NOI or EBITDA margin, 0–1. */
  readonly margin: number;
  /** Base term, years. */
  readonly termYears: number;
  /** Number of renewal options. */
  readonly renewalOptions: number;
  /** Length of each renewal, years. */
  readonly renewalYears: number;
  /** Probability that each option is exercised. */
  readonly renewalProb: number;
  /** Capex per IT-MW, $. */
  readonly capexUsdPerItMw: number;
  /** Build time at exitSpeed 1, months. */
  readonly buildMonths: number;
  readonly counterparty: CounterpartyClass;
  /**
   * The tenant may terminate if the build slips by more than this many months
   * (IREN–Microsoft-style, (3) "Delivery-delay risk"); Infinity = no such right.
   */
  readonly terminationSlipMonths: number;
}

/** A contract as a profile states it. */
export interface ContractTerms extends LeaseTerms {
  readonly id: string;
  /** Critical IT load, MW. */
  readonly itMw: number;
  /** Contractual energisation date (ISO yyyy-mm-dd) at exitSpeed 1. */
  readonly energiseDate: string;
  readonly source: CapacitySource;
  readonly status: ContractStatus;
}

/**
 * Default colocation lease for a new conversion, (3): $1.8M/IT-MW-yr, 2.5% escalator,
 * 85% NOI, 10-yr term + 2 × 5-yr options at p = 0.6, heavy-retrofit capex $9M/IT-MW,
 * 12 months to energise (repurposed mining site 10–14 months, midpoint). Counterparty:
 * **assume** a neocloud without backstop (no class is given for a generic new lease).
 */
export const DEFAULT_COLO_TERMS: LeaseTerms = Object.freeze({
  kind: "colo",
  itPerGross: 0.75, // (3) IT-MW per gross MW
  usdPerItMwYr: 1_800_000, // (3) Colocation lease revenue $1.8M
  escalator: 0.025, // (3) Escalator 2.5%/yr
  margin: 0.85, // (3) Colocation NOI margin 85%
  termYears: 10, // (3) Colocation term 10 yr (Fluidstack)
  renewalOptions: 2, // (3) +2–3 × 5-yr options (low end)
  renewalYears: 5, // (3) 5-yr options
  renewalProb: 0.6, // (3) p(renew) 0.6
  capexUsdPerItMw: 9_000_000, // (3) Capex, heavy retrofit or new build $9M
  buildMonths: 12, // (3) Time to energise, repurposed mining site 10–14 months
  counterparty: "neocloud", // assume
  terminationSlipMonths: Number.POSITIVE_INFINITY,
});

/**
 * Default GPU-cloud contract, (3) "GPU-cloud (owner-operated)": $9.7M/IT-MW-yr, 85%
 * EBITDA incl. power, GPU capex $29M + data centre $6M per IT-MW, 5-yr contract, no
 * escalator or renewal (**assume**: none is stated; GPU life 5–6 yr), prepay ignored (a
 * cash-timing item). Build 12 months (assume, as for colocation). Counterparty
 * hyperscaler (the IREN–Microsoft benchmark).
 */
export const DEFAULT_GPU_TERMS: LeaseTerms = Object.freeze({
  kind: "gpu",
  itPerGross: 0.75, // (3) IT-MW per gross MW
  usdPerItMwYr: 9_700_000, // (3) GPU cloud revenue $9.7M per IT-MW-yr
  escalator: 0, // assume
  margin: 0.85, // (3) EBITDA margin 85% (incl. power)
  termYears: 5, // (3) contract 5 yr
  renewalOptions: 0, // assume
  renewalYears: 0,
  renewalProb: 0,
  capexUsdPerItMw: 29_000_000 + 6_000_000, // (3) GPU capex $29M + data centre $6M per IT-MW
  buildMonths: 12, // assume (3) repurposed site 10–14 months
  counterparty: "hyperscaler", // (3) IREN–Microsoft
  terminationSlipMonths: Number.POSITIVE_INFINITY,
});

/**
 * Σ_{k=0}^{T−1} (1+g)^k generalised to a fractional term: the full years plus the
 * fraction of the last year at its escalated rate. Equals T when g = 0.
 */
export function escalatorSum(escalator: number, termYears: number): number {
  const full = Math.floor(termYears);
  const q = 1 + escalator;
  const fullSum = escalator === 0 ? full : (Math.pow(q, full) - 1) / escalator;
  return fullSum + (termYears - full) * Math.pow(q, full);
}

/**
 * Year-1 rate R₀ of a lease whose base-term average is `averageRate`:
 * R₀ = average·T / Σ_{k<T}(1+g)^k, so that the base term earns average·T.
 */
export function year1Rate(averageRate: number, escalator: number, termYears: number): number {
  if (termYears <= 0) return averageRate;
  return (averageRate * termYears) / escalatorSum(escalator, termYears);
}

/**
 * Revenue per IT-MW, $, of a lease with year-1 rate `baseRate` ($/IT-MW-yr) escalating
 * by `escalator` on each anniversary of `escalationBaseDay`, over days [a, b]. A step
 * function integrated exactly: a loop over the lease years crossed (usually 0 or 1).
 * Days before the base day earn the year-1 rate.
 */
export function escalatedRevenuePerItMw(
  baseRate: number,
  escalator: number,
  escalationBaseDay: number,
  a: number,
  b: number,
): number {
  if (!(b > a)) return 0;
  if (escalator === 0) return (baseRate * (b - a)) / DAYS_PER_YEAR;
  let k = Math.floor((a - escalationBaseDay) / DAYS_PER_YEAR);
  if (k < 0) k = 0;
  let t = a;
  let factor = Math.pow(1 + escalator, k);
  let total = 0;
  while (t < b) {
    const yearEnd = escalationBaseDay + (k + 1) * DAYS_PER_YEAR;
    const segEnd = yearEnd < b ? yearEnd : b;
    total += factor * (segEnd - t);
    t = segEnd;
    k += 1;
    factor *= 1 + escalator;
  }
  return (baseRate * total) / DAYS_PER_YEAR;
}

/** The rate in force on `day` of a lease (year-1 rate `baseRate`, escalating yearly from `escalationBaseDay`), $/IT-MW-yr. */
export function escalatedRate(baseRate: number, escalator: number, escalationBaseDay: number, day: number): number {
  const k = Math.floor((day - escalationBaseDay) / DAYS_PER_YEAR);
  return baseRate * Math.pow(1 + escalator, k > 0 ? k : 0);
}

/** A contract compiled for one run: sizes, rates and days. Immutable; shared by all paths. */
export interface ContractSpec {
  readonly id: string;
  readonly kind: ContractKind;
  readonly itMw: number;
  readonly grossMw: number;
  /** Year-1 rate, $/IT-MW-yr ({@link year1Rate} of the terms' average). */
  readonly year1UsdPerItMwYr: number;
  readonly escalator: number;
  readonly margin: number;
  readonly termDays: number;
  readonly renewalOptions: number;
  readonly renewalDays: number;
  readonly renewalProb: number;
  readonly capexUsdPerItMw: number;
  /** Build time after the exit-speed scaling, days. */
  readonly buildDays: number;
  /** Day the build starts (= contractual energisation at exitSpeed 1 − build months). */
  readonly startDay: number;
  /** Contractual energisation day = startDay + buildDays (before any slip). */
  readonly contractualEnergiseDay: number;
  readonly hazardPerYr: number;
  readonly terminationSlipDays: number;
  readonly source: CapacitySource;
  readonly signed: boolean;
}

/** Compile profile terms to a spec: `energiseDay` is the energisation date as a simulation day. */
export function compileContract(
  terms: ContractTerms,
  energiseDay: number,
  exitSpeed: number,
  econ: MinerEconomics,
): ContractSpec {
  const nominalBuildDays = terms.buildMonths * DAYS_PER_MONTH;
  const startDay = energiseDay - nominalBuildDays;
  // exitSpeed scales what lies ahead of day 0, never history: a contract already energised
  // at the start keeps its date; one under construction keeps the part built before day 0
  // and scales the rest (so it energises on day energiseDay / exitSpeed); a future build
  // scales whole.
  const buildDays =
    energiseDay <= 0 ? nominalBuildDays : startDay < 0 ? -startDay + energiseDay / exitSpeed : nominalBuildDays / exitSpeed;
  return Object.freeze({
    id: terms.id,
    kind: terms.kind,
    itMw: terms.itMw,
    grossMw: terms.itMw / terms.itPerGross,
    year1UsdPerItMwYr: year1Rate(terms.usdPerItMwYr, terms.escalator, terms.termYears),
    escalator: terms.escalator,
    margin: terms.margin,
    termDays: terms.termYears * DAYS_PER_YEAR,
    renewalOptions: terms.renewalOptions,
    renewalDays: terms.renewalYears * DAYS_PER_YEAR,
    renewalProb: terms.renewalProb,
    capexUsdPerItMw: terms.capexUsdPerItMw,
    buildDays,
    startDay,
    contractualEnergiseDay: startDay + buildDays,
    hazardPerYr: hazardPerYear(econ, terms.counterparty),
    terminationSlipDays: terms.terminationSlipMonths * DAYS_PER_MONTH,
    source: terms.source,
    signed: terms.status === "signed",
  });
}

/** Contract slot states. */
export const SLOT_EMPTY = 0;
/** Announced, build not started. */
export const SLOT_PENDING = 1;
/** Build started: capex spent, gross MW in CONVERTING. */
export const SLOT_BUILDING = 2;
/** Energised: gross MW in AI, earning. */
export const SLOT_ACTIVE = 3;
/** Tenant defaulted: gross MW in IDLE (reserved for this slot) until the re-lease. */
export const SLOT_RELEASING = 4;
export type SlotState =
  | typeof SLOT_EMPTY
  | typeof SLOT_PENDING
  | typeof SLOT_BUILDING
  | typeof SLOT_ACTIVE
  | typeof SLOT_RELEASING;

/**
 * One contract carried by a miner through a path: a plain mutable object, preallocated
 * with the miner and reused (reset per path; discretionary conversions fill empty slots).
 */
export interface ContractSlot {
  state: SlotState;
  /** Profile contract id, or "" for a discretionary conversion. */
  id: string;
  kind: ContractKind;
  signed: boolean;
  source: CapacitySource;
  itMw: number;
  grossMw: number;
  /** Year-1 rate of the current lease, $/IT-MW-yr. */
  baseRate: number;
  escalator: number;
  margin: number;
  termDays: number;
  renewalOptions: number;
  renewalOptionsLeft: number;
  renewalDays: number;
  renewalProb: number;
  capexUsdPerItMw: number;
  buildDays: number;
  hazardPerYr: number;
  terminationSlipDays: number;
  startDay: number;
  contractualEnergiseDay: number;
  /** Actual energisation day (contractual + slip). */
  energiseDay: number;
  slipDays: number;
  /** Day the tenant terminates for late delivery, or Infinity. */
  terminationDay: number;
  escalationBaseDay: number;
  /** Cached: the rate in force during the current lease year, $/IT-MW-yr ({@link syncEscalation}). */
  rateNow: number;
  /** Cached: first day of the current lease year. */
  leaseYearStart: number;
  /** Cached: first day of the next lease year (next escalation step). */
  leaseYearEnd: number;
  /** End of the current term (base or renewal). */
  endDay: number;
  /** Day the tenant defaults (exponential waiting time), or Infinity. */
  defaultDay: number;
  /** Day a defaulted site is re-leased. */
  releaseDay: number;
}

/** A blank slot. Allocates: call at setup only. */
export function createContractSlot(): ContractSlot {
  return {
    state: SLOT_EMPTY,
    id: "",
    kind: "colo",
    signed: true,
    source: "mining",
    itMw: 0,
    grossMw: 0,
    baseRate: 0,
    escalator: 0,
    margin: 0,
    termDays: 0,
    renewalOptions: 0,
    renewalOptionsLeft: 0,
    renewalDays: 0,
    renewalProb: 0,
    capexUsdPerItMw: 0,
    buildDays: 0,
    hazardPerYr: 0,
    terminationSlipDays: Number.POSITIVE_INFINITY,
    startDay: Number.NaN,
    contractualEnergiseDay: Number.NaN,
    energiseDay: Number.NaN,
    slipDays: 0,
    terminationDay: Number.POSITIVE_INFINITY,
    escalationBaseDay: Number.NaN,
    rateNow: 0,
    leaseYearStart: Number.NaN,
    leaseYearEnd: Number.NaN,
    endDay: Number.NaN,
    defaultDay: Number.POSITIVE_INFINITY,
    releaseDay: Number.NaN,
  };
}

/**
 * Set a slot's cached lease-year rate and bounds for `day` (days before the escalation
 * base count as year 1). Accounting uses the cache while an interval stays inside one
 * lease year (one multiplication instead of a power per accrual).
 */
export function syncEscalation(slot: ContractSlot, day: number): void {
  let k = Math.floor((day - slot.escalationBaseDay) / DAYS_PER_YEAR);
  if (!(k > 0)) k = 0;
  slot.rateNow = slot.baseRate * Math.pow(1 + slot.escalator, k);
  slot.leaseYearStart = k === 0 ? Number.NEGATIVE_INFINITY : slot.escalationBaseDay + k * DAYS_PER_YEAR;
  slot.leaseYearEnd = slot.escalationBaseDay + (k + 1) * DAYS_PER_YEAR;
}

/**
 * Revenue per IT-MW over [a, b] of an active slot, $, using its cached lease-year rate when
 * [a, b] lies inside the cached year, else integrating exactly and re-syncing the cache at
 * b. Same value as {@link escalatedRevenuePerItMw}.
 */
export function slotRevenuePerItMw(slot: ContractSlot, a: number, b: number): number {
  if (a >= slot.leaseYearStart && b <= slot.leaseYearEnd) return (slot.rateNow * (b - a)) / DAYS_PER_YEAR;
  const rev = escalatedRevenuePerItMw(slot.baseRate, slot.escalator, slot.escalationBaseDay, a, b);
  syncEscalation(slot, b);
  return rev;
}

/**
 * Clears what a slot learns while it runs (energisation, slips, lease years, end, default,
 * re-lease), so a freshly loaded contract starts from nothing. Shared by both loaders.
 */
function clearSlotProgress(slot: ContractSlot): void {
  slot.energiseDay = Number.NaN;
  slot.slipDays = 0;
  slot.terminationDay = Number.POSITIVE_INFINITY;
  slot.escalationBaseDay = Number.NaN;
  slot.rateNow = 0;
  slot.leaseYearStart = Number.NaN;
  slot.leaseYearEnd = Number.NaN;
  slot.endDay = Number.NaN;
  slot.defaultDay = Number.POSITIVE_INFINITY;
  slot.releaseDay = Number.NaN;
}

/** Load a compiled spec into a slot as PENDING (no allocation). */
export function loadSlotFromSpec(slot: ContractSlot, spec: ContractSpec): void {
  slot.state = SLOT_PENDING;
  slot.id = spec.id;
  slot.kind = spec.kind;
  slot.signed = spec.signed;
  slot.source = spec.source;
  slot.itMw = spec.itMw;
  slot.grossMw = spec.grossMw;
  slot.baseRate = spec.year1UsdPerItMwYr;
  slot.escalator = spec.escalator;
  slot.margin = spec.margin;
  slot.termDays = spec.termDays;
  slot.renewalOptions = spec.renewalOptions;
  slot.renewalOptionsLeft = spec.renewalOptions;
  slot.renewalDays = spec.renewalDays;
  slot.renewalProb = spec.renewalProb;
  slot.capexUsdPerItMw = spec.capexUsdPerItMw;
  slot.buildDays = spec.buildDays;
  slot.hazardPerYr = spec.hazardPerYr;
  slot.terminationSlipDays = spec.terminationSlipDays;
  slot.startDay = spec.startDay;
  slot.contractualEnergiseDay = spec.contractualEnergiseDay;
  clearSlotProgress(slot);
}

/**
 * Load a discretionary conversion into a slot as PENDING, starting on `day`, from lease
 * `terms`, sized `grossMw`, at base-term average `averageRate` $/IT-MW-yr (the market rate
 * for new leases; NaN means the terms' own rate). Build time is `buildMonths / exitSpeed`.
 */
export function loadSlotFromTerms(
  slot: ContractSlot,
  terms: LeaseTerms,
  grossMw: number,
  averageRate: number,
  day: number,
  exitSpeed: number,
  econ: MinerEconomics,
): void {
  const avg = Number.isFinite(averageRate) ? averageRate : terms.usdPerItMwYr;
  const buildDays = (terms.buildMonths * DAYS_PER_MONTH) / exitSpeed;
  slot.state = SLOT_PENDING;
  slot.id = "";
  slot.kind = terms.kind;
  slot.signed = true;
  slot.source = "mining";
  slot.itMw = grossMw * terms.itPerGross;
  slot.grossMw = grossMw;
  slot.baseRate = year1Rate(avg, terms.escalator, terms.termYears);
  slot.escalator = terms.escalator;
  slot.margin = terms.margin;
  slot.termDays = terms.termYears * DAYS_PER_YEAR;
  slot.renewalOptions = terms.renewalOptions;
  slot.renewalOptionsLeft = terms.renewalOptions;
  slot.renewalDays = terms.renewalYears * DAYS_PER_YEAR;
  slot.renewalProb = terms.renewalProb;
  slot.capexUsdPerItMw = terms.capexUsdPerItMw;
  slot.buildDays = buildDays;
  slot.hazardPerYr = hazardPerYear(econ, terms.counterparty);
  slot.terminationSlipDays = terms.terminationSlipMonths * DAYS_PER_MONTH;
  slot.startDay = day;
  slot.contractualEnergiseDay = day + buildDays;
  clearSlotProgress(slot);
}
