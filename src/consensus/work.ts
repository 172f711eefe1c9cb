/**
 * Proof of work per block and chain work: Core's GetBlockProof (src/chain.cpp) and the
 * log2_work figure Core logs.
 */
import { decodeCompact } from "./compact.js";
import { MASK_256 } from "./uint.js";

/**
 * Core `GetBlockProof(block)` (chain.cpp): the expected number of hashes to find a block
 * with these bits, floor(2^256 / (target + 1)), computed as Core does in 256 bits as
 * (~target / (target + 1)) + 1. Returns 0 when the bits are negative, overflow, or
 * decode to a zero target.
 *
 * @param bits nBits (uint32).
 * @returns the work, in hashes.
 */
export function blockProof(bits: number): bigint {
  const { target, negative, overflow } = decodeCompact(bits);
  if (negative || overflow || target === 0n) return 0n;
  return (~target & MASK_256) / ((target + 1n) & MASK_256) + 1n;
}

/**
 * log2 of a chain work as Core logs it (`log2_work=%.6f` in validation.cpp:
 * `std::log(nChainWork.getdouble()) / std::log(2.0)`), where getdouble sums the 32-bit
 * words times powers of 2^32 in double precision, low word first.
 *
 * @param chainwork cumulative work in hashes, in [0, 2^256).
 */
export function chainworkLog2(chainwork: bigint): number {
  if (chainwork < 0n || chainwork > MASK_256) {
    throw new RangeError(`chainwork must be in [0, 2^256), got ${chainwork.toString()}`);
  }
  let value = 0;
  let fact = 1;
  let rest = chainwork;
  for (let i = 0; i < 8; i++) {
    value += fact * Number(rest & 0xffffffffn);
    fact *= 4294967296;
    rest >>= 32n;
  }
  return Math.log(value) / Math.log(2);
}
