/**
 * Which shard this process runs (DESIGN.md §5: any scheduler drives the shards).
 *
 * Precedence:
 * 1. an explicit shard "i/n" (CLI `--shard 2/3`);
 * 2. `shard: "env"` (CLI `--shard env`) reads the scheduler's environment:
 *    a. Slurm job arrays: SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, and
 *       SLURM_ARRAY_TASK_MIN / SLURM_ARRAY_TASK_STEP when set (index = (ID − MIN) / STEP + 1,
 *       so `--array=0-9`, `--array=1-10` and `--array=0-18:2` all give shards 1…10 of 10);
 *    b. else Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based) → index + 1, of
 *       `shardCount` shards (CLI `--shard-count`; Kubernetes does not put the completion
 *       count in the environment — give the Job's `completions`);
 * 3. no shard option: a whole run. The environment is never read unless asked, so a plain
 *    run inside a Slurm array task is not silently split.
 * A CI matrix passes its index explicitly (`--shard ${{ matrix.shard }}/4`).
 */
import { parseShard, type ShardSpec } from "../montecarlo/index.js";
import { ResultError } from "../results/index.js";

/** Options that choose a shard. */
export interface ShardOptions {
  /** "i/n", a ShardSpec, or "env" (read the scheduler's environment). */
  readonly shard?: string | ShardSpec;
  /** Shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs). */
  readonly shardCount?: number;
}

function intVar(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  if (!/^\d+$/.test(text.trim())) throw new ResultError("BAD_OPTIONS", `environment variable ${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}

function checked(shard: ShardSpec, source: string): ShardSpec {
  try {
    return parseShard(`${shard.index}/${shard.count}`);
  } catch (err) {
    throw new ResultError("BAD_OPTIONS", `${source}: ${(err as Error).message}`);
  }
}

/** The shard to run (null: the whole run), by the precedence at the top of this file. */
export function resolveShard(options: ShardOptions, env: NodeJS.ProcessEnv = process.env): ShardSpec | null {
  const { shard } = options;
  if (shard === undefined) {
    if (options.shardCount !== undefined) throw new ResultError("BAD_OPTIONS", 'shardCount is only used with shard "env" (JOB_COMPLETION_INDEX)');
    return null;
  }
  if (typeof shard !== "string") return checked(shard, "shard");
  if (shard.trim() !== "env") {
    try {
      return parseShard(shard);
    } catch (err) {
      throw new ResultError("BAD_OPTIONS", (err as Error).message);
    }
  }
  const slurmId = intVar(env, "SLURM_ARRAY_TASK_ID");
  if (slurmId !== undefined) {
    const count = intVar(env, "SLURM_ARRAY_TASK_COUNT");
    if (count === undefined) throw new ResultError("BAD_OPTIONS", "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
    const min = intVar(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
    const step = intVar(env, "SLURM_ARRAY_TASK_STEP") ?? 1;
    if (step < 1 || slurmId < min || (slurmId - min) % step !== 0) {
      throw new ResultError("BAD_OPTIONS", `SLURM_ARRAY_TASK_ID ${slurmId} is not on the array ${min}, ${min + step}, … (SLURM_ARRAY_TASK_MIN/STEP)`);
    }
    return checked({ index: (slurmId - min) / step + 1, count }, "Slurm array task");
  }
  const k8s = intVar(env, "JOB_COMPLETION_INDEX");
  if (k8s !== undefined) {
    if (options.shardCount === undefined) {
      throw new ResultError("BAD_OPTIONS", "JOB_COMPLETION_INDEX is set: give the shard count (--shard-count, the Job's completions)");
    }
    return checked({ index: k8s + 1, count: options.shardCount }, "JOB_COMPLETION_INDEX");
  }
  throw new ResultError("BAD_OPTIONS", 'shard "env": neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set');
}

/** "i/n" of a shard. */
export function shardText(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}
