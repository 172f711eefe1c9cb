/**
 * The data files of a summary (src/results/summary-files.ts): every row and number of
 * series.csv, epochs.csv, summary.csv and events.csv is the summary's value under the
 * documented formatting, in the documented order; summary.json holds the exact numbers
 * (null for NaN); identical summaries give identical bytes; the reader gets the rows back.
 */
import { describe, expect, it } from "vitest";
import { runMonteCarlo } from "../../src/montecarlo/index.js";
import {
  EPOCHS_COLUMNS,
  EVENTS_COLUMNS,
  SERIES_COLUMNS,
  SUMMARY_COLUMNS,
  formatNumber,
  gridLabels,
  parseCsv,
  summaryFiles,
  summaryJsonOf,
} from "../../src/results/index.js";
import { DRIFT_URL } from "../api/helpers.js";

const Q = ["p05", "p25", "p50", "p75", "p95"] as const;

describe("summary files", async () => {
  const run = await runMonteCarlo({ model: DRIFT_URL, plan: { drift: 0.001, gridLength: 7, maxEpochs: 4 }, seed: 5, paths: 300, workers: 0 });
  const summary = run.summary!;
  const files = summaryFiles(summary);

  it("series.csv: one row per date and series field, every statistic formatted", () => {
    const rows = parseCsv(files.get("series.csv")!);
    expect(rows[0]).toEqual([...SERIES_COLUMNS]);
    const labels = gridLabels(summary.grid);
    expect(rows.length).toBe(1 + labels.length * summary.series.length);
    let r = 1;
    for (let g = 0; g < labels.length; g++) {
      for (const { field, stats } of summary.series) {
        expect(rows[r++]).toEqual([labels[g], field.entity, field.metric, field.unit, formatNumber(stats.count[g]!), formatNumber(stats.mean[g]!), ...Q.map((q) => formatNumber(stats[q][g]!))]);
      }
    }
    // A unit with a comma is quoted.
    expect(files.get("series.csv")!.split("\n")[1]).toContain('"index, base 100"');
  });

  it("epochs.csv: every epoch slot, with count 0 and empty statistics where no path reached it", () => {
    const rows = parseCsv(files.get("epochs.csv")!);
    expect(rows[0]).toEqual([...EPOCHS_COLUMNS]);
    expect(rows.length).toBe(1 + 4);
    expect(rows.map((r) => r[0])).toEqual(["epoch", "0", "1", "2", "3"]);
    const stats = summary.epochs[0]!.stats;
    for (let k = 0; k < 4; k++) expect(rows[k + 1]!.slice(4)).toEqual([formatNumber(stats.count[k]!), formatNumber(stats.mean[k]!), ...Q.map((q) => formatNumber(stats[q][k]!))]);
    // The drift model writes 2–3 epochs: slot 3 is never reached.
    expect(rows[4]!.slice(4)).toEqual(["0", "", "", "", "", "", ""]);
  });

  it("summary.csv and events.csv: every scalar and event", () => {
    const rows = parseCsv(files.get("summary.csv")!);
    expect(rows[0]).toEqual([...SUMMARY_COLUMNS]);
    summary.scalars.forEach(({ field, stats }, i) => {
      expect(rows[i + 1]).toEqual([
        field.entity,
        field.metric,
        field.unit,
        ...[stats.count, stats.mean, stats.sd, stats.min, stats.p05, stats.p25, stats.p50, stats.p75, stats.p95, stats.max].map(formatNumber),
      ]);
    });
    const events = parseCsv(files.get("events.csv")!);
    expect(events[0]).toEqual([...EVENTS_COLUMNS]);
    expect(events[1]).toEqual(["final above 100", "walk", "final", ">", "100", formatNumber(summary.events[0]!.count), formatNumber(summary.events[0]!.probability)]);
    expect(events[2]!.slice(3, 5)).toEqual(["isFinite", ""]);
  });

  it("summary.json: exact numbers, null for NaN", () => {
    const json = JSON.parse(files.get("summary.json")!);
    expect(json.schema).toBe("hashrate-exodus/summary");
    expect(json.paths).toBe(300);
    expect(json.planHash).toBe(summary.planHash);
    const cross = json.scalars[2];
    expect(cross.metric).toBe("crossDate");
    expect(cross.count).toBeLessThan(300);
    expect(json.scalars[0].mean).toBe(summary.scalars[0]!.stats.mean);
    expect(json.scalars[0].sd).toBe(summary.scalars[0]!.stats.sd);
    expect(summaryJsonOf(summary).events[1]).toEqual({ name: "crossed 105", entity: "walk", metric: "crossDate", op: "isFinite", count: summary.events[1]!.count, probability: summary.events[1]!.probability });
  });

  it("gives identical bytes for an identical summary (another worker count)", async () => {
    const again = await runMonteCarlo({ model: DRIFT_URL, plan: { drift: 0.001, gridLength: 7, maxEpochs: 4 }, seed: 5, paths: 300, workers: 2, batchPaths: 64 });
    expect(summaryFiles(again.summary!)).toEqual(files);
  });
});
