/**
 * The real mainnet epochs of ../shared/data/btc_difficulty_epochs_2009_2022.csv (columns
 * in ../shared/data/PROVENANCE.md) against src/consensus: every exact retarget reproduces
 * the next epoch's nBits, and targets, difficulties, work and chain work match Core.
 */
import { describe, expect, it } from "vitest";
import {
  DIFFICULTY_ADJUSTMENT_INTERVAL,
  blockProof,
  calculateNextWorkRequired,
  checkProofOfWork,
  compactToTarget,
  difficultyFromBits,
  permittedDifficultyTransition,
  targetToCompact,
} from "../../src/consensus/index.js";
import { parseCsv } from "../../src/results/index.js";
import { isoSeconds, loadCsv, loadEpochs } from "./fixtures.js";

const rows = loadEpochs();
const byEpoch = new Map(rows.map((row) => [row.epoch, row]));

describe("CSV parser", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and CRLF records", () => {
    expect(parseCsv('a,"b,c","say ""hi""",\r\n"x\ny",2\n')).toEqual([
      ["a", "b,c", 'say "hi"', ""],
      ["x\ny", "2"],
    ]);
    expect(() => parseCsv('a,"b')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b"c')).toThrow(/quote/);
  });

  it("reads the anchors file, whose last source field is quoted and holds commas", () => {
    const anchors = loadCsv("btc_chain_anchors.csv");
    const last = anchors[anchors.length - 1];
    expect(last?.["source"]).toContain(",");
    // Heights and times both increase down the file, and every hash meets powLimit.
    for (let i = 1; i < anchors.length; i++) {
      expect(Number(anchors[i]?.["height"])).toBeGreaterThan(Number(anchors[i - 1]?.["height"]));
      expect(Number(anchors[i]?.["time"])).toBeGreaterThan(Number(anchors[i - 1]?.["time"]));
    }
    for (const a of anchors) {
      expect(checkProofOfWork(a["block_hash"] ?? "", 0x1d00ffff)).toBe(true);
      expect(isoSeconds(Number(a["time"]))).toBe(a["time_utc"]);
    }
  });
});

