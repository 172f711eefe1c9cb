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
 * not the last bits of libm functions across Node versions. On a mismatch the new output
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
import { csvLine, parseCsv } from "../../src/results/index.js";
import { tempRoot } from "../api/helpers.js";

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
  const run = await runScenario(SCENARIO, { out: join(root, c.name), workers: 0 });

  it("ran the golden scenario as written", () => {
    expect(run.manifest.seed).toBe(c.seed);
    expect(run.manifest.paths).toBe(c.paths);
    expect(run.manifest.engine).toBe("fast");
    expect(run.manifest.model.module).toBe("dist/model/path/index.js");
    expect(run.manifest.scenario.files.map((f) => f.path)).toEqual([SCENARIO]);
    const minerEntities = new Set(run.layout.scalars.filter((f) => f.entity !== "network").map((f) => f.entity));
    expect(minerEntities.size).toBe(c.miners ? 10 : 0);
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
