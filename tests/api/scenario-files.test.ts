/**
 * Scenario files through the API (src/api/scenario-input.ts, run-scenario.ts, sweep.ts):
 * the manifest records the scenario file and the file it extends, and the data file it
 * read, each with its SHA-256; runSweep runs every variant of a real sweep block and
 * sweep.csv names the swept key and the full model's outcome scalars.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runScenario, runSweep, scenarioInputs } from "../../src/api/index.js";
import { parseCsv, readRunFolder } from "../../src/results/index.js";
import { tempRoot } from "./helpers.js";

const SWEEP = fileURLToPath(new URL("./fixtures/bootstrap-sweep.yaml", import.meta.url));
const GOLDEN = fileURLToPath(new URL("../results/fixtures/golden-scenario.yaml", import.meta.url));
const DATA = fileURLToPath(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url));
const { root, cleanup } = tempRoot("api-scenario-");
afterAll(cleanup);

const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("scenario files", () => {
  it("records the scenario files and the data file with their SHA-256", async () => {
    const run = await runScenario(SWEEP, { out: join(root, "base"), workers: 0, paths: 64 });
    expect(run.variantsInFile).toBe(2);
    expect(run.variant).toBe("base");
    const m = run.manifest;
    expect(m.scenario.name).toBe("bootstrap-sweep");
    expect(m.scenario.files).toEqual([
      { path: SWEEP, sha256: sha(SWEEP) },
      { path: GOLDEN, sha256: sha(GOLDEN) },
    ]);
    expect(m.dataFiles).toEqual([{ path: DATA, sha256: sha(DATA) }]);
    expect(m.seed).toBe("golden-2026");
  });

  it("runSweep runs every variant; sweep.csv has the swept key and the outcome scalars", async () => {
    const inputs = scenarioInputs(SWEEP);
    expect(inputs.sweepKeys).toEqual(["market.price.blockDays"]);
    const sweep = await runSweep(SWEEP, { out: join(root, "sweep"), workers: 1 });
    expect(sweep.variants.map((v) => v.variant)).toEqual(inputs.variants.map((v) => v.variant));
    const rows = parseCsv(readFileSync(join(sweep.out, "sweep.csv"), "utf8"));
    expect(rows[0]!.slice(0, 6)).toEqual(["variant", "seed", "market.price.blockDays", "network.hashrateDrawdown:p05", "network.hashrateDrawdown:p50", "network.hashrateDrawdown:p95"]);
    expect(rows[0]).toContain("network.longestEpoch:p95");
    expect(rows[0]).toContain("P(hashrate drawdown > 20%)");
    expect(rows.slice(1).map((r) => r.slice(1, 3))).toEqual([
      ["golden-2026", "10"],
      ["golden-2026", "60"],
    ]);
    // Each variant's folder is a run of its own plan.
    const [a, b] = await Promise.all(sweep.variants.map((v) => readRunFolder(v.dir)));
    expect(a!.manifest.scenario.sha256).not.toBe(b!.manifest.scenario.sha256);
    expect(a!.manifest.seed).toBe(b!.manifest.seed);
  });
});
