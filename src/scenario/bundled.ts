/**
 * The scenarios shipped with the package (`scenarios/*.yaml`, sweeps in
 * `scenarios/sweeps/`) and the editor JSON Schema they point at
 * (`scenarios/scenario.schema.json`, the output of `exodus schema`).
 *
 * The folder is found relative to this module: `<package>/scenarios` from both
 * `src/scenario/` (tests) and `dist/scenario/` (the built CLI).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { toJsonSchema, type JsonSchema } from "./jsonSchema.js";
import { loadScenario } from "./loadScenario.js";
import { ScenarioSchema } from "./model-schema.js";

/** File name of the JSON Schema in the scenarios folder. */
export const SCENARIO_SCHEMA_FILE = "scenario.schema.json";

/** The bundled scenarios folder (absolute). */
export function bundledScenariosDir(): string {
  return fileURLToPath(new URL("../../scenarios/", import.meta.url));
}

/** The JSON Schema of scenario files (what `exodus schema` prints). */
export function scenarioJsonSchema(): JsonSchema {
  return toJsonSchema(ScenarioSchema, {
    title: "hashrate-exodus scenario",
    description:
      "A hashrate-exodus scenario file: the market, the network fleet and the named miners. Keys left out take the model's " +
      "defaults (CALIBRATION.md). Check a file with `exodus validate <file>`.",
  });
}

/** The JSON Schema as text: two-space indented JSON and a final newline (the bundled file's exact content). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** One bundled scenario file. */
export interface BundledScenario {
  /** The scenario's `name`. */
  readonly name: string;
  /** Absolute path. */
  readonly file: string;
  /** Path relative to the scenarios folder (`baseline.yaml`, `sweeps/exit-speed.yaml`). */
  readonly relativeFile: string;
  /** The first line of its description. */
  readonly summary: string;
  readonly description: string;
  /** Number of sweep variants (1 without a sweep). */
  readonly variants: number;
}

/** The YAML files of a folder and its `sweeps/` subfolder, top level first, each sorted by name. */
export function scenarioFiles(dir: string = bundledScenariosDir()): string[] {
  const yaml = (d: string): string[] => {
    try {
      return readdirSync(d, { withFileTypes: true })
        .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
        .map((e) => join(d, e.name))
        .sort();
    } catch {
      return [];
    }
  };
  return [...yaml(dir), ...yaml(join(dir, "sweeps"))];
}

/**
 * Loads (and validates) every scenario of `dir` (default: the bundled folder) for a
 * listing. Throws one {@link ScenarioError} with the problems of every invalid file.
 */
export function listBundledScenarios(dir: string = bundledScenariosDir()): BundledScenario[] {
  const out: BundledScenario[] = [];
  const issues: ScenarioIssue[] = [];
  for (const file of scenarioFiles(dir)) {
    try {
      const loaded = loadScenario(file, ScenarioSchema);
      const description = loaded.scenario.description;
      out.push({
        name: loaded.scenario.name,
        file,
        relativeFile: relative(dir, file),
        summary: (description.split("\n").find((l) => l.trim().length > 0) ?? "").trim(),
        description,
        variants: loaded.sweep?.count ?? 1,
      });
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}
