/**
 * A named miner's profile (its facts, as CALIBRATION.md states them) and its compilation
 * into a {@link MinerSpec} for one run: dates become simulation days from the scenario
 * start, exitSpeed is applied, defaults fill what the profile leaves out, and per-miner
 * overrides (from a scenario) win over everything.
 */
import type { ContractTerms, LeaseTerms } from "./contracts.js";
import { DEFAULT_COLO_TERMS, compileContract } from "./contracts.js";
import { capitalRecoveryFactor, expectedLeaseYears } from "./economics.js";
import type { MinerSpec } from "./miner.js";
import type { MinerBehaviourDefaults, MinerEconomics } from "./params.js";
import { DEFAULT_BEHAVIOUR, DEFAULT_ECONOMICS } from "./params.js";
import { DAYS_PER_YEAR } from "../units.js";
import type { StrategyKind } from "./strategies/types.js";
import { STRATEGY_KINDS } from "./strategies/types.js";

/** A named miner as a profile states it (profiles.ts). */
export interface MinerProfile {
  readonly id: string;
  readonly name: string;
  /** Mining MW in use at the start (power drawn by the fleet; PUE taken as 1). */
  readonly miningMw: number;
  readonly jPerTh: number;
  readonly powerUsdPerMwh: number;
  readonly treasuryBtc: number;
  readonly holdFraction: number;
  readonly interruptibleShare: number;
  readonly drEnrolledShare: number;
  readonly strategy: StrategyKind;
  /** `exit`: wind-down start and end (ISO dates). */
  readonly exitStartDate?: string;
  readonly exitEndDate?: string;
  readonly contracts: readonly ContractTerms[];
  /** Terms for discretionary conversions (default: DEFAULT_COLO_TERMS). */
  readonly conversionTerms?: LeaseTerms;
  readonly aiSuitableShare?: number;
  readonly buildRateMwPerYr?: number;
}

/** Per-miner overrides a scenario may set; each wins over the profile and the defaults. */
export interface MinerOverrides {
  readonly miningMw?: number;
  readonly jPerTh?: number;
  readonly powerUsdPerMwh?: number;
  readonly treasuryBtc?: number;
  readonly holdFraction?: number;
  readonly interruptibleShare?: number;
  readonly drEnrolledShare?: number;
  readonly aiSuitableShare?: number;
  readonly strategy?: StrategyKind;
  /** This miner's conversion-speed multiplier (instead of the scenario's). */
  readonly exitSpeed?: number;
  readonly buildRateMwPerYr?: number;
  readonly thresholdDays?: number;
  readonly minConversionBlockMw?: number;
  readonly exitStartDate?: string;
  readonly exitEndDate?: string;
  readonly discountRate?: number;
  readonly conversionTerms?: Partial<LeaseTerms>;
  /** Replaces the profile's contracts. */
  readonly contracts?: readonly ContractTerms[];
}

export interface CompileOptions {
  /** Scenario start date (ISO yyyy-mm-dd) = day 0. CALIBRATION (1) "Start date": 2026-03-01. */
  readonly startDate: string;
  /**
   * Scenario-wide conversion-speed multiplier s (default 1): build time of every contract
   * and conversion = build months / s from its start date; discretionary build rate =
   * build rate × s; the `exit` wind-down lasts (end − start)/s. Slips, re-lease delays and
   * re-mining times are not scaled.
   */
  readonly exitSpeed?: number;
  readonly economics?: Partial<MinerEconomics>;
  readonly behaviour?: Partial<MinerBehaviourDefaults>;
  readonly overrides?: MinerOverrides;
  /**
   * Contract slots beyond the announced ones, for discretionary conversions (default 32).
   * Conversions come in blocks of at least minConversionBlockMw but for remainders, so a
   * miner needs about ⌈AI-suitable MW / block⌉ of them (strategies/common.ts
   * conversionAmount); a conversion that finds no free slot is dropped and reported
   * (MinerSummary.droppedConversionMw).
   */
  readonly extraSlots?: number;
  /** Re-mining slots (default 8). */
  readonly remineCapacity?: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days from `startIso` to `iso` (both yyyy-mm-dd, UTC), e.g. dayOfDate("2026-03-02", "2026-03-01") = 1. */
export function dayOfDate(iso: string, startIso: string): number {
  return (parseIsoDate(iso) - parseIsoDate(startIso)) / MS_PER_DAY;
}

function parseIsoDate(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (m === null) throw new RangeError(`date must be yyyy-mm-dd, got "${iso}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: "${iso}"`);
  }
  return t;
}