describe("btc_difficulty_epochs_2009_2022.csv", () => {
  it("has consecutive epochs with consistent heights and bits", () => {
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      expect(row.epoch).toBe(i);
      expect(row.startHeight).toBe(DIFFICULTY_ADJUSTMENT_INTERVAL * row.epoch);
      expect(row.endHeight).toBe(row.startHeight + DIFFICULTY_ADJUSTMENT_INTERVAL - 1);
      expect(Number.parseInt(row.nbitsHex, 16)).toBe(row.nbits);
    });
  });

  it("reproduces the next epoch's nBits from every exact Core timespan, as a permitted transition", () => {
    const withTimes = rows.filter((row) => row.startTime !== null && row.endTime !== null);
    let matched = 0;
    for (const row of withTimes) {
      const start = row.startTime ?? Number.NaN;
      const end = row.endTime ?? Number.NaN;
      expect(row.coreActualTimespan).toBe(end - start);
      const next = byEpoch.get(row.epoch + 1);
      // A timed epoch without a following row cannot be checked: that fails rather than skips.
      expect(next, `epoch ${row.epoch + 1} (after timed epoch ${row.epoch})`).toBeDefined();
      if (next === undefined) continue;
      const got = calculateNextWorkRequired(row.nbits, start, end);
      const permitted = permittedDifficultyTransition(next.startHeight, row.nbits, next.nbits);
      if (got === next.nbits && permitted) matched++;
      expect(got, `retarget after epoch ${row.epoch}`).toBe(next.nbits);
      expect(permitted).toBe(true);
    }
    console.info(`epochs CSV: ${matched}/${withTimes.length} exact retargets reproduced (of ${rows.length} epochs)`);
    expect(withTimes.length).toBeGreaterThan(0);
    expect(matched).toBe(withTimes.length);
  });

  it("has only permitted transitions between consecutive epochs, and none within an epoch", () => {
    for (let k = 0; k + 1 < rows.length; k++) {
      const row = rows[k];
      const next = rows[k + 1];
      if (row === undefined || next === undefined) throw new Error(`row ${k}`);
      expect(permittedDifficultyTransition(next.startHeight, row.nbits, next.nbits)).toBe(true);
      // Off a retarget height the bits may not change; real transitions do change them.
      if (row.nbits !== next.nbits) {
        expect(permittedDifficultyTransition(next.startHeight + 1, row.nbits, next.nbits)).toBe(false);
      }
      expect(permittedDifficultyTransition(next.startHeight - 1, row.nbits, row.nbits)).toBe(true);
    }
  });

  it("has target_hex = SetCompact(nbits), canonical nbits, and Core's exact difficulty", () => {
    for (const row of rows) {
      const target = compactToTarget(row.nbits);
      expect(row.targetHex).toBe(target.toString(16).padStart(64, "0"));
      expect(targetToCompact(target)).toBe(row.nbits);
      // The column holds the Python repr of Core's double; Number() reads that double back.
      expect(Object.is(difficultyFromBits(row.nbits), Number(row.difficultyText)), `epoch ${row.epoch}`).toBe(true);
    }
  });

  it("has work_per_block = GetBlockProof(nbits) and block hashes that meet their epoch's target", () => {
    for (const row of rows) {
      expect(blockProof(row.nbits)).toBe(row.workPerBlock);
      expect(checkProofOfWork(row.startBlockHash, row.nbits), `start of epoch ${row.epoch}`).toBe(true);
      expect(checkProofOfWork(row.endBlockHash, row.nbits), `end of epoch ${row.epoch}`).toBe(true);
    }
  });

  it("has chainwork deltas = 2015·proof(bits_k) + proof(bits_k+1) wherever both exist", () => {
    let checked = 0;
    let available = 0;
    for (let k = 0; k + 1 < rows.length; k++) {
      const row = rows[k];
      const next = rows[k + 1];
      if (row === undefined || next === undefined) throw new Error(`row ${k}`);
      if (row.chainworkAtStart === null || next.chainworkAtStart === null) continue;
      available++;
      const delta = next.chainworkAtStart - row.chainworkAtStart;
      expect(delta, `epochs ${k}→${k + 1}`).toBe(2015n * blockProof(row.nbits) + blockProof(next.nbits));
      checked++;
    }
    // Epoch 0's blank chainwork is the genesis block's work alone: check epoch 1 from it.
    const [e0, e1] = rows;
    expect(e0?.chainworkAtStart).toBeNull();
    expect(e1?.chainworkAtStart).toBe(2016n * blockProof(e0?.nbits ?? 0) + blockProof(e1?.nbits ?? 0));
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBe(available);
    expect(available).toBe(rows.filter((r) => r.chainworkAtStart !== null).length - 1);
  });

  it("has start times, durations, mean intervals and implied hashrates consistent with each other", () => {
    for (const row of rows) {
      const start = row.startTime;
      if (start === null) continue;
      expect(isoSeconds(start)).toBe(row.startTimeUtc);
      const next = byEpoch.get(row.epoch + 1);
      if (next !== undefined) expect(row.nextEpochStartTime).toBe(next.startTime);
      if (row.nextEpochStartTime === null || row.epochDuration === null) continue;
      expect(row.epochDuration).toBe(row.nextEpochStartTime - start);
      // Rounded columns: mean interval to 3 decimals, hashrate to 7 significant digits.
      expect(Math.abs((row.meanBlockInterval ?? Number.NaN) - row.epochDuration / 2016)).toBeLessThanOrEqual(0.0005);
      const implied = (2016 * Number(row.workPerBlock)) / row.epochDuration;
      expect(Math.abs((row.impliedHashrate ?? Number.NaN) / implied - 1)).toBeLessThan(1e-6);
    }
  });
});
