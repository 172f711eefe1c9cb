/**
 * Trace / replay: one line per happening, in time order, and the lines agree with the
 * record (retarget bits, halving, horizon).
 */
import { describe, expect, it } from "vitest";
import { ChainScalar, formatInstant, replayPath } from "../../src/engine/index.js";
import { DAY, H600, START_TIME, basePlan, schedule } from "./fixtures.js";

describe("replayPath", () => {
  it("prints begin, events, hashrate changes, boundaries and the horizon consistently with the record", () => {
    const tip = 2016 * 519 - 1; // last block of epoch 518; the halving (1,050,000) ~1.8 epochs ahead
    const plan = basePlan({
      startHeight: tip,
      horizon: START_TIME + 45 * DAY,
      schedule: schedule([START_TIME + 10 * DAY], [H600 * 1.1]),
    });
    const lines: string[] = [];
    const record = replayPath(plan, "trace", 0, { write: (l) => lines.push(l), mode: "reference" });
    expect(lines[0]).toBe("# replay seed trace path 0 mode reference");
    expect(lines[1]).toMatch(/BEGIN .*tip height 1046303/);
    const tag = (line: string): string => line.split(/\s+/)[1] ?? "";
    const retargets = lines.filter((l) => tag(l) === "RETARGET");
    expect(retargets.length).toBe(record.scalar(ChainScalar.epochsCompleted));
    retargets.forEach((line, i) => {
      expect(line).toContain(`0x${(record.bits[i] as number).toString(16).padStart(8, "0")} -> `);
      expect(line.startsWith(formatInstant(record.endTime[i] as number))).toBe(true);
    });
    expect(lines.filter((l) => tag(l) === "HALVING")).toEqual([`${formatInstant(record.halvingTime[0] as number)}  HALVING   height 1050000`]);
    expect(lines.filter((l) => tag(l) === "SUBSIDY")[0]).toContain("156250000 sat (era 5)");
    expect(lines.filter((l) => tag(l) === "HASHRATE").length).toBe(1);
    expect(lines.filter((l) => tag(l) === "EVENT")[0]).toContain("kind 1 (hashrate schedule)");
    const last = lines[lines.length - 1] as string;
    expect(tag(last)).toBe("HORIZON");
    expect(last).toContain(`height ${record.scalar(ChainScalar.heightAtHorizon)}`);
    // Lines are in time order (ISO timestamps sort as strings).
    const stamps = lines.slice(1).map((l) => l.split(" ")[0] as string);
    expect([...stamps].sort()).toEqual(stamps);
  });
});