function check(cond: boolean, who: string, what: string, value: unknown): void {
  if (!cond) throw new RangeError(`miner ${who}: ${what}, got ${String(value)}`);
}

function checkTerms(who: string, t: LeaseTerms): void {
  check(t.itPerGross > 0 && t.itPerGross <= 1, who, "itPerGross must be in (0, 1]", t.itPerGross);
  check(Number.isFinite(t.usdPerItMwYr) && t.usdPerItMwYr >= 0, who, "usdPerItMwYr must be ≥ 0", t.usdPerItMwYr);
  check(Number.isFinite(t.escalator) && t.escalator > -1, who, "escalator must be > −1", t.escalator);
  check(t.margin >= 0 && t.margin <= 1, who, "margin must be in [0, 1]", t.margin);
  check(Number.isFinite(t.termYears) && t.termYears > 0, who, "termYears must be > 0", t.termYears);
  check(Number.isInteger(t.renewalOptions) && t.renewalOptions >= 0, who, "renewalOptions must be an integer ≥ 0", t.renewalOptions);
  check(t.renewalYears >= 0, who, "renewalYears must be ≥ 0", t.renewalYears);
  check(t.renewalProb >= 0 && t.renewalProb <= 1, who, "renewalProb must be in [0, 1]", t.renewalProb);
  check(Number.isFinite(t.capexUsdPerItMw) && t.capexUsdPerItMw >= 0, who, "capexUsdPerItMw must be ≥ 0", t.capexUsdPerItMw);
  check(Number.isFinite(t.buildMonths) && t.buildMonths >= 0, who, "buildMonths must be ≥ 0", t.buildMonths);
  check(t.terminationSlipMonths >= 0, who, "terminationSlipMonths must be ≥ 0", t.terminationSlipMonths);
}

/**
 * Compile a profile for a run (setup; allocates). Throws a RangeError naming the miner and
 * the field on any invalid value.
 */
