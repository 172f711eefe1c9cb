/**
 * The compact ("nBits") encoding of a 256-bit target: Core's arith_uint256::SetCompact
 * and GetCompact (src/arith_uint256.cpp), bit for bit.
 *
 * A compact is a uint32 `0xSSMMMMMM`: size byte S and a 23-bit mantissa M with a sign bit
 * 0x00800000. The value is M·256^(S−3) (M shifted right when S < 3). Core keeps the sign
 * and overflow flags separate from the value; {@link decodeCompact} reports all three.
 */
import { MASK_256, byteLength, checkUint256, hex32, toUint32 } from "./uint.js";

/** Result of Core's `SetCompact(nCompact, &fNegative, &fOverflow)`. */
export interface DecodedCompact {
  /** The arith_uint256 value SetCompact stores: mantissa·256^(size−3), modulo 2^256. */
  readonly target: bigint;
  /** Core `*pfNegative = nWord != 0 && (nCompact & 0x00800000) != 0`. */
  readonly negative: boolean;
  /**
   * Core `*pfOverflow = nWord != 0 && (nSize > 34 || (nWord > 0xff && nSize > 33) ||
   * (nWord > 0xffff && nSize > 32))`: the value does not fit in 256 bits.
   */
  readonly overflow: boolean;
}

/**
 * The value part of SetCompact for a uint32 compact `c` (already `>>> 0`). Allocation-free
 * apart from the bigint; used by the retarget, which, like Core, ignores the flags.
 */
export function setCompactValue(c: number): bigint {
  const size = c >>> 24;
  const word = c & 0x007fffff;
  if (size <= 3) return BigInt(word >>> (8 * (3 - size)));
  // base_uint's <<= drops bits shifted past 256, so the value is taken modulo 2^256.
  return (BigInt(word) << BigInt(8 * (size - 3))) & MASK_256;
}

/**
 * Core `arith_uint256::SetCompact(nCompact, &fNegative, &fOverflow)`.
 *
 * @param bits nBits as a uint32 (integers in [−2^31, 2^32) are taken `>>> 0`).
 * @returns the stored target (modulo 2^256, as Core) and Core's negative and overflow flags.
 *   For size ≤ 3 the mantissa is shifted right first, and the flags are computed from that
 *   shifted word (so 0x01803456 is neither negative nor overflowing: its word is 0).
 */
export function decodeCompact(bits: number): DecodedCompact {
  const c = toUint32(bits);
  const size = c >>> 24;
  let word = c & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = (BigInt(word) << BigInt(8 * (size - 3))) & MASK_256;
  }
  const negative = word !== 0 && (c & 0x00800000) !== 0;
  const overflow =
    word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target, negative, overflow };
}

/**
 * Core `arith_uint256::GetCompact(fNegative)`: the compact form of a 256-bit value.
 *
 * Keeps the top three bytes; when the mantissa's top bit (the sign bit 0x00800000) would be
 * set, it divides the mantissa by 256 and bumps the size instead, so only two bytes are
 * kept. The sign bit is set only when `negative` and the mantissa is non-zero.
 *
 * @param target an integer in [0, 2^256) (RangeError otherwise: arith_uint256 is unsigned).
 * @param negative Core's `fNegative` argument (default false).
 * @returns the compact as a uint32 (always ≥ 0).
 */
export function encodeCompact(target: bigint, negative = false): number {
  checkUint256(target, "target");
  let size = byteLength(target);
  let compact =
    size <= 3 ? Number(target) << (8 * (3 - size)) : Number(target >> BigInt(8 * (size - 3)));
  if ((compact & 0x00800000) !== 0) {
    compact >>>= 8;
    size++;
  }
  compact |= size << 24;
  if (negative && (compact & 0x007fffff) !== 0) compact |= 0x00800000;
  return compact >>> 0;
}

/**
 * The target encoded by a compact nBits, for valid (consensus-acceptable) encodings.
 *
 * Equals Core's SetCompact value whenever Core's flags are both false. Where Core would
 * raise pfNegative or pfOverflow (CheckProofOfWork and GetBlockProof reject such bits),
 * this throws a RangeError naming the bits in hex and the flag, rather than return a value
 * that consensus never accepts. Use {@link decodeCompact} to get Core's value and flags.
 * Bits whose word is zero (e.g. 0x00000000, 0x01003456, 0x01803456) decode to 0n and do not
 * throw, as Core sets neither flag for them.
 */
export function compactToTarget(bits: number): bigint {
  const d = decodeCompact(bits);
  if (d.negative) throw new RangeError(`compact ${hex32(bits)} is negative (sign bit 0x00800000 set)`);
  if (d.overflow) throw new RangeError(`compact ${hex32(bits)} overflows 256 bits`);
  return d.target;
}

/** Core `GetCompact()` (fNegative = false): the nBits of a target in [0, 2^256). */
export function targetToCompact(target: bigint): number {
  return encodeCompact(target, false);
}
