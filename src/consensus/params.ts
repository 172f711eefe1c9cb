/**
 * Bitcoin mainnet consensus parameters, as in Bitcoin Core.
 *
 * Sources (bitcoin/bitcoin @ 58a7869f): src/kernel/chainparams.cpp lines 114 and 126-131
 * (CMainParams: nSubsidyHalvingInterval, powLimit, nPowTargetTimespan, nPowTargetSpacing,
 * fPowAllowMinDifficultyBlocks = false, fPowNoRetargeting = false, enforce_BIP94 = false),
 * src/consensus/params.h:130 (DifficultyAdjustmentInterval) and
 * src/consensus/amount.h:15,26 (COIN, MAX_MONEY). Mirrored in
 * ../shared/vectors/consensus.json, suite `facts.params`, which the tests compare against.
 */

/** Satoshis per bitcoin (Core `COIN`, consensus/amount.h). */
export const COIN = 100_000_000n;

/** Core `MAX_MONEY` = 21,000,000 BTC in satoshis: a sanity bound, not the real supply. */
export const MAX_MONEY = 21_000_000n * COIN;

/**
 * Mainnet proof-of-work limit (Core `consensus.powLimit`):
 * 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff = 2^224 − 1.
 * The easiest allowed target. Its compact form {@link POW_LIMIT_BITS} decodes to the
 * slightly smaller 0xffff·2^208 (compact keeps only the top bytes).
 */
export const POW_LIMIT: bigint = (1n << 224n) - 1n;

/** Compact form of {@link POW_LIMIT} (Core `powLimit.GetCompact()`), also the genesis nBits. */
export const POW_LIMIT_BITS = 0x1d00ffff;

/**
 * The target of difficulty 1: SetCompact(0x1d00ffff) = 0xffff·2^208. Core's GetDifficulty
 * (rpc/blockchain.cpp) divides this (as the double 0xffff·256^26) by the target.
 */
export const DIFFICULTY_ONE_TARGET: bigint = 0xffffn << 208n;

/** Core `nPowTargetTimespan`: two weeks, in seconds. */
export const TARGET_TIMESPAN = 1_209_600;

/** Core `nPowTargetSpacing`: ten minutes, in seconds. */
export const TARGET_SPACING = 600;

/** Core `DifficultyAdjustmentInterval()` = nPowTargetTimespan / nPowTargetSpacing = 2016 blocks. */
export const DIFFICULTY_ADJUSTMENT_INTERVAL = TARGET_TIMESPAN / TARGET_SPACING;

/** Core `nSubsidyHalvingInterval`: blocks between subsidy halvings. */
export const HALVING_INTERVAL = 210_000;

/** Block subsidy before the first halving: 50 BTC (Core GetBlockSubsidy, validation.cpp). */
export const INITIAL_SUBSIDY: bigint = 50n * COIN;

/**
 * The retarget parameters that CalculateNextWorkRequired and PermittedDifficultyTransition
 * read from Core's `Consensus::Params`. Other networks (signet, regtest) differ here;
 * mainnet is {@link MAINNET_RETARGET}.
 */
export interface RetargetParams {
  /** The easiest allowed target (Core `powLimit`), 0 < powLimit < 2^256. */
  readonly powLimit: bigint;
  /** Core `nPowTargetTimespan`, seconds, a positive integer. */
  readonly targetTimespan: number;
  /** Core `DifficultyAdjustmentInterval()`, blocks, a positive integer. */
  readonly adjustmentInterval: number;
}

/** Mainnet retarget parameters (no min-difficulty blocks, no BIP94, retargeting on). */
export const MAINNET_RETARGET: RetargetParams = Object.freeze({
  powLimit: POW_LIMIT,
  targetTimespan: TARGET_TIMESPAN,
  adjustmentInterval: DIFFICULTY_ADJUSTMENT_INTERVAL,
});
