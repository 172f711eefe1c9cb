/**
 * The five states a megawatt of a named miner's capacity can be in (DESIGN.md §3):
 * every MW of a miner is in exactly one of them at every instant.
 *
 * - `MINING`: ASICs running, earning FPPS hashprice, paying the contracted power price.
 * - `CURTAILED`: mining MW switched off for a while — dispatch (price spike, DR or 4CP
 *   event; within the interruptible share) or economic shutdown (hashprice below the
 *   power-cost breakeven; any share, actions.ts); no hashrate, earns resale / 4CP
 *   credits, returns to mining at once.
 * - `CONVERTING`: capex spent, no revenue: an AI build (contract slot in BUILDING) or an
 *   idle site being re-equipped for mining (a re-mining slot).
 * - `AI`: energised AI/HPC load under an active contract (colocation or GPU cloud).
 * - `IDLE`: powered but unused (mining shut down, lease ended, tenant defaulted).
 *
 * Units: gross MW of site power throughout (an AI contract's IT-MW are gross MW ×
 * its IT share; see contracts.ts).
 */

export const MINING = 0;
export const CURTAILED = 1;
export const CONVERTING = 2;
export const AI = 3;
export const IDLE = 4;

/** A capacity state index, usable into a miner's `mw` Float64Array. */
export type MwState = typeof MINING | typeof CURTAILED | typeof CONVERTING | typeof AI | typeof IDLE;

/** Number of capacity states (length of every per-state array). */
export const MW_STATE_COUNT = 5;

/** Names of the states, in index order (for reports and error messages). */
export const MW_STATE_NAMES = ["mining", "curtailed", "converting", "ai", "idle"] as const;
