/**
 * `exodus replay <run folder> <path>`: simulates one path of a run again, alone, from the
 * folder's plan.json and model (src/api replayRunPath; paths are deterministic in
 * (seed, path)). Prints the path's record as CSV (kind,date,epoch,entity,metric,unit,value)
 * on stdout, or with `--trace` every happening of the path (engine and model); `--csv`
 * writes the record to a file instead. When the run kept scalars.bin, the replayed scalars
 * are checked against it (a mismatch fails with exit 1).
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { nonNegativeInt, runAction } from "./run-common.js";

/** Options of the replay command. */
interface ReplayCommandOptions {
  readonly trace?: boolean;
  readonly engineTrace: boolean;
  readonly csv?: string;
}

/** Registers `replay` on the program. */
export function registerReplay(program: Command): void {
  const cmd = program
    .command("replay")
    .description("simulate one path of a run again, alone: its record as CSV, or its trace")
    .argument("<run>", "result folder (a run or a shard partial)")
    .argument("<path>", "path index (0-based)", nonNegativeInt("path"))
    .option("--trace", "print every happening of the path (hashrate-exodus's own model)")
    .option("--no-engine-trace", "with --trace: leave out the engine's own lines")
    .option("--csv <file>", "write the record CSV to this file")
    .action(async (run: string, path: number, opts: ReplayCommandOptions) => {
      const [api, { recordCsv }] = await Promise.all([import("../../api/index.js"), import("../../results/index.js")]);
      await runAction(cmd, "replay", async () => {
        const write = (line: string): void => {
          process.stdout.write(`${line}\n`);
        };
        const result = await api.replayRunPath(run, path, opts.trace === true ? { trace: write, engineTrace: opts.engineTrace } : {});
        const csv = recordCsv(result.layout, result.record);
        if (opts.csv !== undefined) await writeFile(opts.csv, csv);
        else if (opts.trace !== true) process.stdout.write(csv);
        if (result.matchesScalarsFile === false) throw new Error(`path ${path} replays to other scalars than the run's scalars.bin: the model or its inputs changed since the run`);
      });
    });
}
