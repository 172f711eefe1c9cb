/**
 * Checkpoint and resume of a run into a folder (src/api/run-plan.ts): a run killed with
 * SIGKILL after its first checkpoint leaves no result folder, only `<out>.partial/`;
 * resuming it (with another worker count) gives data files byte-identical to an
 * uninterrupted run's, and removes the checkpoint. An existing checkpoint without resume
 * is refused; with force it is discarded.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { partialDirOf, runPlan } from "../../src/api/index.js";
import { CHECKPOINT_FILE } from "../../src/montecarlo/index.js";
import { ResultError } from "../../src/results/index.js";
import { dataFiles, driftInput, entries, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-resume-");
afterAll(cleanup);

const plan = { drift: -0.0002, gridLength: 16, maxEpochs: 3 };
const input = driftInput(plan, "kill me", 1280);

describe("a killed run resumes to the identical folder", async () => {
  const reference = await runPlan(input, { out: join(root, "reference"), workers: 0 });
  const refFiles = dataFiles(reference.out);

  it("SIGKILL after the first checkpoint, then resume: identical data files", async () => {
    const out = join(root, "killed");
    const partial = partialDirOf(out);
    const script = fileURLToPath(new URL("./fixtures/kill-run.mjs", import.meta.url));
    // The child spins 2 ms per path (DRIFT_SPIN_MICROS leaves the plan and its hash alone):
    // ~0.13 s per batch of 64 paths, ~2.6 s for the run; it is killed at its first checkpoint.
    const { model: _model, ...plain } = input;
    const child = spawn(process.execPath, [script, out, JSON.stringify(plain), JSON.stringify({ workers: 1, batchPaths: 64 })], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DRIFT_SPIN_MICROS: "2000" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    const checkpoint = join(partial, CHECKPOINT_FILE);
    const deadline = Date.now() + 20_000;
    while (!existsSync(checkpoint) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toContain("finished");
    expect(existsSync(out)).toBe(false);
    expect(existsSync(checkpoint)).toBe(true);

    // Without resume the checkpoint is refused, naming the remedy.
    let refused: unknown = null;
    try {
      await runPlan(input, { out, workers: 0 });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ResultError);
    expect((refused as ResultError).code).toBe("EXISTS");
    expect((refused as Error).message).toMatch(/--resume/);

    const resumed = await runPlan(input, { out, workers: 2, resume: true });
    expect(resumed.resumedPaths).toBeGreaterThan(0);
    expect(resumed.resumedPaths).toBeLessThan(input.paths);
    expect(resumed.pathsRun).toBe(input.paths - resumed.resumedPaths);
    expect(resumed.manifest.resumedPaths).toBe(resumed.resumedPaths);
    expect(dataFiles(out)).toEqual(refFiles);
    expect(resumed.manifest.files).toEqual(reference.manifest.files);
    expect(existsSync(partial)).toBe(false);
    // Nothing else beside the folders: no temporary folders left.
    expect(entries(root)).toEqual(["killed", "reference"]);
  }, 30_000);

  it("force discards a stale checkpoint and starts over", async () => {
    const out = join(root, "stale");
    const controller = new AbortController();
    await expect(
      runPlan(input, {
        out,
        workers: 0,
        batchPaths: 64,
        checkpointEveryBatches: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 256) controller.abort();
        },
      }),
    ).rejects.toThrow(/aborted/);
    expect(existsSync(join(partialDirOf(out), CHECKPOINT_FILE))).toBe(true);
    expect(existsSync(out)).toBe(false);
    const fresh = await runPlan(input, { out, workers: 0, force: true });
    expect(fresh.resumedPaths).toBe(0);
    expect(dataFiles(out)).toEqual(refFiles);
    expect(existsSync(partialDirOf(out))).toBe(false);
  });
});
