/**
 * `exodus merge <shard folders...> -o <out>`: joins the shard partials of one run
 * (`exodus run --shard i/n`) into the whole run's folder — data files byte-identical to a
 * single-machine run (src/api mergeShardFolders). Partials of different runs, a shard
 * given twice or missing shards are refused (exit 2).
 */
import type { Command } from "commander";
import { runAction, workerCount } from "./run-common.js";

/** Options of the merge command. */
interface MergeOptions {
  readonly out: string;
  readonly force?: boolean;
  readonly keepScalars?: boolean;
  readonly keepPaths?: boolean;
  readonly workers?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly trustModel?: boolean;
}

/** Registers `merge` on the program. */
export function registerMerge(program: Command): void {
  const cmd = program
    .command("merge")
    .description("merge the shard partials of a run into its result folder")
    .argument("<shards...>", "shard partial folders (exodus run --shard i/n), all n of them")
    .requiredOption("-o, --out <dir>", "result folder to create")
    .option("--force", "replace an existing result folder")
    .option("--keep-scalars", "also write scalars.bin (re-simulates the paths)")
    .option("--keep-paths", "also write paths.parquet (small runs; re-simulates the paths)")
    .option("-w, --workers <n>", "worker threads for --keep-scalars/--keep-paths (default: all cores)", workerCount)
    .option("--trust-model", "load the model module a result folder's manifest names even if it is not hashrate-exodus's own with --keep-scalars/--keep-paths (runs its code: only for folders you trust)")
    .option("-q, --quiet", "print nothing on success")
    .option("--json", "print the result as JSON on stdout")
    .action(async (shards: string[], opts: MergeOptions) => {
      const api = await import("../../api/index.js");
      await runAction(cmd, "merge", async (signal) => {
        const result = await api.mergeShardFolders(shards, opts.out, {
          force: opts.force === true,
          keepScalars: opts.keepScalars === true,
          keepPaths: opts.keepPaths === true,
          trustModel: opts.trustModel === true,
          ...(opts.workers === undefined ? {} : { workers: opts.workers }),
          signal,
        });
        const m = result.manifest;
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ out: result.out, seed: m.seed, paths: m.paths, shards: m.mergedFrom?.map((s) => s.shard) ?? [] }, null, 2)}\n`);
          return;
        }
        if (opts.quiet === true) return;
        process.stdout.write(`wrote ${result.out} (${m.mergedFrom?.length ?? 0} shards, seed ${JSON.stringify(m.seed)}, ${m.paths} paths)\n`);
      });
    });
}
