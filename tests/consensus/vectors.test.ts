/**
 * Every vector of ../shared/vectors/consensus.json, run against src/consensus.
 *
 * One test per vector, grouped by suite. Each suite has a handler; a suite without one
 * fails its tests. Each handler reads every field of `inputs` and `expected` or marks it
 * informational (Fields), and the last test checks that the number of vectors exercised,
 * per suite, equals the number in the file.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  COIN,
  DIFFICULTY_ADJUSTMENT_INTERVAL,
  HALVING_INTERVAL,
  MAX_MONEY,
  POW_LIMIT,
  POW_LIMIT_BITS,
  TARGET_SPACING,
  TARGET_TIMESPAN,
  blockProof,
  blockSubsidy,
  calculateNextWorkRequired,
  chainworkLog2,
  checkProofOfWork,
  compactToTarget,
  decodeCompact,
  difficultyFromBits,
  encodeCompact,
  permittedDifficultyTransition,
  proofOfWorkFailure,
  subsidyForInterval,
  targetToCompact,
  totalSupply,
} from "../../src/consensus/index.js";
import type { PowFailure, RetargetParams } from "../../src/consensus/index.js";
import { Fields, bigOf, isoSeconds, loadCsv, loadEpochs, loadVectors } from "./fixtures.js";
import type { EpochRow, Vector } from "./fixtures.js";

const vectors = loadVectors();
const epochs = new Map<number, EpochRow>(loadEpochs().map((row) => [row.epoch, row]));
const anchors = new Map(loadCsv("btc_chain_anchors.csv").map((row) => [Number(row["height"]), row]));
const MAX_UINT256 = (1n << 256n) - 1n;
const TWO_256 = 1n << 256n;

function vectorsOf(suite: string): Vector[] {
  return vectors.filter((v) => v.suite === suite);
}

/** The one vector of a suite whose `inputs.height` is `height`, if any. */
function chainworkVectorAt(height: number): Vector | undefined {
  return vectorsOf("pow.chainwork.real_chain").find((v) => v.inputs["height"] === height);
}

/** Chain work of blocks 0..height from the epochs file: chainwork_at_start + blocks since. */
function chainworkFromEpochs(height: number): bigint {
  const k = Math.floor(height / DIFFICULTY_ADJUSTMENT_INTERVAL);
  const row = epochs.get(k);
  if (row === undefined) throw new Error(`epoch ${k} is not in the epochs file`);
  // Epoch 0's chainwork_at_start is blank: it is the work of the genesis block alone.
  const atStart = k === 0 ? blockProof(row.nbits) : row.chainworkAtStart;
  if (atStart === null) throw new Error(`epoch ${k} has no chainwork_at_start`);
  return atStart + BigInt(height - row.startHeight) * blockProof(row.nbits);
}

/** The 256-bit target before capping, as Core's retarget computes it. */
function rawRetarget(lastBits: number, actualTimespan: number): bigint {
  const span = Math.min(Math.max(actualTimespan, TARGET_TIMESPAN / 4), TARGET_TIMESPAN * 4);
  return (decodeCompact(lastBits).target * BigInt(span)) / BigInt(TARGET_TIMESPAN);
}

function checkMainnetParams(inp: Fields): void {
  if (inp.has("network")) expect(inp.str("network")).toBe("main");
  if (inp.has("powLimit")) expect(inp.big("powLimit")).toBe(POW_LIMIT);
  if (inp.has("nPowTargetTimespan")) expect(inp.num("nPowTargetTimespan")).toBe(TARGET_TIMESPAN);
}

/** Core's reasons in the CheckProofOfWork vectors, as proofOfWorkFailure names them. */
const POW_REASONS: Record<string, PowFailure> = {
  fNegative: "negative",
  fOverflow: "overflow",
  "target == 0": "zero-target",
  "target > powLimit": "target-above-pow-limit",
  "hash > target": "hash-above-target",
};

