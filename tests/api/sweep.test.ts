/**
 * Sweeps into one folder (src/api/sweep.ts, src/results/sweep-csv.ts): one run folder per
 * variant, identical to the variant run alone; sweep.csv with the swept values and the
 * outcome quantiles of each variant's summary; an interrupted sweep resumes, keeping the
 * finished variants, to the same files.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { partialDirOf, runPlan, runSweepInput, type SweepInput } from "../../src/api/index.js";
import { ResultError, formatNumber, parseCsv, readRunFolder } from "../../src/results/index.js";
import { dataFiles, driftInput, entries, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-sweep-");
afterAll(cleanup);

const drifts = [-0.01, 0, 0.01];
const input: SweepInput = {
  name: "drift sweep",
  keys: ["drift"],
  variants: drifts.map((drift) => ({
    ...driftInput({ drift, gridLength: 5 }, 11, 256),
    variant: `drift=${drift}`,
    overrides: { drift },
  })),
};

describe("runSweepInput", async () => {
  const sweep = await runSweepInput(input, { out: join(root, "sweep"), workers: 1 });

  it("writes one run folder per variant, identical to the variant run alone", async () => {
    expect(entries(sweep.out)).toEqual(["drift=-0.01", "drift=0", "drift=0.01", "sweep.csv", "sweep.json"]);
    const alone = await runPlan(input.variants[1]!, { out: join(root, "alone"), workers: 0 });
    expect(dataFiles(join(sweep.out, "drift=0"))).toEqual(dataFiles(alone.out));
    expect(existsSync(partialDirOf(sweep.out))).toBe(false);
  });

  it("sweep.csv: swept values and each variant's outcome quantiles", async () => {
    const rows = parseCsv(readFileSync(join(sweep.out, "sweep.csv"), "utf8"));
    // The drift model has none of the full model's outcome scalars: its first four are used.
    expect(rows[0]).toEqual([
      "variant",
      "seed",
      "drift",
      ...["final", "min", "crossDate", "steps"].flatMap((m) => [`walk.${m}:p05`, `walk.${m}:p50`, `walk.${m}:p95`]),
      "P(final above 100)",
      "P(crossed 105)",
    ]);
    expect(rows.length).toBe(4);
    for (let v = 0; v < 3; v++) {
      const row = rows[v + 1]!;
      const run = await readRunFolder(join(sweep.out, row[0]!));
      expect(row.slice(0, 3)).toEqual([`drift=${drifts[v]}`, "11", String(drifts[v])]);
      const expected = run.summary.scalars.flatMap((s) => [s.p05, s.p50, s.p95].map(formatNumber));
      expect(row.slice(3, 15)).toEqual(expected);
      expect(row.slice(15)).toEqual(run.summary.events.map((e) => formatNumber(e.probability)));
    }
    // More drift, higher median final level.
    const medians = rows.slice(1).map((r) => Number(r[4]));
    expect(medians[0]!).toBeLessThan(medians[1]!);
    expect(medians[1]!).toBeLessThan(medians[2]!);
    const json = JSON.parse(readFileSync(join(sweep.out, "sweep.json"), "utf8"));
    expect(json.variants.map((v: { overrides: unknown }) => v.overrides)).toEqual(drifts.map((drift) => ({ drift })));
  });

  it("resumes an interrupted sweep to the same files, keeping finished variants", async () => {
    const out = join(root, "interrupted");
    const controller = new AbortController();
    await expect(
      runSweepInput(input, {
        out,
        workers: 0,
        checkpointEverySeconds: 0,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.variant === "drift=0" && p.done >= 128) controller.abort();
        },
      }),
    ).rejects.toThrow(/aborted/);
    expect(existsSync(out)).toBe(false);
    expect(entries(partialDirOf(out))).toEqual(["drift=-0.01", "drift=0.partial"]);
    await expect(runSweepInput(input, { out, workers: 0 })).rejects.toBeInstanceOf(ResultError);
    const resumed = await runSweepInput(input, { out, workers: 2, resume: true });
    expect(resumed.variants.map((v) => v.reused)).toEqual([true, false, false]);
    expect(readFileSync(join(out, "sweep.csv"), "utf8")).toBe(readFileSync(join(sweep.out, "sweep.csv"), "utf8"));
    for (const v of input.variants) expect(dataFiles(join(out, v.variant))).toEqual(dataFiles(join(sweep.out, v.variant)));
  });
});
