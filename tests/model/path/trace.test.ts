/** Trace/replay of one model path: every happening printed, in time order, same record. */
import { describe, expect, it } from "vitest";
import { defaultModelPlan, replayModelPath, simulateModelPath } from "../../../src/model/path/index.js";
import { horizonDateAfter } from "./fixtures.js";

describe("replayModelPath", () => {
  const plan = defaultModelPlan({ horizonDate: horizonDateAfter(200), powerPeaks: { enabled: true } });

  it("prints engine and model lines in time order and returns the run's record", () => {
    const lines: string[] = [];
    const replayed = replayModelPath(plan, "replay", 4, { write: (l) => lines.push(l) });
    const { record } = simulateModelPath(plan, "replay", 4);
    expect(Buffer.from(replayed.series.buffer).equals(Buffer.from(record.series.buffer))).toBe(true);
    expect(Buffer.from(replayed.scalars.buffer).equals(Buffer.from(record.scalars.buffer))).toBe(true);

    expect(lines[0]).toMatch(/^# replay model path: seed replay path 4, 10 named miners/);
    const tag = (t: string) => lines.filter((l) => l.slice(26).startsWith(t));
    expect(tag("BEGIN")).toHaveLength(1);
    expect(tag("HORIZON")).toHaveLength(1);
    expect(tag("DAILY")).toHaveLength(plan.horizonDays);
    expect(tag("DAILY")[1]).toMatch(/day 1 {2}price [\d.]+ USD {2}fees [\d.]+ BTC\/block {2}hashprice [\d.]+ USD\/PH\/day {2}fleet [\d.]+ EH\/s/);
    expect(tag("RETARGET").length).toBeGreaterThan(10);
    expect(tag("HASHPRICE").length).toBe(tag("RETARGET").length); // re-priced at every retarget
    expect(tag("EVENT").some((l) => l.includes("(daily tick)"))).toBe(true);
    expect(tag("MINER").some((l) => /terawulf (decision|own event|window) .*mining [\d.]+ \(-[\d.]+\)/.test(l))).toBe(true);
    expect(tag("WINDOW").length).toBeGreaterThan(0); // June–September windows fall inside 200 days
    expect(tag("HASHRATE").length).toBeGreaterThan(plan.horizonDays / 2);
    // Time order: every line after the header starts with an ISO instant, non-decreasing.
    let last = "";
    for (const l of lines.slice(1)) {
      const t = l.slice(0, 24);
      expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(t >= last).toBe(true);
      last = t;
    }
  });
});
