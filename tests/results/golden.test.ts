/**
 * Golden files of whole seeded runs of the full model, run through the library API like
 * `exodus run`: tests/results/fixtures/golden-scenario.yaml (network only, default
 * calibration, 2026-03-01 to 2026-09-30, weekly grid, 192 paths, seed "golden-2026"; files
 * in golden/network/) and golden-miners.yaml (all ten named miners, 2026-03-01 to
 * 2027-02-28, 28-day grid, 96 paths; golden/miners/). Seeded and offline; no randomness
 * beyond the seed.
 *
 * Numbers are rounded to 6 significant digits before comparing (the files hold 10), so
 * the test catches any change of the model, the Monte Carlo machinery or the formats, but
 * not the last bits of libm functions across Node versions. The runs also keep scalars.bin,
 * to check the integer fields' quantiles (FieldSpec.integer) against the exact paths.
 * On a mismatch the new output
 * is written beside the golden file as `<name>-changed` (diff the two to review the
 * change) and the test fails. After an intended change, regenerate the golden files:
 *
 *     UPDATE_GOLDEN=1 npx vitest run tests/results/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/api/index.js";
import { QUANTILE_LEVELS } from "../../src/montecarlo/index.js";
import { csvLine, parseCsv, readRunFolder, readScalarsFile } from "../../src/results/index.js";
import { tempRoot } from "../api/helpers.js";
import { type7 } from "../montecarlo/helpers.js";

/** Golden runs: the network only, and all ten named miners (their folders under golden/). */
const CASES = [
  { name: "network", scenario: "golden-scenario.yaml", seed: "golden-2026", paths: 192, miners: false },
  { name: "miners", scenario: "golden-miners.yaml", seed: "golden-miners-2026", paths: 96, miners: true },
] as const;
const FILES = ["series.csv", "epochs.csv", "summary.csv", "events.csv"] as const;
const DIGITS = 6;
const update = process.env["UPDATE_GOLDEN"] === "1";

const { root, cleanup } = tempRoot("results-golden-");
afterAll(cleanup);

/** The CSV with every numeric field (below the header) rounded to DIGITS significant digits. */
function rounded(text: string): string {
  const rows = parseCsv(text);
  return rows
    .map((row, i) =>
      csvLine(
        i === 0
          ? row
          : row.map((f) => {
              if (f === "" || !/^-?(\d|\.\d)/.test(f) || /^\d{4}-\d\d-\d\d/.test(f)) return f;
              const x = Number(f);
              return Number.isFinite(x) ? String(Number(x.toPrecision(DIGITS))) : f;
            }),
      ),
    )
    .join("");
}

describe.each(CASES)("golden files of a seeded full-model run: $name", async (c) => {
  const SCENARIO = fileURLToPath(new URL(`./fixtures/${c.scenario}`, import.meta.url));
  const GOLDEN_DIR = fileURLToPath(new URL(`./golden/${c.name}/`, import.meta.url));
  const run = await runScenario(SCENARIO, { out: join(root, c.name), workers: 0, keepScalars: true });

  it("ran the golden scenario as written", () => {
    expect(run.manifest.seed).toBe(c.seed);
    expect(run.manifest.paths).toBe(c.paths);
    expect(run.manifest.engine).toBe("fast");
    expect(run.manifest.model.module).toBe("dist/model/path/index.js");
    expect(run.manifest.scenario.files.map((f) => f.path)).toEqual([SCENARIO]);
    const minerEntities = new Set(run.layout.scalars.filter((f) => f.entity !== "network").map((f) => f.entity));
    expect(minerEntities.size).toBe(c.miners ? 10 : 0);
  });

  it("reports the integer fields' quantiles as the exact ones rounded, in every file", async () => {
    const integer = run.layout.scalars.filter((f) => f.integer === true).map((f) => `${f.entity}.${f.metric}`);
    expect(integer).toEqual(["network.negativeAdjustments", "network.stalled", "network.epochsCompleted"]);
    expect([...run.layout.series, ...run.layout.epochFields].filter((f) => f.integer === true)).toEqual([]);
    const folder = await readRunFolder(run.out);
    const table = await readScalarsFile(run.out, folder.manifest);
    const C = table.header.scalars.length;
    const csv = parseCsv(readFileSync(join(run.out, "summary.csv"), "utf8"));
    const keys = ["p05", "p25", "p50", "p75", "p95"] as const;
    for (const name of integer) {
      const at = table.header.scalars.indexOf(name);
      expect(at).toBeGreaterThanOrEqual(0);
      const values = Float64Array.from({ length: c.paths }, (_, i) => table.values[i * C + at]!).sort();
      expect(values.every((x) => Number.isInteger(x))).toBe(true);
      // Counts below ~99: the sketch's order statistics round to the exact ones.
      expect(values[values.length - 1]).toBeLessThan(99);
      const stats = run.summary!.scalars.find((s) => `${s.field.entity}.${s.field.metric}` === name)!.stats;
      const json = folder.summary.scalars.find((s) => `${s.entity}.${s.metric}` === name)!;
      const row = csv.find((r) => `${r[0]}.${r[1]}` === name)!;
      QUANTILE_LEVELS.forEach((q, l) => {
        const k = keys[l]!;
        expect(stats[k], `${name} ${k}`).toBe(Math.round(type7(values, q).value));
        expect(json[k], `${name} ${k} in summary.json`).toBe(stats[k]);
        expect(row[csv[0]!.indexOf(k)], `${name} ${k} in summary.csv`).toBe(String(stats[k]));
      });
    }
  });

  it.each(FILES)("%s matches its golden file (6 significant digits)", (name) => {
    const actual = rounded(readFileSync(join(run.out, name), "utf8"));
    const golden = join(GOLDEN_DIR, name);
    const changed = `${golden}-changed`;
    if (update) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, actual);
      rmSync(changed, { force: true });
      return;
    }
    const expected = existsSync(golden) ? readFileSync(golden, "utf8") : null;
    if (expected !== actual) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(changed, actual);
    } else {
      rmSync(changed, { force: true });
    }
    expect(expected, `${name} differs from its golden file: see ${changed}; if the change is intended, run UPDATE_GOLDEN=1 npx vitest run tests/results/golden.test.ts`).toBe(actual);
  });
});
