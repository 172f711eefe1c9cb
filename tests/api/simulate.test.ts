/**
 * `simulate` (src/api/simulate.ts): a run in memory gives the same summary — hence the
 * same data files — as the same run written to a folder, for a plan and for a scenario
 * file (its seed and paths, or overrides); bad option combinations are refused.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPlan, runScenario, simulate } from "../../src/api/index.js";
import { ResultError, summaryFiles } from "../../src/results/index.js";
import { DRIFT_URL, dataFiles, driftInput, tempRoot } from "./helpers.js";

const SCENARIO = fileURLToPath(new URL("../results/fixtures/golden-scenario.yaml", import.meta.url));
const SUMMARY_FILES = ["series.csv", "epochs.csv", "summary.csv", "events.csv", "summary.json"];
const { root, cleanup } = tempRoot("api-simulate-");
afterAll(cleanup);

function filesOf(summary: Parameters<typeof summaryFiles>[0]): Record<string, string> {
  return Object.fromEntries([...summaryFiles(summary)].map(([k, v]) => [k, Buffer.from(v).toString("latin1")]));
}

describe("simulate", () => {
  it("a plan in memory: the summary of the same run written to a folder", async () => {
    const plan = { drift: 0.001, gridLength: 6 };
    const sim = await simulate({ plan, model: DRIFT_URL, seed: "mem", paths: 333, workers: 2 });
    expect(sim.seed).toBe("mem");
    expect(sim.layout.scalars.length).toBe(4);
    const run = await runPlan(driftInput(plan, "mem", 333), { out: join(root, "plan"), workers: 0 });
    expect(filesOf(sim.summary)).toEqual(dataFiles(run.out, SUMMARY_FILES));
  });

  it("a scenario file: its seed, overridden paths, same summary as runScenario", async () => {
    const sim = await simulate({ scenarioFile: SCENARIO, paths: 64, workers: 0 });
    expect([sim.seed, sim.paths]).toEqual(["golden-2026", 64]);
    const run = await runScenario(SCENARIO, { out: join(root, "scenario"), paths: 64, workers: 0 });
    expect(filesOf(sim.summary)).toEqual(dataFiles(run.out, SUMMARY_FILES));
  });

  it("refuses both or neither of plan and scenarioFile, an engine for a plan, an unknown variant", async () => {
    const code = async (p: Promise<unknown>) => p.then(() => "resolved", (e: unknown) => (e instanceof ResultError ? e.code : String(e)));
    expect(await code(simulate({ workers: 0 }))).toBe("BAD_OPTIONS");
    expect(await code(simulate({ plan: {}, scenarioFile: SCENARIO, workers: 0 }))).toBe("BAD_OPTIONS");
    expect(await code(simulate({ plan: {}, engine: "reference", model: DRIFT_URL, workers: 0 }))).toBe("BAD_OPTIONS");
    expect(await code(simulate({ scenarioFile: SCENARIO, variant: "nope", workers: 0 }))).toBe("BAD_OPTIONS");
  });
});
