/**
 * src/consensus/pow.ts: CheckProofOfWork.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  POW_LIMIT,
  POW_LIMIT_BITS,
  checkProofOfWork,
  compactToTarget,
  hashToBigInt,
  proofOfWorkFailure,
} from "../../src/consensus/index.js";
import { validMainnetBits } from "./arbitraries.js";
import { fcParams } from "./fixtures.js";

const hex64 = (value: bigint): string => value.toString(16).padStart(64, "0");

describe("checkProofOfWork (Core CheckProofOfWork)", () => {
  it("accepts a hash equal to the target and rejects target + 1", () => {
    fc.assert(
      fc.property(validMainnetBits, (bits) => {
        const target = compactToTarget(bits);
        expect(checkProofOfWork(hex64(target), bits)).toBe(true);
        expect(checkProofOfWork(hex64(0n), bits)).toBe(true);
        expect(proofOfWorkFailure(hex64(target + 1n), bits)).toBe("hash-above-target");
      }),
      fcParams(2000),
    );
  });

  it("checks the target against the given powLimit (regtest 0x207fffff)", () => {
    const regtestLimit = (1n << 255n) - 1n; // Core CRegTestParams powLimit 7fff…ff
    const hash = hex64(1n << 250n);
    expect(checkProofOfWork(hash, 0x207fffff, regtestLimit)).toBe(true);
    expect(proofOfWorkFailure(hash, 0x207fffff)).toBe("target-above-pow-limit");
    expect(checkProofOfWork(hex64(POW_LIMIT), POW_LIMIT_BITS)).toBe(false);
  });

  it("reads hashes as 64 hex digits, most significant first, and rejects anything else", () => {
    expect(hashToBigInt(`${"0".repeat(63)}1`)).toBe(1n);
    expect(hashToBigInt(`F${"0".repeat(63)}`)).toBe(15n << 252n);
    for (const bad of ["", "0".repeat(63), "0".repeat(65), `0x${"0".repeat(62)}`, `g${"0".repeat(63)}`]) {
      expect(() => hashToBigInt(bad)).toThrow(RangeError);
      expect(() => checkProofOfWork(bad, POW_LIMIT_BITS)).toThrow(RangeError);
    }
  });
});
