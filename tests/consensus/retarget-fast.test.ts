/**
 * retargetBits (number arithmetic) is bit-for-bit the consensus module's BigInt
 * calculateNextWorkRequired: on Core's unit vectors and the real-chain retargets of
 * ../shared/vectors/consensus.json, and on 100,000 seeded random inputs covering every
 * size byte, sign-bit mantissas, zero words and clamped timespans.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculateNextWorkRequired } from "../../src/consensus/index.js";
import { retargetBits } from "../../src/consensus/retarget-fast.js";
import { streamFor } from "../../src/random/index.js";

interface Vector {
  suite: string;
  name: string;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const vectors = JSON.parse(
  readFileSync(new URL("../../../shared/vectors/consensus.json", import.meta.url), "utf8"),
) as Vector[];

describe("retargetBits", () => {
  it("reproduces Core's pow_tests vectors", () => {
    const cases = vectors.filter((v) => v.suite === "pow.CalculateNextWorkRequired" && v.inputs["network"] === "main");
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const v of cases) {
      // Two input spellings: Core's (pindexLast_*, nFirstBlockTime) and rust-bitcoin's.
      const i = v.inputs;
      const bits = Number(i["pindexLast_nBits"] ?? i["last_nBits"]);
      const first = (i["nFirstBlockTime"] ?? i["first_time"]) as number;
      const last = (i["pindexLast_nTime"] ?? i["last_time"]) as number;
      expect(retargetBits(bits, first, last), v.name).toBe(Number(v.expected["nBits"]));
    }
  });

  it("reproduces the real mainnet retargets", () => {
    const cases = vectors.filter((v) => v.suite === "pow.CalculateNextWorkRequired.real_chain");
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const v of cases) {
      const got = retargetBits(Number(v.inputs["last_nBits"]), v.inputs["first_time"] as number, v.inputs["last_time"] as number);
      expect(got, v.name).toBe(Number(v.expected["nBits"]));
    }
  });

  it("equals calculateNextWorkRequired on 100,000 random inputs", () => {
    const rng = streamFor("engine-tests", 0, "retarget");
    let mismatches = 0;
    let first = "";
    for (let i = 0; i < 100_000; i++) {
      const size = 1 + Math.floor(rng.double() * 32); // 1..32: includes the fallback ranges
      const r = rng.double();
      // Mantissas: mostly normal, some with the sign bit, some zero or tiny.
      const word = r < 0.05 ? 0 : r < 0.1 ? Math.floor(rng.double() * 256) : Math.floor(rng.double() * 0x1000000);
      const bits = ((size << 24) | word) >>> 0;
      const first0 = 1_231_006_505 + Math.floor(rng.double() * 1e9);
      const span = Math.floor(rng.double() * 6_000_000) - 100_000; // below /4, inside, above ×4
      const expected = calculateNextWorkRequired(bits, first0, first0 + span);
      const got = retargetBits(bits, first0, first0 + span);
      if (got !== expected) {
        mismatches++;
        if (first === "") first = `bits 0x${bits.toString(16)} span ${span}: ${got} vs ${expected}`;
      }
    }
    expect(first).toBe("");
    expect(mismatches).toBe(0);
  });
});
