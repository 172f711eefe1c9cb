/**
 * `exodus scenarios`: lists the bundled scenarios (name, file, first line of the
 * description, sweep variants). The file column is a path that `exodus validate` and
 * `exodus run` accept from the current directory. The scenario modules are imported when
 * the command runs (see validate.ts).
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { Command } from "commander";
import type { BundledScenario } from "../../scenario/bundled.js";

/** Options of the scenarios command. */
interface ScenariosOptions {
  readonly dir?: string;
  readonly json?: boolean;
}

function isFolder(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** `file` relative to the current directory when it lies below it, else absolute. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length > 0 && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** The listing as aligned text lines: name, file, summary (and the variant count of sweeps). */
export function formatScenarioList(list: readonly BundledScenario[]): string {
  const rows = list.map((s) => [s.name, shownPath(s.file), s.variants > 1 ? `[${s.variants} variants] ${s.summary}` : s.summary]);
  const header = ["NAME", "FILE", "DESCRIPTION"];
  const widths = [0, 1].map((c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]!}`.trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Registers `scenarios` on the program. */
export function registerScenariosCommand(program: Command): void {
  program
    .command("scenarios")
    .description("list the bundled scenarios with a one-line description")
    .option("--dir <dir>", "list the scenarios of this folder instead (and its sweeps/ subfolder)")
    .option("--json", "print the list as JSON")
    .action(async (opts: ScenariosOptions) => {
      const { bundledScenariosDir, listBundledScenarios, ScenarioError } = await import("../../scenario/index.js");
      if (opts.dir !== undefined && !isFolder(opts.dir)) {
        // A mistyped --dir is bad input (exit 2), not an empty listing.
        throw new ScenarioError([{ file: opts.dir, path: "", message: existsSync(opts.dir) ? "--dir must be a folder of scenario files, this is a file" : "--dir: no such folder" }]);
      }
      const list = listBundledScenarios(opts.dir ?? bundledScenariosDir());
      if (opts.json === true) {
        const out = list.map((s) => ({ name: s.name, file: shownPath(s.file), summary: s.summary, variants: s.variants }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatScenarioList(list)}\n`);
    });
}
