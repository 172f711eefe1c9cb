/**
 * The block subsidy: Core's GetBlockSubsidy (src/validation.cpp), in satoshis.
 */
import { HALVING_INTERVAL, INITIAL_SUBSIDY } from "./params.js";
import { checkSafeInteger } from "./uint.js";

/**
 * Core `GetBlockSubsidy(nHeight, params)` for a given `nSubsidyHalvingInterval`:
 * halvings = floor(height / interval); 0 when halvings ≥ 64 (the shift would be undefined
 * in C++); otherwise (50·COIN) >> halvings. Regtest uses interval 150.
 *
 * @param height block height, a non-negative integer (RangeError otherwise).
 * @param halvingInterval blocks per halving, a positive integer.
 * @returns the subsidy in satoshis.
 */
export function subsidyForInterval(height: number, halvingInterval: number): bigint {
  checkSafeInteger(height, "height");
  if (height < 0) throw new RangeError(`height must be non-negative, got ${height}`);
  checkSafeInteger(halvingInterval, "halvingInterval");
  if (halvingInterval <= 0) throw new RangeError(`halvingInterval must be positive, got ${halvingInterval}`);
  const halvings = Math.floor(height / halvingInterval);
  // Core's guard, kept to mirror it: a bigint shift by ≥ 33 already gives 0 here, so the
  // guard changes no result (50·COIN < 2^33), unlike in C++ where it avoids undefined behaviour.
  if (halvings >= 64) return 0n;
  return INITIAL_SUBSIDY >> BigInt(halvings);
}

/** Core `GetBlockSubsidy(height)` on mainnet (halving every 210,000 blocks), in satoshis. */
export function blockSubsidy(height: number): bigint {
  return subsidyForInterval(height, HALVING_INTERVAL);
}

/**
 * The sum of the subsidies of every block at heights 0, 1, 2, … for a halving interval,
 * in satoshis: Σ over halvings h < 64 of interval·((50·COIN) >> h). Includes the genesis
 * block, whose output is unspendable. Mainnet: 2,099,999,997,690,000 sat.
 */
export function totalSupplyForInterval(halvingInterval: number): bigint {
  let sum = 0n;
  const interval = BigInt(halvingInterval);
  for (let h = 0; h < 64; h++) sum += interval * subsidyForInterval(h * halvingInterval, halvingInterval);
  return sum;
}

/** All the satoshis mainnet subsidies will ever create (see {@link totalSupplyForInterval}). */
export function totalSupply(): bigint {
  return totalSupplyForInterval(HALVING_INTERVAL);
}