export function compileMinerSpec(profile: MinerProfile, options: CompileOptions): MinerSpec {
  const o = options.overrides ?? {};
  const econ: MinerEconomics = Object.freeze({ ...DEFAULT_ECONOMICS, ...options.economics });
  const beh: MinerBehaviourDefaults = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const who = profile.id;
  const exitSpeed = o.exitSpeed ?? options.exitSpeed ?? 1;
  check(Number.isFinite(exitSpeed) && exitSpeed > 0, who, "exitSpeed must be > 0", exitSpeed);

  const miningMw = o.miningMw ?? profile.miningMw;
  const jPerTh = o.jPerTh ?? profile.jPerTh;
  const powerUsdPerMwh = o.powerUsdPerMwh ?? profile.powerUsdPerMwh;
  const treasuryBtc = o.treasuryBtc ?? profile.treasuryBtc;
  const holdFraction = o.holdFraction ?? profile.holdFraction;
  const interruptibleShare = o.interruptibleShare ?? profile.interruptibleShare;
  const drEnrolledShare = o.drEnrolledShare ?? profile.drEnrolledShare;
  const aiSuitableShare = o.aiSuitableShare ?? profile.aiSuitableShare ?? beh.aiSuitableShare;
  const buildRateMwPerYr = o.buildRateMwPerYr ?? profile.buildRateMwPerYr ?? beh.buildRateMwPerYr;
  const kind = o.strategy ?? profile.strategy;
  check(Number.isFinite(miningMw) && miningMw >= 0, who, "miningMw must be ≥ 0", miningMw);
  check(Number.isFinite(jPerTh) && jPerTh > 0, who, "jPerTh must be > 0", jPerTh);
  check(Number.isFinite(powerUsdPerMwh) && powerUsdPerMwh >= 0, who, "powerUsdPerMwh must be ≥ 0", powerUsdPerMwh);
  check(Number.isFinite(treasuryBtc) && treasuryBtc >= 0, who, "treasuryBtc must be ≥ 0", treasuryBtc);
  check(holdFraction >= 0 && holdFraction <= 1, who, "holdFraction must be in [0, 1]", holdFraction);
  check(interruptibleShare >= 0 && interruptibleShare <= 1, who, "interruptibleShare must be in [0, 1]", interruptibleShare);
  check(drEnrolledShare >= 0 && drEnrolledShare <= 1, who, "drEnrolledShare must be in [0, 1]", drEnrolledShare);
  check(aiSuitableShare >= 0 && aiSuitableShare <= 1, who, "aiSuitableShare must be in [0, 1]", aiSuitableShare);
  check(Number.isFinite(buildRateMwPerYr) && buildRateMwPerYr >= 0, who, "buildRateMwPerYr must be ≥ 0", buildRateMwPerYr);
  check(STRATEGY_KINDS.includes(kind), who, `strategy must be one of ${STRATEGY_KINDS.join(", ")}`, kind);

  // exit schedule: profile dates, else (assume) from day 0 over two years.
  const exitStartDate = o.exitStartDate ?? profile.exitStartDate;
  const exitEndDate = o.exitEndDate ?? profile.exitEndDate;
  const exitStartDay = exitStartDate === undefined ? 0 : dayOfDate(exitStartDate, options.startDate);
  const exitEndDay = exitEndDate === undefined ? exitStartDay + 2 * DAYS_PER_YEAR : dayOfDate(exitEndDate, options.startDate);
  check(exitEndDay >= exitStartDay, who, "exit end date must not precede its start", exitEndDate);

  const conversionTerms: LeaseTerms = Object.freeze({
    ...(profile.conversionTerms ?? DEFAULT_COLO_TERMS),
    ...o.conversionTerms,
  });
  checkTerms(who, conversionTerms);

  const contractTerms = o.contracts ?? profile.contracts;
  const contracts = contractTerms.map((t) => {
    checkTerms(`${who}/${t.id}`, t);
    check(Number.isFinite(t.itMw) && t.itMw > 0, `${who}/${t.id}`, "itMw must be > 0", t.itMw);
    return compileContract(t, dayOfDate(t.energiseDate, options.startDate), exitSpeed, econ);
  });

  const thresholdDays = o.thresholdDays ?? beh.thresholdDays;
  const minConversionBlockMw = o.minConversionBlockMw ?? beh.minConversionBlockMw;
  check(thresholdDays >= 0, who, "thresholdDays must be ≥ 0", thresholdDays);
  check(minConversionBlockMw >= 0, who, "minConversionBlockMw must be ≥ 0", minConversionBlockMw);
  const discountRate = o.discountRate ?? beh.discountRate;
  check(Number.isFinite(discountRate) && discountRate > -1, who, "discountRate must be > −1", discountRate);
  const extra = options.extraSlots ?? 32;
  const remineCapacity = options.remineCapacity ?? 8;
  check(Number.isInteger(extra) && extra >= 0, who, "extraSlots must be an integer ≥ 0", extra);
  check(Number.isInteger(remineCapacity) && remineCapacity >= 0, who, "remineCapacity must be an integer ≥ 0", remineCapacity);

  return Object.freeze({
    id: profile.id,
    name: profile.name,
    miningMw,
    jPerTh,
    powerUsdPerMwh,
    treasuryBtc,
    holdFraction,
    interruptibleShare,
    drEnrolledShare,
    aiSuitableShare,
    exitSpeed,
    buildRateMwPerYr,
    budgetBurstDays: beh.budgetBurstDays,
    trailingDays: beh.trailingDays,
    flipWindowDays: beh.flipWindowDays,
    discountRate,
    discountLogPerDay: Math.log(1 + discountRate) / DAYS_PER_YEAR,
    conversionCapexAnnuityPerItMw:
      conversionTerms.capexUsdPerItMw * capitalRecoveryFactor(discountRate, expectedLeaseYears(conversionTerms)),
    strategy: Object.freeze({ kind, thresholdDays, minConversionBlockMw, exitStartDay, exitEndDay }),
    conversionTerms,
    contracts: Object.freeze(contracts),
    economics: econ,
    slotCapacity: contracts.length + extra,
    remineCapacity,
  });
}
