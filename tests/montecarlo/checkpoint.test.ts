/**
 * Checkpoint and resume (src/montecarlo/checkpoint.ts, runner.ts): a run stopped after k
 * batches — by an abort, or by SIGKILL of its process — resumes (with another worker count
 * and batch size) and ends with exactly the uninterrupted result; checkpoints of another
 * run, damaged checkpoints and an existing checkpoint without `resume` are refused.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { Aggregate } from "../../src/montecarlo/aggregate.js";
import { CHECKPOINT_FILE, readAggregateFile } from "../../src/montecarlo/checkpoint.js";
import { CheckpointError, MonteCarloError } from "../../src/montecarlo/errors.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { aggregateFingerprint, summaryFingerprint, TOY_URL } from "./helpers.js";

const plan = { gridLength: 20, maxEpochs: 4 };
const base = { model: TOY_URL, plan, seed: "resume-me", paths: 1200 } as const;
const root = mkdtempSync(join(tmpdir(), "mc-checkpoint-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("checkpoint and resume", async () => {
  const reference = await runMonteCarlo({ ...base, workers: 0, batchPaths: 320 });
  const refSummary = summaryFingerprint(reference.summary!);
  const refAggregate = aggregateFingerprint(reference.aggregate);

  it("resumes an aborted run from its checkpoint to the identical result", async () => {
    const dir = join(root, "aborted");
    const controller = new AbortController();
    const stopped = await rejection(
      runMonteCarlo({
        ...base,
        workers: 2,
        batchPaths: 64,
        checkpoint: { dir, everyBatches: 1 },
        signal: controller.signal,
        onProgress: (p) => {
          if (p.batchesDone === 5) controller.abort();
        },
      }),
    );
    expect(stopped).toBeInstanceOf(MonteCarloError);
    expect((stopped as MonteCarloError).code).toBe("ABORTED");
    const saved = Aggregate.fromParts((await readAggregateFile(join(dir, CHECKPOINT_FILE))).parts);
    expect(saved.pathsCovered()).toBeGreaterThanOrEqual(5 * 64);
    expect(saved.pathsCovered()).toBeLessThan(base.paths);
    const resumed = await runMonteCarlo({ ...base, workers: 1, batchPaths: 192, checkpoint: { dir, resume: true } });
    expect(resumed.timing.resumedPaths).toBe(saved.pathsCovered());
    expect(resumed.timing.pathsRun).toBe(base.paths - saved.pathsCovered());
    expect(summaryFingerprint(resumed.summary!)).toBe(refSummary);
    expect(aggregateFingerprint(resumed.aggregate)).toBe(refAggregate);
  }, 30_000);

  it("resumes a run killed with SIGKILL (no final save) to the identical result", async () => {
    const dir = join(root, "killed");
    const script = fileURLToPath(new URL("./fixtures/kill-run.mjs", import.meta.url));
    // The child spins 3 ms per path (TOY_SPIN_MICROS: same plan, same draws): ~0.2 s per
    // batch, ~3.6 s for the whole run; we kill it at its first checkpoint.
    const options = { plan, seed: base.seed, paths: base.paths, workers: 1, batchPaths: 64 };
    const child = spawn(process.execPath, [script, dir, JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TOY_SPIN_MICROS: "3000" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    const file = join(dir, CHECKPOINT_FILE);
    const deadline = Date.now() + 20_000;
    while (!existsSync(file) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toContain("finished");
    const saved = Aggregate.fromParts((await readAggregateFile(file)).parts);
    expect(saved.pathsCovered()).toBeGreaterThan(0);
    expect(saved.pathsCovered()).toBeLessThan(base.paths);
    const resumed = await runMonteCarlo({ ...base, workers: 0, batchPaths: 320, checkpoint: { dir, resume: true } });
    expect(resumed.timing.resumedPaths).toBe(saved.pathsCovered());
    expect(summaryFingerprint(resumed.summary!)).toBe(refSummary);
    expect(aggregateFingerprint(resumed.aggregate)).toBe(refAggregate);
  }, 40_000);

  it("refuses an existing checkpoint without resume, another run's checkpoint and a damaged one", async () => {
    const dir = join(root, "refusals");
    await runMonteCarlo({ ...base, workers: 0, batchPaths: 320, checkpoint: { dir } });
    const code = async (p: Promise<unknown>): Promise<string> => {
      const err = await rejection(p);
      if (err instanceof CheckpointError) return err.code;
      throw err;
    };
    expect(await code(runMonteCarlo({ ...base, workers: 0, checkpoint: { dir } }))).toBe("EXISTS");
    expect(await code(runMonteCarlo({ ...base, workers: 0, seed: "other", checkpoint: { dir, resume: true } }))).toBe("MISMATCH");
    expect(await code(runMonteCarlo({ ...base, workers: 0, paths: 1000, checkpoint: { dir, resume: true } }))).toBe("MISMATCH");
    expect(await code(runMonteCarlo({ ...base, workers: 0, shard: "1/2", checkpoint: { dir, resume: true } }))).toBe("MISMATCH");
    // A completed checkpoint resumes to the same result without running anything.
    const again = await runMonteCarlo({ ...base, workers: 0, checkpoint: { dir, resume: true } });
    expect(again.timing.pathsRun).toBe(0);
    expect(summaryFingerprint(again.summary!)).toBe(refSummary);
    const file = join(dir, CHECKPOINT_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(file, bytes);
    const damaged = await rejection(runMonteCarlo({ ...base, workers: 0, checkpoint: { dir, resume: true } }));
    expect(damaged).toBeInstanceOf(CheckpointError);
    expect((damaged as CheckpointError).code).toBe("UNREADABLE");
    expect(damaged.message).toMatch(/CHECKSUM_MISMATCH/);
  }, 30_000);
});
