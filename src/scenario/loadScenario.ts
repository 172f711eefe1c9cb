/**
 * Loading a scenario: file → YAML → `extends` merge → validation → a deeply frozen,
 * typed Scenario, plus its checked sweep block. Generic over the zod schema of the
 * scenario, so the model's schema lives with the model and this machinery stays the same.
 *
 * Every problem is collected and thrown at once as a {@link ScenarioError}; nothing is
 * written anywhere. The file-level keys `extends` (extends.ts) and `sweep` (sweep.ts) are
 * handled here and are not part of the scenario schema.
 */
import { resolve } from "node:path";
import type { Immutable } from "immer";
import * as z from "zod";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { resolveExtends, type ExtendsOptions } from "./extends.js";
import { deepFreeze } from "./freeze.js";
import type { Provenance } from "./provenance.js";
import {
  expandPlan,
  planSweep,
  SweepSpecSchema,
  type SweepOptions,
  type SweepPlan,
  type SweepSpec,
  type SweepVariant,
} from "./sweep.js";
import { validateData } from "./validate.js";
import { parseScenarioYaml, readScenarioYaml } from "./yamlSource.js";

/** Options of {@link loadScenario}: YAML limits, `extends` options and the sweep cap. */
export interface LoadScenarioOptions extends ExtendsOptions, SweepOptions {}

/** A loaded, validated scenario file. */
export interface LoadedScenario<S extends z.ZodType> {
  /** The file as named by the caller. */
  readonly file: string;
  /** The file and the files it extends, in that order. */
  readonly files: readonly string[];
  /** The validated scenario (schema output, defaults applied), deeply frozen. */
  readonly scenario: Immutable<z.output<S>>;
  /** The merged input before validation (no `extends`, no `sweep`), deeply frozen. */
  readonly input: Immutable<Record<string, unknown>>;
  /** The checked sweep, when the file has a `sweep:` block. */
  readonly sweep: SweepPlan | undefined;
  /** The validated `sweep:` block as written (defaults applied). */
  readonly sweepSpec: SweepSpec | undefined;
  /** Where each key of `input` came from (file, line, column). */
  readonly provenance: Provenance;
  /** The schema it was validated with (used again by {@link expandSweep}). */
  readonly schema: S;
}

const sweepWrapper = z.strictObject({ sweep: SweepSpecSchema });

function finish<S extends z.ZodType>(
  file: string,
  files: readonly string[],
  data: Readonly<Record<string, unknown>>,
  provenance: Provenance,
  schema: S,
  options: LoadScenarioOptions,
): LoadedScenario<S> {
  const { sweep: sweepRaw, ...input } = data;
  const issues: ScenarioIssue[] = [];
  const result = validateData(schema, input, provenance);
  if (!result.ok) issues.push(...result.issues);

  let sweepSpec: SweepSpec | undefined;
  let sweep: SweepPlan | undefined;
  if (sweepRaw !== undefined) {
    const spec = validateData(sweepWrapper, { sweep: sweepRaw }, provenance);
    if (!spec.ok) {
      issues.push(...spec.issues);
    } else {
      sweepSpec = spec.value.sweep;
      const planned = planSweep(sweepSpec, input, schema, provenance, options);
      if (planned.ok) sweep = planned.plan;
      else issues.push(...planned.issues);
    }
  }
  if (issues.length > 0 || !result.ok) throw new ScenarioError(issues);
  return {
    file,
    files: Object.freeze([...files]),
    scenario: deepFreeze(result.value),
    input: deepFreeze(input),
    sweep: sweep === undefined ? undefined : deepFreeze(sweep),
    sweepSpec: sweepSpec === undefined ? undefined : deepFreeze(sweepSpec),
    provenance,
    schema,
  } as LoadedScenario<S>;
}

/**
 * Loads a scenario file: reads it (size checked first), resolves `extends`, validates the
 * merged data with `schema` and the `sweep:` block (if any) against it. Throws a
 * {@link ScenarioError} listing every problem, each with file, line, column and key path.
 */
export function loadScenario<S extends z.ZodType>(file: string, schema: S, options: LoadScenarioOptions = {}): LoadedScenario<S> {
  const abs = resolve(file);
  const source = readScenarioYaml(abs, file, options);
  const merged = resolveExtends(source, abs, options);
  return finish(file, merged.files, merged.data, merged.provenance, schema, options);
}

/**
 * {@link loadScenario} for YAML text (notebooks, tests). `file` names it in messages
 * (default `<string>`); `baseDir` is where a relative `extends` is looked up (default the
 * current directory).
 */
export function loadScenarioFromString<S extends z.ZodType>(
  text: string,
  schema: S,
  options: LoadScenarioOptions & { readonly file?: string; readonly baseDir?: string } = {},
): LoadedScenario<S> {
  const file = options.file ?? "<string>";
  const abs = resolve(options.baseDir ?? ".", file.replace(/[<>]/g, "_"));
  const source = parseScenarioYaml(text, file, options);
  const merged = resolveExtends(source, abs, options);
  return finish(file, merged.files, merged.data, merged.provenance, schema, options);
}

/**
 * The variants of a loaded scenario's sweep, each validated and deeply frozen. Without a
 * `sweep:` block: one variant named `base`, with no overrides, the scenario itself.
 * Throws a {@link ScenarioError} naming the variant, key and sweep entry of each problem.
 */
export function expandSweep<S extends z.ZodType>(loaded: LoadedScenario<S>): SweepVariant<z.output<S>>[] {
  if (loaded.sweep === undefined) {
    return [
      {
        name: "base",
        index: 0,
        overrides: Object.freeze({}),
        changedPaths: Object.freeze([]),
        scenario: loaded.scenario,
        commonRandomNumbers: true,
      },
    ];
  }
  return expandPlan(loaded.sweep as SweepPlan, loaded.input, loaded.schema, loaded.provenance);
}
