/**
 * The key-outcomes table `exodus run` prints (src/results/key-outcomes.ts): each row is the
 * summary's own statistic (series at the last grid date, network scalars, drawdown in %),
 * rows for fields a run lacks are left out, and the text table has one line per row.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/api/index.js";
import { defaultModelPlan } from "../../src/model/path/index.js";
import { formatKeyOutcomes, keyOutcomes } from "../../src/results/index.js";

describe("key outcomes", async () => {
  // Network only, seven months: named miners' MW in AI is 0, no halving (no date row).
  const plan = defaultModelPlan({ miners: [], horizonDate: "2026-09-30" });
  const { summary } = await simulate({ plan, seed: "key", paths: 64, workers: 0 });
  const rows = keyOutcomes(summary);
  const last = summary.grid.length - 1;
  const series = (metric: string) => summary.series.find((s) => s.field.entity === "network" && s.field.metric === metric)!.stats;
  const scalar = (metric: string) => summary.scalars.find((s) => s.field.entity === "network" && s.field.metric === metric)!.stats;

  it("reads series at the last grid date and scalars as summarised", () => {
    const hashrate = rows.find((r) => r.label.startsWith("network hashrate at the end"))!;
    const lastGridDate = new Date(plan.grid[plan.grid.length - 1]! * 1000).toISOString().slice(0, 10);
    expect(hashrate.label).toContain(`(${lastGridDate})`);
    expect([hashrate.p05, hashrate.p50, hashrate.p95]).toEqual([series("hashrate").p05[last], series("hashrate").p50[last], series("hashrate").p95[last]]);
    expect(hashrate.unit).toBe("EH/s");
    const hp = rows.find((r) => r.label === "lowest hashprice")!;
    expect([hp.p05, hp.p50, hp.p95]).toEqual([scalar("minHashprice").p05, scalar("minHashprice").p50, scalar("minHashprice").p95]);
    const dd = rows.find((r) => r.label === "peak-to-trough hashrate drawdown")!;
    expect(dd.unit).toBe("%");
    expect(dd.p50).toBeCloseTo(100 * scalar("hashrateDrawdown").p50, 12);
  });

  it("leaves out rows the run has no data for; a run without named miners has 0 MW in AI", () => {
    const ai = rows.find((r) => r.label.startsWith("named miners"))!;
    expect([ai.p05, ai.p50, ai.p95]).toEqual([0, 0, 0]);
    expect(scalar("halvingDate").count).toBe(0);
    expect(rows.some((r) => r.label === "halving date")).toBe(false);
  });

  it("formats one aligned line per row under a header", () => {
    const lines = formatKeyOutcomes(rows).split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toMatch(/^key outcome\s+median\s+90% band \(p05 – p95\)\s+unit$/);
    const medianEnd = lines[0]!.indexOf("median") + "median".length;
    for (const line of lines.slice(1)) expect(line.slice(medianEnd - 1, medianEnd)).toMatch(/\S/); // medians right-aligned under the header
  });
});
