/**
 * Exact Bitcoin consensus rules (Bitcoin Core, bit for bit): compact nBits <-> target,
 * the difficulty retarget, difficulty as a double, block proof, proof-of-work check and
 * block subsidy. No money, no miners.
 */
export {
  COIN,
  DIFFICULTY_ADJUSTMENT_INTERVAL,
  DIFFICULTY_ONE_TARGET,
  HALVING_INTERVAL,
  INITIAL_SUBSIDY,
  MAINNET_RETARGET,
  MAX_MONEY,
  POW_LIMIT,
  POW_LIMIT_BITS,
  TARGET_SPACING,
  TARGET_TIMESPAN,
} from "./params.js";
export type { RetargetParams } from "./params.js";
export { compactToTarget, decodeCompact, encodeCompact, targetToCompact } from "./compact.js";
export type { DecodedCompact } from "./compact.js";
export { calculateNextWorkRequired, permittedDifficultyTransition } from "./retarget.js";
export {
  bitsFromDifficulty,
  difficultyFromBits,
  difficultyFromHashrate,
  hashrateFromDifficulty,
  targetFromDifficulty,
} from "./difficulty.js";
export { blockSubsidy, subsidyForInterval, totalSupply, totalSupplyForInterval } from "./subsidy.js";
export { blockProof, chainworkLog2 } from "./work.js";
export { checkProofOfWork, hashToBigInt, proofOfWorkFailure } from "./pow.js";
export type { PowFailure } from "./pow.js";
export { retargetBits } from "./retarget-fast.js";