/** The C++ expressions the CheckProofOfWork vectors give for their nBits, evaluated here. */
function checkBitsExpression(expr: string, bits: number, hash: bigint): void {
  switch (expr) {
    case "UintToArith256(powLimit).GetCompact(true)":
      expect(encodeCompact(POW_LIMIT, true)).toBe(bits);
      break;
    case "~0x00800000U":
      expect(~0x00800000 >>> 0).toBe(bits);
      break;
    case "(powLimit*2).GetCompact()":
      expect(targetToCompact(POW_LIMIT * 2n)).toBe(bits);
      break;
    case "powLimit.GetCompact(); hash = powLimit*2":
      expect(targetToCompact(POW_LIMIT)).toBe(bits);
      expect(hash).toBe(POW_LIMIT * 2n);
      break;
    default:
      throw new Error(`unknown nBits expression: ${expr}`);
  }
}

/** Bitcoin's double SHA-256 of an 80-byte header, as the hex block hash (byte-reversed). */
function headerHash(version: number, merkleRootHex: string, time: number, bits: number, nonce: number): string {
  const header = Buffer.alloc(80);
  header.writeInt32LE(version, 0);
  // bytes 4..35: previous block hash, all zero for the genesis block
  Buffer.from(merkleRootHex, "hex").reverse().copy(header, 36);
  header.writeUInt32LE(time, 68);
  header.writeUInt32LE(bits, 72);
  header.writeUInt32LE(nonce, 76);
  const once = createHash("sha256").update(header).digest();
  return Buffer.from(createHash("sha256").update(once).digest()).reverse().toString("hex");
}

type Handler = (inp: Fields, exp: Fields, v: Vector) => void;

