/**
 * Chain boundaries: the block heights at which the fast engine must know the exact arrival
 * time, because something consensus-relevant happens there (DESIGN.md §2).
 *
 * With I = 2016 (Core DifficultyAdjustmentInterval) and S = 210,000 (Core
 * nSubsidyHalvingInterval):
 *
 * | flag | height | why |
 * |---|---|---|
 * | {@link BOUNDARY_EPOCH_FIRST} | I·n | first block mined at epoch n's difficulty; its nTime is Core's nFirstBlockTime in the retarget |
 * | {@link BOUNDARY_RETARGET} | I·n + I − 1 | last block of epoch n; on its arrival Core's CalculateNextWorkRequired gives the bits of block I·(n+1), so the difficulty being mined changes at this instant |
 * | {@link BOUNDARY_SUBSIDY_CHANGE} | S·m − 1 | on its arrival the block being mined (S·m) is the first with the halved subsidy (Core GetBlockSubsidy), so revenue per hash changes at this instant |
 * | {@link BOUNDARY_HALVING} | S·m | the halving block itself: its arrival is the conventional "halving date" |
 *
 * Between two consecutive boundaries every block is mined at the same difficulty and
 * subsidy. Several flags can coincide: lcm(2016, 210000) = 1,260,000, so height
 * 1,259,999 is both a retarget and a subsidy change and 1,260,000 both an epoch's first
 * block and a halving.
 */
import { DIFFICULTY_ADJUSTMENT_INTERVAL, HALVING_INTERVAL } from "../consensus/index.js";

/** Height I·n: the first block of an epoch. */
export const BOUNDARY_EPOCH_FIRST = 1;
/** Height I·n + I − 1: the last block of an epoch, where the retarget is computed. */
export const BOUNDARY_RETARGET = 2;
/** Height S·m − 1: the next block carries the halved subsidy. */
export const BOUNDARY_SUBSIDY_CHANGE = 4;
/** Height S·m (m ≥ 1): the halving block. */
export const BOUNDARY_HALVING = 8;

const I = DIFFICULTY_ADJUSTMENT_INTERVAL;
const S = HALVING_INTERVAL;

/** Bitwise OR of the boundary flags of `height` (0 if it is not a boundary). height ≥ 0. */
export function boundaryFlags(height: number): number {
  let flags = 0;
  const inEpoch = height % I;
  if (inEpoch === 0) flags |= BOUNDARY_EPOCH_FIRST;
  if (inEpoch === I - 1) flags |= BOUNDARY_RETARGET;
  const inEra = height % S;
  if (inEra === S - 1) flags |= BOUNDARY_SUBSIDY_CHANGE;
  if (inEra === 0 && height > 0) flags |= BOUNDARY_HALVING;
  return flags;
}

/** The smallest x > h with x ≡ r (mod m), for 0 ≤ r < m. */
function nextCongruent(h: number, m: number, r: number): number {
  const x = h - (h % m) + r;
  return x > h ? x : x + m;
}

/**
 * The smallest boundary height strictly above `height` (a non-negative integer). At most
 * I − 1 = 2015 blocks ahead, since every epoch has a first and a last block.
 */
export function nextBoundaryHeight(height: number): number {
  let next = nextCongruent(height, I, 0);
  const last = nextCongruent(height, I, I - 1);
  if (last < next) next = last;
  const eve = nextCongruent(height, S, S - 1);
  if (eve < next) next = eve;
  const halving = nextCongruent(height, S, 0);
  if (halving < next) next = halving;
  return next;
}

/** Index n of the epoch (difficulty period) that contains block `height`: floor(height / I). */
export function epochOfHeight(height: number): number {
  return Math.floor(height / I);
}

/** Subsidy era of block `height`: the number of halvings before it, floor(height / S). */
export function eraOfHeight(height: number): number {
  return Math.floor(height / S);
}
