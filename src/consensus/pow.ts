/**
 * Core's CheckProofOfWork (src/pow.cpp): does a block hash meet its claimed target?
 */
import { decodeCompact } from "./compact.js";
import { POW_LIMIT } from "./params.js";

/** Why {@link proofOfWorkFailure} rejects a (hash, bits) pair. */
export type PowFailure = "negative" | "overflow" | "zero-target" | "target-above-pow-limit" | "hash-above-target";

/**
 * A block hash in the hex form RPC and explorers print (64 hex digits, most significant
 * first), as the number Core compares: UintToArith256(hash).
 */
export function hashToBigInt(hashHex: string): bigint {
  if (!/^[0-9a-fA-F]{64}$/.test(hashHex)) {
    throw new RangeError(`hash must be 64 hex digits, got "${hashHex}"`);
  }
  return BigInt(`0x${hashHex}`);
}

/**
 * Why Core's CheckProofOfWorkImpl would reject the pair, or null if it accepts it.
 * Core rejects when `fNegative || bnTarget == 0 || fOverflow || bnTarget > powLimit`, then
 * when `hash > bnTarget`; the reason reported is the first of negative, overflow, zero
 * target, above powLimit, hash above target that holds (several can hold at once; Core
 * returns the same `false` either way).
 */
export function proofOfWorkFailure(hashHex: string, bits: number, powLimit: bigint = POW_LIMIT): PowFailure | null {
  const hash = hashToBigInt(hashHex);
  const { target, negative, overflow } = decodeCompact(bits);
  if (negative) return "negative";
  if (overflow) return "overflow";
  if (target === 0n) return "zero-target";
  if (target > powLimit) return "target-above-pow-limit";
  if (hash > target) return "hash-above-target";
  return null;
}

/**
 * Core `CheckProofOfWork(hash, nBits, params)`: true when the bits are a valid target
 * (not negative, not overflowing, non-zero, at most powLimit) and hash ≤ target.
 *
 * @param hashHex block hash, 64 hex digits as printed by RPC (most significant first).
 * @param bits the header's nBits (uint32).
 * @param powLimit the network's powLimit, mainnet by default.
 */
export function checkProofOfWork(hashHex: string, bits: number, powLimit: bigint = POW_LIMIT): boolean {
  return proofOfWorkFailure(hashHex, bits, powLimit) === null;
}
