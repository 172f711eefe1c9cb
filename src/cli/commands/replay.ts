/**
 * `exodus replay`: one path, alone, for debugging. Two sources:
 *
 * - a result folder: `exodus replay <run folder> <path>` simulates path `<path>` of that run
 *   again from the folder's plan.json and model (src/api replayRunPath; paths are
 *   deterministic in (seed, path)) and prints its record as CSV
 *   (kind,date,epoch,entity,metric,unit,value), or with `--trace` every happening of the
 *   path (engine and model); `--csv` writes the record to a file instead. When the run kept
 *   scalars.bin, the replayed scalars are checked against it (a mismatch fails with exit 1).
 * - a scenario file: `exodus replay <scenario.yaml> --path I [--seed S] [--variant v]` prints
 *   path I's event trace (the trace is the default here; `--csv` writes the record too).
 */
import { statSync, type Stats } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import type { ModelPlan } from "../../model/path/index.js";
import { nonNegativeInt, parseSeed, runAction } from "./run-common.js";

/** Options of the replay command. */
interface ReplayCommandOptions {
  readonly trace?: boolean;
  readonly engineTrace: boolean;
  readonly csv?: string;
  readonly path?: number;
  readonly seed?: string | number;
  readonly variant?: string;
  readonly trustModel?: boolean;
}

/** Writes the record CSV (its folder created, like --out folders; through a temporary file and a rename). */
async function writeCsv(path: string, text: string): Promise<void> {
  const { writeFileAtomic } = await import("../../montecarlo/index.js");
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFileAtomic(resolve(path), Buffer.from(text, "utf8"));
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function isFile(p: string): boolean {
  return statOrNull(p)?.isFile() === true;
}

/** Registers `replay` on the program. */
export function registerReplay(program: Command): void {
  const cmd = program
    .command("replay")
    .description("simulate one path alone: from a result folder (its record as CSV, or --trace) or a scenario file (its event trace)")
    .argument("<source>", "result folder (a run or a shard partial), or a scenario YAML file")
    .argument("[path]", "path index (0-based); or give --path", nonNegativeInt("path"))
    .option("-p, --path <i>", "path index (0-based)", nonNegativeInt("path"))
    .option("-s, --seed <seed>", "scenario source: master seed (default: the scenario's, else 1)", parseSeed)
    .option("--variant <name>", "scenario source: this variant of the file's sweep")
    .option("--trace", "print every happening of the path (hashrate-exodus's own model)")
    .option("--no-engine-trace", "with a trace: leave out the engine's own lines")
    .option("--csv <file>", "write the record CSV to this file")
    .option("--trust-model", "load the model module a result folder's manifest names even if it is not hashrate-exodus's own (runs its code: only for folders you trust)")
    .action(async (source: string, pathArg: number | undefined, opts: ReplayCommandOptions) => {
      const [api, { recordCsv, checkOutputLocation, ResultError }] = await Promise.all([import("../../api/index.js"), import("../../results/index.js")]);
      await runAction(cmd, "replay", async () => {
        const given = pathArg ?? opts.path;
        if (given === undefined) return cmd.error("exodus replay: give the path index, as an argument or with --path", { exitCode: 2 });
        const path: number = given;
        if (opts.csv !== undefined) {
          // Checked before simulating: a folder there, or a parent that cannot hold the file, is bad input.
          if (statOrNull(opts.csv)?.isDirectory() === true) throw new ResultError("BAD_OPTIONS", `--csv ${opts.csv} is a folder, not a file`);
          checkOutputLocation(opts.csv, "file");
        }
        const write = (line: string): void => {
          process.stdout.write(`${line}\n`);
        };
        if (isFile(source)) {
          const inputs = api.scenarioInputs(source, opts.seed === undefined ? {} : { seed: opts.seed });
          const chosen = opts.variant === undefined ? inputs.base : inputs.variants.find((v) => v.variant === opts.variant);
          if (chosen === undefined) {
            return cmd.error(`exodus replay: ${source} has no variant ${opts.variant}; it has ${inputs.variants.map((v) => v.variant).join(", ")}`, { exitCode: 2 });
          }
          const { replayModelPath, buildModelLayout } = await import("../../model/path/index.js");
          const plan = chosen.plan as ModelPlan;
          const record = replayModelPath(plan, chosen.seed, path, { write, engineTrace: opts.engineTrace });
          if (opts.csv !== undefined) await writeCsv(opts.csv, recordCsv(buildModelLayout(plan).layout, record));
          return;
        }
        const result = await api.replayRunPath(source, path, {
          ...(opts.trace === true ? { trace: write, engineTrace: opts.engineTrace } : {}),
          trustModel: opts.trustModel === true,
        });
        const csv = recordCsv(result.layout, result.record);
        if (opts.csv !== undefined) await writeCsv(opts.csv, csv);
        else if (opts.trace !== true) process.stdout.write(csv);
        if (result.matchesScalarsFile === false) throw new Error(`path ${path} replays to other scalars than the run's scalars.bin: the model or its inputs changed since the run`);
      });
    });
}
