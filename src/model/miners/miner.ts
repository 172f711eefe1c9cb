/**
 * A named miner: its compiled spec (immutable, shared by every path of a run) and its
 * per-path state (a plain mutable object, preallocated once, reset per path).
 */
import type { ContractSlot, ContractSpec, LeaseTerms } from "./contracts.js";
import { createContractSlot } from "./contracts.js";
import type { MinerLedger } from "./accounting.js";
import { createLedger } from "./accounting.js";
import type { MinerEconomics } from "./params.js";
import { MW_STATE_COUNT } from "./states.js";
import { DAYS_PER_YEAR } from "../units.js";
import type { StrategyParams } from "./strategies/types.js";

/** Everything fixed about a miner for a run, in simulation days. Build with compileMinerSpec. */
export interface MinerSpec {
  readonly id: string;
  readonly name: string;
  /** Mining MW at day 0 (site power drawn by ASICs; PUE taken as 1). */
  readonly miningMw: number;
  /** Fleet efficiency, J/TH. */
  readonly jPerTh: number;
  /** Contracted power price, $/MWh. */
  readonly powerUsdPerMwh: number;
  /** BTC held at day 0. */
  readonly treasuryBtc: number;
  /** Fraction of mined BTC retained at day 0 (the rest is sold at the day's price). */
  readonly holdFraction: number;
  /** Share of the mining fleet (mining + curtailed MW) that can be curtailed. */
  readonly interruptibleShare: number;
  /** Share of the interruptible MW enrolled in demand response (ERS). */
  readonly drEnrolledShare: number;
  /** Share of day-0 mining MW that may be converted at the miner's own initiative. */
  readonly aiSuitableShare: number;
  /** Conversion-speed multiplier (scenario-wide, or this miner's override). */
  readonly exitSpeed: number;
  /** Discretionary conversion rate at exitSpeed 1, gross MW/yr. */
  readonly buildRateMwPerYr: number;
  readonly budgetBurstDays: number;
  readonly trailingDays: number;
  readonly flipWindowDays: number;
  readonly discountRate: number;
  /** ln(1 + discountRate)/365: the discount factor on day t is exp(−t × this). */
  readonly discountLogPerDay: number;
  /** Capex annuity of a discretionary conversion per IT-MW-yr: capex × CRF(r, expected lease life) (economics.ts). */
  readonly conversionCapexAnnuityPerItMw: number;
  readonly strategy: StrategyParams;
  /** Terms of discretionary conversions (its rate is replaced by the market's for new leases). */
  readonly conversionTerms: LeaseTerms;
  /** Announced contracts, in slot order. */
  readonly contracts: readonly ContractSpec[];
  readonly economics: MinerEconomics;
  /** Contract slots preallocated (announced + room for discretionary conversions). */
  readonly slotCapacity: number;
  /** Re-mining slots preallocated. */
  readonly remineCapacity: number;
}

/** An idle → mining build in progress (MW in CONVERTING). */
export interface RemineSlot {
  active: boolean;
  mw: number;
  doneDay: number;
}

