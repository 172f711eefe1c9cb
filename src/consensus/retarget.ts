/**
 * The difficulty retarget: Core's CalculateNextWorkRequired and
 * PermittedDifficultyTransition (src/pow.cpp), mainnet rules, bit for bit.
 */
import { encodeCompact, setCompactValue } from "./compact.js";
import { MAINNET_RETARGET, type RetargetParams } from "./params.js";
import { MASK_256, checkSafeInteger, toUint32 } from "./uint.js";

/**
 * Core `CalculateNextWorkRequired(pindexLast, nFirstBlockTime, params)` (pow.cpp), for a
 * network with retargeting on and no BIP94 (mainnet; signet with its own powLimit).
 *
 * actual = lastBlockTime − firstBlockTime, clamped to [timespan/4, timespan·4]; then, in
 * arith_uint256 (modulo 2^256, multiplication first as Core does),
 * new = SetCompact(lastBits) · actual / timespan, capped at powLimit, returned as
 * GetCompact(new). The times are those of the first and last blocks of the epoch (heights
 * 2016k and 2016k+2015), so the timespan covers 2015 block intervals (Core's off-by-one).
 * The sign and overflow flags of `lastBits` are ignored, as in Core. For mainnet the
 * product never wraps: powLimit·4·timespan < 2^256 (Core's ChainParams sanity test), and
 * a valid lastBits decodes to at most powLimit.
 *
 * @param lastBits nBits of the epoch's last block (uint32, see toUint32).
 * @param firstBlockTime header time of the epoch's first block, unix seconds (integer).
 * @param lastBlockTime header time of the epoch's last block, unix seconds (integer).
 *   Header times are whole seconds; a RangeError is thrown for non-integers, so a
 *   continuous-time caller must round its times (e.g. floor) itself.
 * @param params retarget parameters, mainnet by default.
 * @returns the nBits of the next epoch (uint32).
 */
export function calculateNextWorkRequired(
  lastBits: number,
  firstBlockTime: number,
  lastBlockTime: number,
  params: RetargetParams = MAINNET_RETARGET,
): number {
  const bits = toUint32(lastBits, "lastBits");
  checkSafeInteger(firstBlockTime, "firstBlockTime");
  checkSafeInteger(lastBlockTime, "lastBlockTime");
  const timespan = params.targetTimespan;
  let actual = lastBlockTime - firstBlockTime;
  const minSpan = Math.trunc(timespan / 4);
  const maxSpan = timespan * 4;
  if (actual < minSpan) actual = minSpan;
  if (actual > maxSpan) actual = maxSpan;
  // Core: bnNew.SetCompact(nBits); bnNew *= nActualTimespan (as uint32_t); bnNew /= timespan.
  let target = ((setCompactValue(bits) * BigInt(actual)) & MASK_256) / BigInt(timespan);
  if (target > params.powLimit) target = params.powLimit;
  return encodeCompact(target);
}

/**
 * The target bound Core's PermittedDifficultyTransition derives from old bits and one end
 * of the clamp: SetCompact(old)·span/timespan capped at powLimit, then rounded through
 * GetCompact and SetCompact.
 */
function roundedBound(oldBits: number, span: number, params: RetargetParams): bigint {
  let bound = ((setCompactValue(oldBits) * BigInt(span)) & MASK_256) / BigInt(params.targetTimespan);
  if (bound > params.powLimit) bound = params.powLimit;
  return setCompactValue(encodeCompact(bound));
}

/**
 * Core `PermittedDifficultyTransition(params, height, old_nbits, new_nbits)` (pow.cpp),
 * for a network without min-difficulty blocks (mainnet).
 *
 * At a retarget height (height % 2016 == 0) the new target must lie between the targets
 * that the extreme clamped timespans (timespan/4 and timespan·4) would give, each capped
 * at powLimit and rounded through the compact encoding; elsewhere nBits must not change.
 *
 * @param height height of the block carrying `newBits` (integer; int64 in Core).
 * @param oldBits nBits of its parent (uint32).
 * @param newBits nBits of the block (uint32).
 * @param params retarget parameters, mainnet by default.
 */
export function permittedDifficultyTransition(
  height: number,
  oldBits: number,
  newBits: number,
  params: RetargetParams = MAINNET_RETARGET,
): boolean {
  checkSafeInteger(height, "height");
  const oldC = toUint32(oldBits, "oldBits");
  const newC = toUint32(newBits, "newBits");
  if (height % params.adjustmentInterval !== 0) return oldC === newC;
  const observed = setCompactValue(newC);
  const maxTarget = roundedBound(oldC, params.targetTimespan * 4, params);
  if (maxTarget < observed) return false;
  const minTarget = roundedBound(oldC, Math.trunc(params.targetTimespan / 4), params);
  return !(minTarget > observed);
}
