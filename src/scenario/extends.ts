/**
 * `extends`: a scenario file may build on another one and state only what differs.
 *
 *     extends: baseline.yaml            # path relative to this file
 *     # or, to replace some values instead of merging them:
 *     extends:
 *       file: baseline.yaml
 *       replace: [miners, market.price]
 *
 * Chains are allowed (a extends b extends c) up to {@link MAX_EXTENDS_DEPTH} files deep;
 * a cycle is an error that shows the chain. Each file is read and parsed with the same
 * limits; errors inside a parent name the parent file. The data are merged by the rules of
 * merge.ts (maps key by key, `null` deletes, lists replace except lists keyed by `id`,
 * `replace` paths). The merged result is validated only once, after merging, and its
 * provenance records which file last set each key, so errors point there.
 */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import * as z from "zod";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { DEFAULT_MERGE_KEY, mergeLayers, type Layer } from "./merge.js";
import { describeValue } from "./messages.js";
import { isPlainObject, KeyPathSyntaxError, parseKeyPath, type KeyPathStep } from "./path.js";
import { Provenance } from "./provenance.js";
import { validateData } from "./validate.js";
import { MAX_SCENARIO_BYTES, parseScenarioYaml, readTextWithLimit, type YamlLimits, type YamlSource } from "./yamlSource.js";

/** Most files in one `extends` chain (the file itself included). */
export const MAX_EXTENDS_DEPTH = 8;

/** The `extends` key: a file name, or a file name with values to replace. */
export const ExtendsSchema = z
  .union([
    z.string().min(1).describe("Scenario file this one builds on, relative to this file."),
    z.strictObject({
      file: z.string().min(1).describe("Scenario file this one builds on, relative to this file."),
      replace: z
        .array(z.string().min(1))
        .optional()
        .describe(
          "Key paths (e.g. miners, market.price, miners[id=MARA].contracts) whose value in this file replaces the parent's instead of merging into it.",
        ),
    }),
  ])
  .describe(
    "Build on another scenario file: maps merge key by key, null deletes a key, lists replace (lists of items with an id merge by id).",
  );

/** Options for resolving `extends` chains. */
export interface ExtendsOptions extends YamlLimits {
  /** Most files in a chain (default {@link MAX_EXTENDS_DEPTH}). */
  readonly maxExtendsDepth?: number;
  /** Key that identifies items of lists merged by id (default `id`). */
  readonly mergeKey?: string;
}

/** A file's data merged with everything it extends. */
export interface ResolvedScenarioData extends Layer {
  /** The files involved, the extending file first, then its parent, and so on. */
  readonly files: readonly string[];
}

interface ChainEntry {
  readonly real: string;
  readonly display: string;
}

function realPath(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

const extendsWrapper = z.strictObject({ extends: ExtendsSchema });

/**
 * Resolves the `extends` chain of an already parsed file. `absPath` locates the file on
 * disk (parents are found relative to it); pass the directory-relative path of a virtual
 * file (e.g. `<cwd>/<string>`) for text that did not come from a file.
 */
export function resolveExtends(source: YamlSource, absPath: string, options: ExtendsOptions = {}): ResolvedScenarioData {
  return resolveLayer(source, absPath, [], options);
}

function resolveLayer(
  source: YamlSource,
  absPath: string,
  chain: readonly ChainEntry[],
  options: ExtendsOptions,
): ResolvedScenarioData {
  const data = source.data;
  const own = Provenance.of(source);
  if (!isPlainObject(data)) {
    const pos = source.locate([]);
    throw new ScenarioError([
      {
        file: source.file,
        line: pos.line,
        column: pos.column,
        path: "",
        message: `a scenario file must be a map of keys (like "network: ..."), found ${describeValue(data)}`,
      },
    ]);
  }
  const { extends: ext, ...rest } = data;
  if (ext === undefined) return { data: rest, provenance: own, files: [source.file] };

  const checked = validateData(extendsWrapper, { extends: ext }, own);
  if (!checked.ok) throw new ScenarioError(checked.issues);
  const spec = typeof checked.value.extends === "string" ? { file: checked.value.extends } : checked.value.extends;
  const extendsAt = typeof ext === "string" ? ["extends"] : ["extends", "file"];
  const failAtExtends = (message: string): never => {
    throw new ScenarioError([{ ...own.locate(extendsAt), path: "extends", message }]);
  };

  const here: ChainEntry = { real: realPath(absPath), display: source.file };
  const maxDepth = options.maxExtendsDepth ?? MAX_EXTENDS_DEPTH;
  const parentAbs = resolve(dirname(absPath), spec.file);
  const parentDisplay = isAbsolute(spec.file) ? spec.file : normalize(join(dirname(source.file), spec.file));
  const parentReal = realPath(parentAbs);
  const fullChain = [...chain, here];
  const cycleStart = fullChain.findIndex((c) => c.real === parentReal);
  if (cycleStart >= 0) {
    const names = [...fullChain.slice(cycleStart).map((c) => c.display), fullChain[cycleStart]?.display ?? parentDisplay];
    failAtExtends(`extends cycle: ${names.join(" → ")}`);
  }
  if (fullChain.length + 1 > maxDepth) {
    failAtExtends(`extends chain is longer than ${maxDepth} files: ${[...fullChain.map((c) => c.display), parentDisplay].join(" → ")}`);
  }
  const read = readTextWithLimit(parentAbs, options.maxBytes ?? MAX_SCENARIO_BYTES);
  if (!read.ok) failAtExtends(`cannot extend "${spec.file}" (${parentDisplay}): ${read.reason}`);
  const parentSource = parseScenarioYaml((read as { text: string }).text, parentDisplay, options);
  const parent = resolveLayer(parentSource, parentAbs, fullChain, options);

  const issues: ScenarioIssue[] = [];
  const replace: KeyPathStep[][] = [];
  const replaceTexts = "replace" in spec && spec.replace !== undefined ? spec.replace : [];
  replaceTexts.forEach((text, i) => {
    try {
      replace.push(parseKeyPath(text));
    } catch (err) {
      if (!(err instanceof KeyPathSyntaxError)) throw err;
      issues.push({ ...own.locate(["extends", "replace", i]), path: `extends.replace[${i}]`, message: err.message });
      replace.push([]);
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);

  const merged = mergeLayers(parent, rest, source, replace, options.mergeKey ?? DEFAULT_MERGE_KEY);
  issues.push(...merged.issues);
  for (const i of merged.unmatchedReplace) {
    issues.push({
      ...own.locate(["extends", "replace", i]),
      path: `extends.replace[${i}]`,
      message: `"${replaceTexts[i] as string}" names nothing set in this file, so there is nothing to replace with`,
    });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return { ...merged.layer, files: [source.file, ...parent.files] };
}
