import { describe, expect, it } from "vitest";
import { BacktestCsvError, epochRow, parseDifficultyEpochCsv } from "../../src/backtest/index.js";
import { epochOpenAt, epochStartedBy } from "../../src/backtest/epochCsv.js";
import { difficultyFromBits } from "../../src/consensus/index.js";
import { DIFFICULTY_PATH, readText } from "./data.js";

const HEADER = "epoch,start_height,nbits_hex,difficulty,start_time,end_time";

function errorOf(text: string): BacktestCsvError {
  try {
    parseDifficultyEpochCsv(text, "x.csv");
  } catch (err) {
    if (err instanceof BacktestCsvError) return err;
    throw err;
  }
  throw new Error("expected a BacktestCsvError");
}

describe("parseDifficultyEpochCsv", () => {
  it("parses the shared epochs file: consecutive epochs, bits agree with the difficulty column", () => {
    const e = parseDifficultyEpochCsv(readText(DIFFICULTY_PATH), "epochs.csv");
    expect(e.epoch.length).toBeGreaterThan(300);
    for (let r = 0; r < e.epoch.length; r++) {
      expect(e.epoch[r]).toBe(e.epoch[0]! + r);
      expect(e.startHeight[r]).toBe(2016 * e.epoch[r]!);
      // The file's difficulty is Core's GetDifficulty of the bits (PROVENANCE.md).
      expect(difficultyFromBits(e.nbits[r]!)).toBe(e.difficulty[r]);
    }
    expect(epochRow(e, e.epoch[5]!)).toBe(5);
    expect(epochRow(e, e.epoch[0]! - 1)).toBe(-1);
  });

  it("reads empty start/end times as NaN", () => {
    const e = parseDifficultyEpochCsv(`${HEADER}\n0,0,0x1d00ffff,1.0,1231006505,\n1,2016,0x1d00ffff,1,,\n`, "x.csv");
    expect(e.startTime[0]).toBe(1231006505);
    expect(e.endTime[0]).toBeNaN();
    expect(e.startTime[1]).toBeNaN();
    expect(e.impliedHashrateHs[0]).toBeNaN();
  });

  it("epochOpenAt needs the next epoch's start; epochStartedBy also finds the last epoch, whose end is unknown", () => {
    const e = parseDifficultyEpochCsv(`${HEADER}\n0,0,0x1d00ffff,1,1000,\n1,2016,0x1d00ffff,1,2000,\n2,4032,0x1d00ffff,1,3000,\n`, "x.csv");
    for (const [t, open, started] of [
      [999, -1, -1],
      [1000, 0, 0],
      [1999, 0, 0],
      [2000, 1, 1],
      [2999, 1, 1],
      [3000, -1, 2],
      [9999, -1, 2],
    ] as const) {
      expect([epochOpenAt(e, t), epochStartedBy(e, t)], `t = ${t}`).toEqual([open, started]);
    }
  });

  it("names the file and the line of each error", () => {
    const missing = errorOf("epoch,start_height,nbits_hex,difficulty\n0,0,0x1d00ffff,1\n");
    expect(missing.message).toMatch(/^x\.csv:1: missing column "start_time"/);
    const badBits = errorOf(`${HEADER}\n0,0,0x1d00ffff,1,1,\n1,2016,zz,1,2,\n`);
    expect(badBits.line).toBe(3);
    expect(badBits.message).toMatch(/^x\.csv:3: nbits_hex/);
    const gap = errorOf(`${HEADER}\n0,0,0x1d00ffff,1,1,\n2,4032,0x1d00ffff,1,2,\n`);
    expect(gap.message).toMatch(/^x\.csv:3: epochs must be consecutive: 2 after 0/);
    const height = errorOf(`${HEADER}\n0,0,0x1d00ffff,1,1,\n1,2015,0x1d00ffff,1,2,\n`);
    expect(height.message).toMatch(/^x\.csv:3: start_height must be 2016/);
    const fields = errorOf(`${HEADER}\n0,0,0x1d00ffff,1,1\n`);
    expect(fields.message).toMatch(/^x\.csv:2: expected 6 fields, got 5/);
    const time = errorOf(`${HEADER}\n0,0,0x1d00ffff,1,12.5,\n`);
    expect(time.message).toMatch(/^x\.csv:2: start_time must be an integer or empty/);
    expect(errorOf("").message).toMatch(/^x\.csv: empty file/);
  });
});
