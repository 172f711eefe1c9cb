/**
 * Which shard a process runs (src/api/shard-env.ts): explicit "i/n" first; "env" reads
 * Slurm array variables (relative to the array's min and step), else Kubernetes'
 * JOB_COMPLETION_INDEX with a given count; without a shard option the environment is
 * ignored. Bad values are refused with messages naming the variable.
 */
import { describe, expect, it } from "vitest";
import { resolveShard } from "../../src/api/index.js";
import { ResultError } from "../../src/results/index.js";

const slurm = { SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_COUNT: "10", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_STEP: "1" };

function message(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ResultError);
    expect((err as ResultError).code).toBe("BAD_OPTIONS");
    return (err as Error).message;
  }
  throw new Error("expected a ResultError");
}

describe("resolveShard", () => {
  it("an explicit shard wins over the environment; no option ignores the environment", () => {
    expect(resolveShard({ shard: "2/3" }, slurm)).toEqual({ index: 2, count: 3 });
    expect(resolveShard({ shard: { index: 1, count: 4 } }, slurm)).toEqual({ index: 1, count: 4 });
    expect(resolveShard({}, { ...slurm, JOB_COMPLETION_INDEX: "3" })).toBeNull();
  });

  it("Slurm arrays: 0-based, 1-based and stepped arrays all give shards 1…n", () => {
    expect(resolveShard({ shard: "env" }, slurm)).toEqual({ index: 8, count: 10 });
    expect(resolveShard({ shard: "env" }, { ...slurm, SLURM_ARRAY_TASK_ID: "10", SLURM_ARRAY_TASK_MIN: "1" })).toEqual({ index: 10, count: 10 });
    expect(resolveShard({ shard: "env" }, { ...slurm, SLURM_ARRAY_TASK_ID: "18", SLURM_ARRAY_TASK_STEP: "2" })).toEqual({ index: 10, count: 10 });
    // Slurm takes precedence over JOB_COMPLETION_INDEX when both are set.
    expect(resolveShard({ shard: "env", shardCount: 4 }, { ...slurm, JOB_COMPLETION_INDEX: "0" })).toEqual({ index: 8, count: 10 });
  });

  it("Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based) with the count given", () => {
    expect(resolveShard({ shard: "env", shardCount: 4 }, { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 4, count: 4 });
    expect(message(() => resolveShard({ shard: "env" }, { JOB_COMPLETION_INDEX: "3" }))).toMatch(/--shard-count/);
    expect(message(() => resolveShard({ shard: "env", shardCount: 3 }, { JOB_COMPLETION_INDEX: "3" }))).toMatch(/JOB_COMPLETION_INDEX/);
  });

  it("refuses bad values with specific messages", () => {
    expect(message(() => resolveShard({ shard: "env" }, {}))).toMatch(/neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX/);
    expect(message(() => resolveShard({ shard: "env" }, { SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "2" }))).toMatch(/SLURM_ARRAY_TASK_ID must be/);
    expect(message(() => resolveShard({ shard: "env" }, { SLURM_ARRAY_TASK_ID: "1" }))).toMatch(/SLURM_ARRAY_TASK_COUNT/);
    expect(message(() => resolveShard({ shard: "env" }, { ...slurm, SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_STEP: "2" }))).toMatch(/not on the array/);
    expect(message(() => resolveShard({ shard: "4/3" }))).toMatch(/1 ≤ i ≤ n/);
    expect(message(() => resolveShard({ shard: "two of three" }))).toMatch(/i\/n/);
    expect(message(() => resolveShard({ shardCount: 3 }))).toMatch(/shardCount/);
  });
});
