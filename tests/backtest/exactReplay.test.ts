import { describe, expect, it } from "vitest";
import { exactReplay, parseDifficultyEpochCsv } from "../../src/backtest/index.js";
import { DIFFICULTY_PATH, readText } from "./data.js";

describe("exactReplay", () => {
  const text = readText(DIFFICULTY_PATH);
  const e = parseDifficultyEpochCsv(text, "epochs.csv");

  it("reproduces the next nBits of every retarget with both timestamps in the shared data", () => {
    const r = exactReplay(e);
    // Count independently: rows with start_time and end_time that have a next row.
    let expected = 0;
    for (let i = 0; i + 1 < e.epoch.length; i++) if (!Number.isNaN(e.startTime[i]!) && !Number.isNaN(e.endTime[i]!)) expected++;
    expect(r.checked).toBe(expected);
    expect(r.checked).toBeGreaterThan(0);
    expect(r.matched).toBe(r.checked);
    expect(r.mismatches).toEqual([]);
  });

  it("reports a retarget whose next bits were altered", () => {
    const r0 = exactReplay(e);
    const victim = r0.epochs.find((k) => k > 0)!;
    const row = victim - e.epoch[0]!;
    const nbits = Uint32Array.from(e.nbits);
    nbits[row + 1] = nbits[row + 1]! + 1;
    const r = exactReplay({ ...e, nbits });
    expect(r.checked).toBe(r0.checked);
    expect(r.matched).toBe(r0.checked - 1);
    expect(r.mismatches).toEqual([{ epoch: victim, expectedBits: nbits[row + 1], computedBits: e.nbits[row + 1] }]);
  });
});