const handlers: Record<string, Handler> = {
  "compact.SetCompact/GetCompact": (inp, exp) => {
    if (inp.has("nCompact")) {
      const bits = inp.bits("nCompact");
      const d = decodeCompact(bits);
      for (const key of ["GetHex", "core_SetCompact_hex", "target_hex"]) {
        if (exp.has(key)) expect(d.target).toBe(exp.big(key));
      }
      if (exp.has("value")) expect(d.target).toBe(exp.big("value"));
      for (const key of ["fNegative", "core_fNegative"]) if (exp.has(key)) expect(d.negative).toBe(exp.bool(key));
      for (const key of ["fOverflow", "core_fOverflow"]) if (exp.has(key)) expect(d.overflow).toBe(exp.bool(key));
      if (exp.has("GetCompact()")) expect(targetToCompact(d.target)).toBe(exp.bits("GetCompact()"));
      if (exp.has("GetCompact(true)")) expect(encodeCompact(d.target, true)).toBe(exp.bits("GetCompact(true)"));
      // compactToTarget: Core's value when both flags are clear, a RangeError otherwise.
      if (d.negative || d.overflow) expect(() => compactToTarget(bits)).toThrow(RangeError);
      else expect(compactToTarget(bits)).toBe(d.target);
      // rust-bitcoin returns 0 where Core raises a flag; compactToTarget throws there instead.
      if (exp.has("rust_bitcoin_target_hex")) {
        const rust = exp.big("rust_bitcoin_target_hex");
        if (d.negative || d.overflow) expect(rust).toBe(0n);
        else expect(compactToTarget(bits)).toBe(rust);
      }
    } else if (inp.has("value_hex")) {
      expect(targetToCompact(inp.big("value_hex"))).toBe(exp.bits("GetCompact"));
    } else {
      // btcd takes a signed bignum: a negative value is GetCompact(true) of its magnitude.
      const value = inp.big("value");
      const key = exp.has("GetCompact") ? "GetCompact" : "compact";
      const got = value < 0n ? encodeCompact(-value, true) : targetToCompact(value);
      expect(got).toBe(exp.bits(key));
    }
  },

  "pow.CalculateNextWorkRequired": (inp, exp) => {
    const network = inp.str("network");
    let params: RetargetParams | undefined;
    if (network === "signet") {
      params = {
        powLimit: inp.big("powLimit"),
        targetTimespan: TARGET_TIMESPAN,
        adjustmentInterval: DIFFICULTY_ADJUSTMENT_INTERVAL,
      };
    } else {
      expect(network).toBe("main");
      checkMainnetParams(inp);
    }
    const core = inp.has("pindexLast_nBits");
    const lastBits = inp.bits(core ? "pindexLast_nBits" : "last_nBits");
    const first = inp.num(core ? "nFirstBlockTime" : "first_time");
    const last = inp.num(core ? "pindexLast_nTime" : "last_time");
    const lastHeight = inp.has("pindexLast_nHeight")
      ? inp.num("pindexLast_nHeight")
      : inp.has("last_height")
        ? inp.num("last_height")
        : null;
    if (inp.has("first_height") && lastHeight !== null) {
      expect(lastHeight - inp.num("first_height")).toBe(DIFFICULTY_ADJUSTMENT_INTERVAL - 1);
    }
    const got = calculateNextWorkRequired(lastBits, first, last, params);
    expect(got).toBe(exp.bits("nBits"));
    if (lastHeight !== null) {
      expect((lastHeight + 1) % DIFFICULTY_ADJUSTMENT_INTERVAL).toBe(0);
      expect(permittedDifficultyTransition(lastHeight + 1, lastBits, got, params)).toBe(true);
    }
  },

  "pow.CalculateNextWorkRequired.real_chain": (inp, exp) => {
    expect(inp.str("network")).toBe("main");
    const epoch = inp.num("epoch");
    const firstHeight = inp.num("first_height");
    const lastHeight = inp.num("last_height");
    const first = inp.num("first_time");
    const last = inp.num("last_time");
    const lastBits = inp.bits("last_nBits");
    expect(firstHeight).toBe(epoch * DIFFICULTY_ADJUSTMENT_INTERVAL);
    expect(lastHeight).toBe(firstHeight + DIFFICULTY_ADJUSTMENT_INTERVAL - 1);
    expect(inp.num("actual_timespan")).toBe(last - first);
    const got = calculateNextWorkRequired(lastBits, first, last);
    expect(got).toBe(exp.bits("nBits"));
    expect(permittedDifficultyTransition(lastHeight + 1, lastBits, got)).toBe(exp.bool("permitted"));
    const raw = rawRetarget(lastBits, last - first);
    const clamp = exp.str("clamp");
    if (clamp === "powLimit") {
      expect(raw > POW_LIMIT).toBe(true);
      expect(got).toBe(POW_LIMIT_BITS);
    } else if (clamp === "none") {
      expect(last - first).toBeGreaterThanOrEqual(TARGET_TIMESPAN / 4);
      expect(last - first).toBeLessThanOrEqual(TARGET_TIMESPAN * 4);
      expect(raw <= POW_LIMIT).toBe(true);
    } else {
      throw new Error(`unknown clamp kind: ${clamp}`);
    }
    // The same epoch in the epochs file (where present) agrees on bits and times.
    const row = epochs.get(epoch);
    const next = epochs.get(epoch + 1);
    if (row !== undefined && next !== undefined) {
      expect(row.nbits).toBe(lastBits);
      expect(row.startTime).toBe(first);
      expect(row.endTime).toBe(last);
      expect(next.nbits).toBe(got);
    }
  },

  "pow.PermittedDifficultyTransition": (inp, exp) => {
    checkMainnetParams(inp);
    const got = permittedDifficultyTransition(inp.num("height"), inp.bits("old_nbits"), inp.bits("new_nbits"));
    expect(got).toBe(exp.bool("permitted"));
  },

  "pow.CheckProofOfWork": (inp, exp) => {
    checkMainnetParams(inp);
    const hashHex = inp.str("hash");
    const bits = inp.bits("nBits");
    if (inp.has("nBits_expr")) checkBitsExpression(inp.str("nBits_expr"), bits, bigOf(hashHex));
    expect(checkProofOfWork(hashHex, bits)).toBe(exp.bool("valid"));
    const reason = POW_REASONS[exp.str("reason")];
    if (reason === undefined) throw new Error(`unknown reason ${String(exp.get("reason"))}`);
    expect(proofOfWorkFailure(hashHex, bits)).toBe(reason);
  },

  "pow.GetBlockProof": (inp, exp) => {
    inp.ignore("note");
    exp.ignore("note");
    const bits = inp.bits("nBits");
    const key = exp.has("block_proof") ? "block_proof" : "work";
    const got = blockProof(bits);
    expect(got).toBe(exp.big(key));
    // Core's 256-bit formula equals the definition floor(2^256 / (target + 1)).
    const d = decodeCompact(bits);
    if (!d.negative && !d.overflow && d.target !== 0n) expect(got).toBe(TWO_256 / (d.target + 1n));
  },

  "pow.sanity": (inp, exp) => {
    expect(inp.big("powLimit")).toBe(POW_LIMIT);
    expect(inp.num("nPowTargetTimespan")).toBe(TARGET_TIMESPAN);
    // Core: powLimit < max_uint256 / (4·timespan), so the retarget product cannot wrap.
    const noOverflow = POW_LIMIT < MAX_UINT256 / BigInt(4 * TARGET_TIMESPAN);
    expect(noOverflow).toBe(exp.bool("powLimit_lt_maxuint256_div_4timespan"));
    expect(TARGET_TIMESPAN % TARGET_SPACING).toBe(exp.num("timespan_mod_spacing"));
  },

  "difficulty.GetDifficulty": (inp, exp) => {
    if (inp.has("network")) expect(inp.str("network")).toBe("main");
    const got = difficultyFromBits(inp.bits("nBits"));
    const stated = exp.num("difficulty");
    if (exp.has("exact")) {
      expect(exp.bool("exact")).toBe(true);
      expect(Object.is(got, stated)).toBe(true);
    }
    if (exp.has("tolerance_abs")) {
      // Core's own test (blockchain_tests.cpp DoubleEquals): |got − expected| < tolerance.
      expect(Math.abs(got - stated)).toBeLessThan(exp.num("tolerance_abs"));
    }
    if (exp.has("exact_double")) {
      expect(Object.is(got, Number(exp.str("exact_double")))).toBe(true);
    }
    expect(exp.has("exact") || exp.has("exact_double")).toBe(true);
  },

  "subsidy.GetBlockSubsidy": (inp, exp, v) => {
    if (inp.has("network")) expect(inp.str("network")).toBe("main");
    if (inp.has("nSubsidyHalvingInterval")) {
      // Core validation_tests.cpp TestBlockSubsidyHalvings, plus the listed values.
      inp.ignore("heights");
      exp.ignore("rule");
      const interval = inp.num("nSubsidyHalvingInterval");
      const table = exp.get("subsidy_at_halvings_sat");
      if (!Array.isArray(table)) throw new Error("subsidy_at_halvings_sat: not an array");
      expect(table).toHaveLength(64);
      const initial = 50n * COIN;
      let previous = initial * 2n;
      for (let n = 0; n < 64; n++) {
        const s = subsidyForInterval(n * interval, interval);
        expect(s).toBe(bigOf(table[n]));
        expect(s <= initial).toBe(true);
        expect(s).toBe(previous / 2n);
        if (n > 0) expect(subsidyForInterval(n * interval - 1, interval)).toBe(previous);
        previous = s;
      }
      expect(subsidyForInterval(64 * interval, interval)).toBe(exp.big("subsidy_at_64_halvings"));
      if (interval === HALVING_INTERVAL) expect(blockSubsidy(5 * interval)).toBe(bigOf(table[5]));
    } else if (inp.has("loop")) {
      // Core validation_tests.cpp subsidy_limit_test, literally.
      inp.ignore("loop");
      const cap = exp.big("each_subsidy_le_sat");
      let sum = 0n;
      let allBelowCap = true;
      let allInMoneyRange = true;
      for (let height = 0; height < 14_000_000; height += 1000) {
        const s = blockSubsidy(height);
        if (s > cap) allBelowCap = false;
        sum += s * 1000n;
        if (sum < 0n || sum > MAX_MONEY) allInMoneyRange = false;
      }
      expect(allBelowCap).toBe(true);
      expect(allInMoneyRange).toBe(exp.bool("MoneyRange_each_step"));
      expect(sum).toBe(exp.big("nSum_sat"));
    } else if (inp.has("nHeight")) {
      expect(blockSubsidy(inp.num("nHeight"))).toBe(exp.big("subsidy_sat"));
    } else {
      // The sum over every height 0 .. 64·210000 − 1, block by block, and totalSupply().
      inp.ignore("sum_over");
      let sum = 0;
      for (let halving = 0; halving < 64; halving++) {
        let perHalving = 0;
        const start = halving * HALVING_INTERVAL;
        for (let height = start; height < start + HALVING_INTERVAL; height++) {
          perHalving += Number(blockSubsidy(height));
        }
        sum += perHalving;
      }
      // The partial sums stay below 2^53, so the number sum is exact; check that.
      expect(sum).toBeLessThan(Number.MAX_SAFE_INTEGER);
      expect(BigInt(sum)).toBe(exp.big("total_sat"));
      expect(totalSupply()).toBe(exp.big("total_sat"));
      const limitTest = vectorsOf(v.suite).find((w) => Object.hasOwn(w.inputs, "loop"));
      if (limitTest === undefined) throw new Error("no subsidy_limit_test vector to compare with");
      expect(totalSupply() === bigOf(limitTest.expected["nSum_sat"])).toBe(exp.bool("equals_subsidy_limit_test"));
    }
  },

  "chainwork.log2": (inp, exp) => {
    const chainwork = inp.big("chainwork_hex");
    const height = inp.num("height");
    expect(chainworkLog2(chainwork).toFixed(6)).toBe(exp.num("log2_rounded_6dp").toFixed(6));
    // The chain work itself, recomputed from the epochs file.
    expect(chainworkFromEpochs(height)).toBe(chainwork);
  },

  "pow.chainwork.real_chain": (inp, exp) => {
    inp.ignore("definition");
    const height = inp.num("height");
    const chainwork = exp.big("chainwork");
    const bits = exp.bits("nBits");
    const hash = exp.str("block_hash");
    const time = exp.num("time");
    expect(exp.big("chainwork_hex")).toBe(chainwork);
    expect(isoSeconds(time)).toBe(exp.str("time_utc"));
    expect(checkProofOfWork(hash, bits)).toBe(true);
    expect(height % DIFFICULTY_ADJUSTMENT_INTERVAL).toBe(0);
    const k = height / DIFFICULTY_ADJUSTMENT_INTERVAL;
    const row = epochs.get(k);
    if (row !== undefined) {
      expect(row.chainworkAtStart).toBe(chainwork);
      expect(chainworkFromEpochs(height)).toBe(chainwork);
      expect(row.nbits).toBe(bits);
      expect(row.startTime).toBe(time);
      expect(row.startBlockHash).toBe(hash);
    }
    if (k === 1) {
      const genesisBits = epochs.get(0)?.nbits ?? Number.NaN;
      expect(chainwork).toBe(2016n * blockProof(genesisBits) + blockProof(bits));
    }
    // Chain work across a neighbouring vector: 2015·proof(bits_k) + proof(bits_{k+1}).
    const previous = chainworkVectorAt(height - DIFFICULTY_ADJUSTMENT_INTERVAL);
    if (previous !== undefined) {
      const delta = chainwork - bigOf(previous.expected["chainwork"]);
      const prevBits = bigOf(previous.expected["nBits"]);
      expect(delta).toBe(2015n * blockProof(Number(prevBits)) + blockProof(bits));
    }
  },

  "facts.block": (inp, exp, v) => {
    const height = inp.num("height");
    exp.ignore("total_fee_sat", "transaction_count");
    const bits = exp.num("bits");
    expect(exp.bits("bits_hex")).toBe(bits);
    expect(Object.is(difficultyFromBits(bits), exp.num("difficulty"))).toBe(true);
    expect(blockSubsidy(height)).toBe(exp.big("subsidy_sat"));
    const hash = exp.str("hash");
    expect(checkProofOfWork(hash, bits)).toBe(true);
    const time = exp.num("timestamp");
    expect(isoSeconds(time)).toBe(exp.str("timestamp_utc"));
    expect(exp.num("median_time")).toBeLessThan(time);
    const anchor = anchors.get(height);
    expect(anchor?.["time"]).toBe(String(time));
    expect(anchor?.["block_hash"]).toBe(hash);
    // Chain work at this height from the epoch-start vector: blocks since it all carry these bits.
    const epochStart = height - (height % DIFFICULTY_ADJUSTMENT_INTERVAL);
    const start = chainworkVectorAt(epochStart);
    if (start === undefined) throw new Error(`${v.name}: no chainwork vector at ${epochStart}`);
    expect(bigOf(start.expected["nBits"])).toBe(BigInt(bits));
    const expectedWork = bigOf(start.expected["chainwork"]) + BigInt(height - epochStart) * blockProof(bits);
    expect(exp.big("chainwork_hex")).toBe(expectedWork);
  },

  "facts.params": (_inp, exp, v) => {
    if (v.name === "mainnet_genesis") {
      const time = exp.num("time");
      const bits = exp.bits("nBits");
      const hash = exp.str("hash");
      expect(bits).toBe(POW_LIMIT_BITS);
      expect(exp.big("reward_sat")).toBe(blockSubsidy(0));
      expect(headerHash(exp.num("version"), exp.str("merkle_root"), time, bits, exp.num("nonce"))).toBe(hash);
      expect(checkProofOfWork(hash, bits)).toBe(true);
      expect(epochs.get(0)?.startTime).toBe(time);
      expect(epochs.get(0)?.startBlockHash).toBe(hash);
      expect(anchors.get(0)?.["block_hash"]).toBe(hash);
      return;
    }
    expect(exp.num("nSubsidyHalvingInterval")).toBe(HALVING_INTERVAL);
    expect(exp.big("powLimit")).toBe(POW_LIMIT);
    expect(targetToCompact(POW_LIMIT)).toBe(exp.bits("powLimit_compact"));
    expect(POW_LIMIT_BITS).toBe(exp.bits("powLimit_compact"));
    expect(exp.num("nPowTargetTimespan")).toBe(TARGET_TIMESPAN);
    expect(exp.num("nPowTargetSpacing")).toBe(TARGET_SPACING);
    expect(exp.num("DifficultyAdjustmentInterval")).toBe(DIFFICULTY_ADJUSTMENT_INTERVAL);
    expect(TARGET_TIMESPAN / TARGET_SPACING).toBe(DIFFICULTY_ADJUSTMENT_INTERVAL);
    // src/consensus implements exactly this mode: no min-difficulty blocks, no BIP94, retargeting on.
    expect(exp.bool("fPowAllowMinDifficultyBlocks")).toBe(false);
    expect(exp.bool("enforce_BIP94")).toBe(false);
    expect(exp.bool("fPowNoRetargeting")).toBe(false);
    expect(exp.big("COIN")).toBe(COIN);
    expect(exp.big("MAX_MONEY")).toBe(MAX_MONEY);
    expect(totalSupply() <= MAX_MONEY).toBe(true);
  },

  "facts.chain_anchor": (inp, exp, v) => {
    const height = inp.num("height");
    const hash = exp.str("hash");
    // Every real block hash meets at least the easiest allowed target.
    expect(checkProofOfWork(hash, POW_LIMIT_BITS)).toBe(true);
    const anchor = anchors.get(height);
    if (exp.has("time")) {
      const time = exp.num("time");
      expect(isoSeconds(time)).toBe(exp.str("time_utc"));
      expect(anchor?.["time"]).toBe(String(time));
      expect(anchor?.["block_hash"]).toBe(hash);
    } else {
      // assumeutxo snapshots: the chain's transaction count grows with height.
      const count = exp.num("m_chain_tx_count");
      for (const w of vectorsOf(v.suite)) {
        const other = w.expected["m_chain_tx_count"];
        const otherHeight = w.inputs["height"];
        if (typeof other === "number" && typeof otherHeight === "number") {
          expect(Math.sign(count - other)).toBe(Math.sign(height - otherHeight));
        }
      }
      if (anchor !== undefined) expect(anchor["block_hash"]).toBe(hash);
      const block = vectorsOf("facts.block").find((w) => w.inputs["height"] === height);
      if (block !== undefined) {
        expect(block.expected["hash"]).toBe(hash);
        expect(checkProofOfWork(hash, Number(block.expected["bits"]))).toBe(true);
      }
    }
  },
};

const suites = [...new Set(vectors.map((v) => v.suite))];
const exercised = new Map<string, number>();

describe.each(suites)("%s", (suite) => {
  it.each(vectorsOf(suite).map((v) => [v.name, v] as const))("%s", (_name, v) => {
    expect.hasAssertions();
    const handler = handlers[suite];
    if (handler === undefined) throw new Error(`no handler for suite "${suite}"`);
    const inp = new Fields(v.inputs, `${v.name}.inputs`);
    const exp = new Fields(v.expected, `${v.name}.expected`);
    handler(inp, exp, v);
    expect(inp.unused()).toEqual([]);
    expect(exp.unused()).toEqual([]);
    exercised.set(suite, (exercised.get(suite) ?? 0) + 1);
  });
});

it("exercised every vector of consensus.json, suite by suite", () => {
  expect(vectors.length).toBeGreaterThan(0);
  const inFile = new Map<string, number>();
  for (const v of vectors) inFile.set(v.suite, (inFile.get(v.suite) ?? 0) + 1);
  expect(Object.fromEntries(exercised)).toEqual(Object.fromEntries(inFile));
  const total = [...exercised.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(vectors.length);
});
