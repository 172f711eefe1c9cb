/**
 * `npm run build`: compiles src/ to dist/ exactly as `tsc -p tsconfig.build.json` does
 * (same options, diagnostics and files), with one emit transform: numeric constants
 * written into the code that uses them (scripts/inline-constants.mjs says what and why).
 *
 *   node scripts/build.mjs [--no-inline]
 *
 * --no-inline emits plain tsc output (for comparing builds). Exit code 1 on any
 * diagnostic, as tsc.
 */
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { inlineNumericConstants } from "./inline-constants.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const inline = !process.argv.includes("--no-inline");

const configPath = ts.findConfigFile(ROOT, ts.sys.fileExists, "tsconfig.build.json");
if (configPath === undefined) throw new Error(`tsconfig.build.json not found in ${ROOT}`);
const config = ts.readConfigFile(configPath, ts.sys.readFile);
const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" };
if (config.error !== undefined) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext([config.error], host));
  process.exit(1);
}
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
const pre = ts.getPreEmitDiagnostics(program);
const emitted = program.emit(undefined, undefined, undefined, false, inline ? { before: [inlineNumericConstants(program.getTypeChecker())] } : undefined);
const diagnostics = [...pre, ...emitted.diagnostics];
if (diagnostics.length > 0) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
