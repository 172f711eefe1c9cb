/**
 * The command functions of src/cli/commands (run, merge, compare, replay, sweep) on the
 * program of src/cli/program.ts, as main() runs them: exit code 0 on success, 2 for bad
 * input (an existing folder without --force, bad options, runs that cannot be paired),
 * outputs on stdout. Uses the golden scenario (full model, network only, short horizon).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { registerCompare } from "../../src/cli/commands/compare.js";
import { registerMerge } from "../../src/cli/commands/merge.js";
import { registerReplay } from "../../src/cli/commands/replay.js";
import { registerRun } from "../../src/cli/commands/run.js";
import { registerSweep } from "../../src/cli/commands/sweep.js";
import { buildProgram } from "../../src/cli/program.js";
import { isScenarioError } from "../../src/scenario/errors.js";
import { RECORD_COLUMNS, parseCsv, readRunFolder } from "../../src/results/index.js";
import { dataFiles, tempRoot } from "./helpers.js";

const SCENARIO = fileURLToPath(new URL("../results/fixtures/golden-scenario.yaml", import.meta.url));
const { root, cleanup } = tempRoot("api-cli-");
afterAll(cleanup);

/** Runs the CLI on args in process, like main(): exit code and captured output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = buildProgram();
  // Register the commands unless program.ts already does (once the lead wires them).
  for (const register of [registerRun, registerSweep, registerCompare, registerMerge, registerReplay]) {
    if (!program.commands.some((c) => c.name() === register.name.replace("register", "").toLowerCase())) register(program);
  }
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  let code = 0;
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else if (isScenarioError(e)) code = 2;
    else {
      code = 1;
      stderr += `exodus: ${(e as Error).message}\n`;
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}

describe("exodus run / merge / compare / replay", () => {
  const whole = join(root, "whole");

  it("run writes the folder, prints it and the events; again without --force is exit 2", async () => {
    const r = await cli(["run", SCENARIO, "--out", whole, "--paths", "128", "--workers", "0", "--keep-scalars"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('seed "golden-2026", 128 paths');
    expect(r.stdout).toContain(`wrote ${whole}`);
    expect(r.stdout).toMatch(/P\(hashrate drawdown > 20%\) = 0\.\d{4}/);
    expect(existsSync(join(whole, "scalars.bin"))).toBe(true);
    const again = await cli(["run", SCENARIO, "--out", whole, "--paths", "128", "--workers", "0"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect((await cli(["run", SCENARIO, "--paths", "many"])).code).toBe(2);
    expect((await cli(["run", SCENARIO, "--shard", "3/2", "--out", join(root, "bad")])).code).toBe(2);
    const noVariant = await cli(["run", SCENARIO, "--variant", "nope", "--out", join(root, "bad")]);
    expect(noVariant.code).toBe(2);
    expect(noVariant.stderr).toMatch(/no variant nope; it has base/);
  });

  it("run --json prints the scalar summary (as summary.json), the key outcomes and the events", async () => {
    const dir = join(root, "json");
    const r = await cli(["run", SCENARIO, "--out", dir, "--paths", "64", "--workers", "0", "--json", "--no-report"]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { scalars: Array<Record<string, unknown>>; keyOutcomes: Array<{ label: string; p50: number | null }>; events: unknown[] };
    const file = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as { scalars: Array<Record<string, unknown>>; events: unknown[] };
    expect(printed.scalars.length).toBe(file.scalars.length);
    for (const [i, s] of printed.scalars.entries()) {
      for (const key of ["entity", "metric", "count", "mean", "p50", "p95"]) expect(s[key]).toEqual(file.scalars[i]![key]);
    }
    expect(printed.events.length).toBe(file.events.length);
    expect(printed.keyOutcomes.some((k) => k.label.startsWith("network hashrate at the end") && typeof k.p50 === "number")).toBe(true);
    expect(existsSync(join(dir, "report.html"))).toBe(false);
  });

  it("run --shard i/2 twice, then merge: the whole run's data files", async () => {
    const shards = [1, 2].map((i) => join(root, `shard${i}`));
    for (const [i, dir] of shards.entries()) {
      const r = await cli(["run", SCENARIO, "--out", dir, "--paths", "128", "--workers", "0", "--shard", `${i + 1}/2`, "--json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).kind).toBe("shard");
    }
    const merged = join(root, "merged");
    const m = await cli(["merge", ...shards, "--out", merged, "--quiet"]);
    expect(m.code).toBe(0);
    expect(dataFiles(merged)).toEqual(dataFiles(whole));
    expect((await cli(["merge", shards[0]!, "--out", join(root, "half")])).code).toBe(2);
  });

  it("compare: a table and compare.csv; runs of another seed are refused (exit 2)", async () => {
    const other = join(root, "other");
    expect((await cli(["run", SCENARIO, "--out", other, "--paths", "128", "--workers", "0", "--engine", "fast", "--quiet"])).code).toBe(0);
    const csv = join(root, "compare.csv");
    const r = await cli(["compare", whole, other, "--csv", csv, "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("network.hashrateDrawdown");
    expect(r.stderr).toContain("has no scalars.bin");
    // Same scenario, seed and paths: every difference is exactly 0 (or undefined: a scalar
    // that is NaN on every path, like a second halving beyond the horizon, has no pairs).
    const rows = parseCsv(readFileSync(csv, "utf8")).slice(1);
    expect(rows.filter((row) => row[5] !== "0").length).toBeGreaterThan(5);
    for (const row of rows) expect([row[5], row[9]]).toEqual(row[5] === "0" ? ["0", ""] : [row[5], "0"]);
    const seeded = join(root, "seeded");
    expect((await cli(["run", SCENARIO, "--out", seeded, "--paths", "128", "--workers", "0", "--seed", "42", "--quiet"])).code).toBe(0);
    expect((await readRunFolder(seeded)).manifest.seed).toBe(42);
    const refused = await cli(["compare", whole, seeded, "--csv", join(root, "c2.csv")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/seeds "golden-2026" and 42/);
  });

  it("replay prints one path's record, matching the run's scalars.bin", async () => {
    const r = await cli(["replay", whole, "5"]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual([...RECORD_COLUMNS]);
    const run = await readRunFolder(whole);
    expect(rows.filter((row) => row[0] === "scalar").map((row) => row[4])).toEqual(run.layout.scalars.map((f) => f.metric));
    const trace = await cli(["replay", whole, "5", "--trace", "--no-engine-trace"]);
    expect(trace.code).toBe(0);
    expect(trace.stdout).toMatch(/# replay model path: seed golden-2026 path 5/);
    expect(trace.stdout).toMatch(/DAILY/);
    expect((await cli(["replay", whole, "128"])).code).toBe(2);
  });

  it("sweep on a file without a sweep runs its one variant, base", async () => {
    const out = join(root, "sweep");
    const r = await cli(["sweep", SCENARIO, "--out", out, "--paths", "64", "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, "base", "manifest.json"))).toBe(true);
    const table = parseCsv(readFileSync(join(out, "sweep.csv"), "utf8"));
    expect(table[0]!.slice(0, 5)).toEqual(["variant", "seed", "network.hashrateDrawdown:p05", "network.hashrateDrawdown:p50", "network.hashrateDrawdown:p95"]);
    expect(table[1]!.slice(0, 2)).toEqual(["base", "golden-2026"]);
  });
});