/** Per-path state of one miner. */
export interface MinerState {
  readonly spec: MinerSpec;
  /** MW by state, indexed by MINING, CURTAILED, CONVERTING, AI, IDLE (states.ts). */
  readonly mw: Float64Array;
  /** Σ mw: changes only when capacity is acquired (a new site). */
  totalMw: number;
  /** Idle MW held by defaulted contracts awaiting re-lease (not free for other uses). */
  idleReservedMw: number;
  holdFraction: number;
  treasuryBtc: number;
  /**
   * Economic shutdown in force (set at each decision, actions.ts): the mining fleet is
   * switched off (CURTAILED) because mining loses money at the miner's power cost. Curtailed
   * MW may then exceed the interruptible share; ERS pays nothing while it lasts.
   */
  economicOff: boolean;
  /** Gross MW the miner may still convert at its own initiative. */
  aiSuitableMwRemaining: number;
  /** Conversion budget, gross MW, accruing at the build rate × exitSpeed. */
  conversionBudgetMw: number;
  /** Day the budget was last accrued. */
  budgetDay: number;
  /** First decision day of the current run of "mining margin below the AI alternative", or NaN. */
  marginBelowSinceDay: number;
  /** Exponentially weighted trailing hashprice, $/PH/day (NaN before the first accrual). */
  trailingHashpriceUsd: number;
  readonly slots: ContractSlot[];
  /** Slots in use this path are all below this index (high-water mark; loops stop here). */
  slotCount: number;
  /**
   * Number of PENDING slots (kept by lifecycle.ts: resetMiner, startDiscretionaryConversion,
   * startContract; checkCapacity checks it). applyActions skips the contract-start flags
   * when it is 0: it starts PENDING slots only.
   */
  pendingSlots: number;
  readonly remine: RemineSlot[];
  /** Number of active re-mining builds. */
  remineActive: number;
  /** Conversion budget accrual, gross MW per day: build rate × exitSpeed / 365 (from the spec). */
  readonly budgetRatePerDay: number;
  /** Cap on the conversion budget, gross MW: max(min block, rate × budgetBurstDays) (from the spec). */
  readonly budgetCapMw: number;
  /**
   * Earliest day on which {@link advanceContracts} has a transition to make (any day, past
   * ones included; Infinity: none), as of the last nextMinerEventDay; −Infinity after a
   * reset (unknown). A path loop that calls nextMinerEventDay after each event may skip
   * advanceContracts on days before it (lifecycle.ts).
   */
  contractsDueDay: number;
  /**
   * Bumped by every lifecycle.ts function that can change a contract or re-mining slot
   * (resetMiner, startContract, startDiscretionaryConversion, startRemining,
   * advanceContracts); never reset, so a value seen once is never seen again for other slots.
   */
  slotVersion: number;
  /**
   * The last {@link nextMinerEventDay} result and the slotVersion it was computed at. While
   * slotVersion is unchanged and `nextEventDay` > t, it is also nextMinerEventDay(miner, t)
   * for any t at or after that call's afterDay (no slot day lies between), so a path loop
   * whose days never go back may use it instead of calling again.
   */
  nextEventDay: number;
  nextEventVersion: number;
  /**
   * Set whenever the mining MW changes: by every capacity transition into or out of MINING
   * (capacity.ts moveMw) and by resetMiner. Nothing here clears it: a path loop that keeps
   * the miner's hashrate clears it when it reads `mw[MINING]` again, and may skip that read
   * (and the hashrate's sum) while it is false (src/model/path/kernel.ts refreshMinerPh).
   * So any code that writes `mw[MINING]` must go through moveMw or set this flag; the
   * kernel's named hashrate is checked against the MW every day in
   * tests/model/path/named-hashrate.test.ts.
   */
  miningMwChanged: boolean;
  /** Cache of the EWMA decay factors for the last accrual length `expDt`. */
  expDt: number;
  expTrailing: number;
  expFlip: number;
  readonly ledger: MinerLedger;
}

/**
 * Allocate a miner's state for a spec (setup, once per worker). Call resetMiner before
 * each path.
 */
export function createMinerState(spec: MinerSpec): MinerState {
  const slots: ContractSlot[] = [];
  for (let i = 0; i < spec.slotCapacity; i++) slots.push(createContractSlot());
  const remine: RemineSlot[] = [];
  for (let i = 0; i < spec.remineCapacity; i++) remine.push({ active: false, mw: 0, doneDay: Number.NaN });
  const budgetRatePerDay = (spec.buildRateMwPerYr * spec.exitSpeed) / DAYS_PER_YEAR;
  return {
    spec,
    mw: new Float64Array(MW_STATE_COUNT),
    totalMw: 0,
    idleReservedMw: 0,
    holdFraction: spec.holdFraction,
    treasuryBtc: spec.treasuryBtc,
    economicOff: false,
    aiSuitableMwRemaining: 0,
    conversionBudgetMw: 0,
    budgetDay: 0,
    marginBelowSinceDay: Number.NaN,
    trailingHashpriceUsd: Number.NaN,
    slots,
    slotCount: 0,
    pendingSlots: 0,
    remine,
    remineActive: 0,
    budgetRatePerDay,
    budgetCapMw: Math.max(spec.strategy.minConversionBlockMw, budgetRatePerDay * spec.budgetBurstDays),
    contractsDueDay: Number.NEGATIVE_INFINITY,
    slotVersion: 0,
    nextEventDay: Number.NaN,
    nextEventVersion: -1,
    miningMwChanged: true,
    expDt: Number.NaN,
    expTrailing: Number.NaN,
    expFlip: Number.NaN,
    ledger: createLedger(),
  };
}
