/**
 * Sweeps: one scenario file describing many variants.
 *
 *     sweep:
 *       grid:                              # cartesian product of the lists
 *         network.exitSpeed: [0.25, 0.5, 1, 2, 4]
 *         market.price.volAnnual: [0.5, 0.8]
 *       zip:                               # lists matched item by item
 *         miners[id=MARA].strategy: [hodl, threshold]
 *         miners[id=MARA].powerMW: [1100, 900]
 *       names: [...]                       # optional: one name per variant
 *       commonRandomNumbers: true          # default: all variants share path seeds
 *
 * Keys are key paths (path.ts: dots, `[n]` list indices, `[id=X]` selectors) into the
 * scenario as written — any key, initial-state keys included — evaluated against the
 * scenario without its sweep block; a key the schema does not know is an error.
 *
 * Combination: the zip block is one more axis of the grid, whose i-th value sets every zip
 * key to its i-th value (so all zip lists must have the same length). The number of
 * variants is the product of the grid list lengths times the zip length. Order: like
 * nested loops, the first grid key varies slowest and the zip axis fastest. A sweep must
 * have at least one key; at most {@link MAX_SWEEP_VARIANTS} variants (a guard rail).
 *
 * Names: `names` gives one filename-safe name per variant (`[A-Za-z0-9][A-Za-z0-9._=+-]*`,
 * at most 128 characters, distinct). Otherwise each name is derived from the values, e.g.
 * `exitSpeed=0.5_volAnnual=0.8`: each key is labelled by its last key (with earlier steps
 * added only where two keys would share a label, e.g. `MARA.strategy`), each value as
 * written for numbers and booleans, with other characters of strings replaced by `-`, and
 * as `v<k>` (k-th value, 1-based) for maps and lists. Names that still collide get `_<n>`
 * (the variant's 1-based position) appended; a derived name over 128 characters becomes
 * `variant-<n>`.
 *
 * Each variant is the base scenario with its values set (immer `produce`), validated in
 * full; an error names the variant, the key, and the sweep entry that set the value.
 *
 * Common random numbers (DESIGN.md §4): by default every variant runs with the run's
 * master seed, so path i of every variant sees the same market, chain and fleet draws and
 * differences between variants are paired. `commonRandomNumbers: false` gives each
 * variant its own seed ({@link variantSeed}).
 */
import { produce, type Immutable } from "immer";
import * as z from "zod";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { deepFreeze } from "./freeze.js";
import {
  formatPath,
  isPlainObject,
  KeyPathSyntaxError,
  parseKeyPath,
  pathStartsWith,
  resolveKeyPath,
  type KeyPathStep,
  type PathSegment,
} from "./path.js";
import type { Provenance } from "./provenance.js";
import { schemaAtPath } from "./schemaWalk.js";
import { suggest } from "./suggest.js";
import { validateData } from "./validate.js";

/** Default cap on the number of variants of one sweep. */
export const MAX_SWEEP_VARIANTS = 1000;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._=+-]{0,127}$/;

const sweepValues = z
  .array(z.unknown())
  .min(1)
  .describe("Values of this key, one per variant along this axis.");

/** The `sweep:` block. */
export const SweepSpecSchema = z
  .strictObject({
    grid: z
      .record(z.string(), sweepValues)
      .optional()
      .describe("Key path → list of values; every combination of the lists becomes a variant."),
    zip: z
      .record(z.string(), sweepValues)
      .optional()
      .describe("Key path → list of values; lists of equal length, matched item by item (one more grid axis)."),
    names: z
      .array(z.string())
      .optional()
      .describe("One filename-safe name per variant, in variant order; derived from the values when absent."),
    commonRandomNumbers: z
      .boolean()
      .default(true)
      .describe("All variants share path seeds, so differences between them are paired (default true)."),
  })
  .describe("Run this scenario as several variants: grid (cartesian product) and zip (matched lists) over key paths.");

/** A validated `sweep:` block. */
export type SweepSpec = z.output<typeof SweepSpecSchema>;

/** One key of a sweep. */
export interface SweepKey {
  /** The key path as written (`miners[id=MARA].strategy`). */
  readonly key: string;
  readonly block: "grid" | "zip";
  /** The concrete path it resolves to in the base scenario (`miners[0].strategy`). */
  readonly path: readonly PathSegment[];
  readonly values: readonly unknown[];
  /** Label used in derived names (`strategy`, or `MARA.strategy` when ambiguous). */
  readonly label: string;
}

/** A checked sweep, ready to expand. */
export interface SweepPlan {
  readonly keys: readonly SweepKey[];
  /** Number of variants. */
  readonly count: number;
  readonly names: readonly string[];
  readonly commonRandomNumbers: boolean;
}

/** One variant of a sweep. */
export interface SweepVariant<T> {
  /** Filename-safe, unique within the sweep. */
  readonly name: string;
  /** 0-based position in the sweep. */
  readonly index: number;
  /** What the variant changes: key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The concrete paths it changes (`miners[0].strategy`), in sweep-key order. */
  readonly changedPaths: readonly string[];
  /** The validated, deeply frozen scenario. */
  readonly scenario: Immutable<T>;
  readonly commonRandomNumbers: boolean;
}

/**
 * The seed a variant runs with: the master seed itself under common random numbers (so all
 * variants share every path's streams), otherwise `<seed>#<variant name>`.
 */
export function variantSeed(
  masterSeed: string | number,
  variant: { readonly name: string; readonly commonRandomNumbers: boolean },
): string | number {
  return variant.commonRandomNumbers ? masterSeed : `${String(masterSeed)}#${variant.name}`;
}

/** The value of the axis positions of variant `index` (first grid key slowest, zip fastest). */
function axisPositions(index: number, lengths: readonly number[]): number[] {
  const pos = new Array<number>(lengths.length).fill(0);
  let rest = index;
  for (let a = lengths.length - 1; a >= 0; a--) {
    const n = lengths[a] as number;
    pos[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  return pos;
}

function valueToken(v: unknown, k: number): string {
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (typeof v === "string") {
    const s = v.replace(/[^A-Za-z0-9.+-]+/g, "-").replace(/^-+|-+$/g, "");
    return s.length > 0 ? s.slice(0, 40) : `v${k + 1}`;
  }
  return `v${k + 1}`;
}

function stepLabel(s: KeyPathStep): string {
  return s.kind === "key" ? s.key : s.kind === "index" ? String(s.index) : s.value;
}

/** Labels for key paths: the last step, lengthened where two paths would share one. */
function labels(paths: readonly (readonly KeyPathStep[])[]): string[] {
  const take = paths.map(() => 1);
  const label = (i: number) =>
    (paths[i] as readonly KeyPathStep[])
      .slice(-(take[i] as number))
      .map(stepLabel)
      .join(".")
      .replace(/[^A-Za-z0-9.+-]+/g, "-");
  for (let round = 0; round < 16; round++) {
    const byLabel = new Map<string, number[]>();
    paths.forEach((_, i) => {
      const l = label(i);
      byLabel.set(l, [...(byLabel.get(l) ?? []), i]);
    });
    let changed = false;
    for (const group of byLabel.values()) {
      if (group.length < 2) continue;
      for (const i of group) {
        if ((take[i] as number) < (paths[i] as readonly KeyPathStep[]).length) {
          take[i] = (take[i] as number) + 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return paths.map((_, i) => label(i));
}

/** Options of {@link planSweep} and {@link expandSweep}. */
export interface SweepOptions {
  /** Most variants allowed (default {@link MAX_SWEEP_VARIANTS}). */
  readonly maxVariants?: number;
}

/**
 * Checks a validated sweep block against the base scenario input and the schema: key
 * syntax, selectors, keys known to the schema, no key twice, zip lengths, variant count,
 * names. Returns the plan, or every problem found (located through `provenance`).
 */
export function planSweep(
  spec: SweepSpec,
  baseInput: unknown,
  schema: z.ZodType,
  provenance: Provenance,
  options: SweepOptions = {},
): { readonly ok: true; readonly plan: SweepPlan } | { readonly ok: false; readonly issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  const maxVariants = options.maxVariants ?? MAX_SWEEP_VARIANTS;
  const at = (path: readonly PathSegment[], message: string, extra: { suggestion?: string | undefined; key?: boolean } = {}) => {
    issues.push({
      ...provenance.locate(path, extra.key === true ? { key: true } : undefined),
      path: formatPath(path),
      message,
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    });
  };

  const grid = Object.entries(spec.grid ?? {});
  const zip = Object.entries(spec.zip ?? {});
  if (grid.length + zip.length === 0) {
    at(["sweep"], "a sweep needs at least one key under grid or zip");
    return { ok: false, issues };
  }

  const parsed: { key: string; block: "grid" | "zip"; steps: KeyPathStep[]; path: PathSegment[]; values: readonly unknown[] }[] = [];
  for (const [block, entries] of [
    ["grid", grid],
    ["zip", zip],
  ] as const) {
    for (const [key, values] of entries) {
      const where: PathSegment[] = ["sweep", block, key];
      let steps: KeyPathStep[];
      try {
        steps = parseKeyPath(key);
      } catch (err) {
        if (!(err instanceof KeyPathSyntaxError)) throw err;
        at(where, err.message, { key: true });
        continue;
      }
      const first = steps[0];
      if (first?.kind === "key" && (first.key === "sweep" || first.key === "extends")) {
        at(where, `a sweep cannot change "${first.key}"`, { key: true });
        continue;
      }
      const resolved = resolveKeyPath(baseInput, steps);
      if (!resolved.ok) {
        const step = steps[resolved.step];
        const suggestion =
          step?.kind === "select" && resolved.candidates !== undefined ? suggest(step.value, resolved.candidates) : undefined;
        at(where, `sweep path "${key}": ${resolved.message}`, { key: true, suggestion });
        continue;
      }
      const inSchema = schemaAtPath(schema, resolved.path, baseInput);
      if (inSchema.failedAt !== undefined) {
        const bad = resolved.path[inSchema.failedAt];
        const what = typeof bad === "number" ? `list index [${bad}]` : `key "${String(bad)}"`;
        const allowed = inSchema.allowed ?? [];
        const suggestion = typeof bad === "string" ? suggest(bad, allowed) : undefined;
        const prefix = formatPath(resolved.path.slice(0, inSchema.failedAt));
        at(where, `sweep path "${key}": unknown ${what}${prefix.length > 0 ? ` under ${prefix}` : ""}`, { key: true, suggestion });
        continue;
      }
      parsed.push({ key, block, steps, path: resolved.path, values });
    }
  }

  // No concrete path twice, nor one inside another.
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = parsed[i] as (typeof parsed)[number];
      const b = parsed[j] as (typeof parsed)[number];
      if (pathStartsWith(a.path, b.path) || pathStartsWith(b.path, a.path)) {
        at(
          ["sweep", a.block, a.key],
          `sweep path "${a.key}" overlaps "${b.key}" (${formatPath(a.path)} and ${formatPath(b.path)}); each value may be swept by one key only`,
          { key: true },
        );
      }
    }
  }

  const zipKeys = parsed.filter((p) => p.block === "zip");
  const zipLength = zipKeys[0]?.values.length;
  for (const p of zipKeys) {
    if (p.values.length !== zipLength) {
      const firstZip = zipKeys[0] as (typeof zipKeys)[number];
      at(
        ["sweep", "zip", p.key],
        `zip lists must have the same length: "${p.key}" has ${p.values.length} values, "${firstZip.key}" has ${zipLength}`,
        { key: true },
      );
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const lengths = [...parsed.filter((p) => p.block === "grid").map((p) => p.values.length)];
  if (zipLength !== undefined) lengths.push(zipLength);
  let count = 1;
  for (const n of lengths) {
    count *= n;
    if (count > maxVariants) break;
  }
  if (count > maxVariants) {
    at(["sweep"], `the sweep has more than ${maxVariants} variants (${lengths.join(" × ")}), over the limit of ${maxVariants}`);
    return { ok: false, issues };
  }

  const keyLabels = labels(parsed.map((p) => p.steps));
  const keys: SweepKey[] = parsed.map((p, i) => ({
    key: p.key,
    block: p.block,
    path: p.path,
    values: p.values,
    label: keyLabels[i] as string,
  }));

  let names: string[];
  if (spec.names !== undefined) {
    names = [...spec.names];
    if (names.length !== count) {
      at(["sweep", "names"], `expected ${count} names (one per variant), found ${names.length}`);
    }
    const seen = new Map<string, number>();
    names.forEach((n, i) => {
      if (!NAME_PATTERN.test(n)) {
        at(["sweep", "names", i], `variant name ${JSON.stringify(n)} is not filename-safe: use letters, digits and . _ = + - (at most 128, starting with a letter or digit)`);
      }
      const prev = seen.get(n);
      if (prev !== undefined) at(["sweep", "names", i], `variant name "${n}" is used twice (also names[${prev}])`);
      else seen.set(n, i);
    });
    if (issues.length > 0) return { ok: false, issues };
  } else {
    const gridKeys = keys.filter((k) => k.block === "grid");
    const zipPart = keys.filter((k) => k.block === "zip");
    names = [];
    for (let v = 0; v < count; v++) {
      const pos = axisPositions(v, lengths);
      const parts: string[] = [];
      gridKeys.forEach((k, a) => parts.push(`${k.label}=${valueToken(k.values[pos[a] as number], pos[a] as number)}`));
      const z = pos[gridKeys.length] ?? 0;
      for (const k of zipPart) parts.push(`${k.label}=${valueToken(k.values[z], z)}`);
      let name = parts.join("_");
      if (!NAME_PATTERN.test(name)) name = `variant-${v + 1}`;
      names.push(name);
    }
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    names = names.map((n, v) => ((counts.get(n) ?? 0) > 1 ? `${n}_${v + 1}` : n));
  }

  return { ok: true, plan: { keys, count, names, commonRandomNumbers: spec.commonRandomNumbers } };
}

/** Sets `value` at `path` in a draft, creating missing maps on the way. */
function setAt(draft: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let cur: Record<string | number, unknown> = draft;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as PathSegment;
    const next = cur[seg];
    if (typeof next !== "object" || next === null) cur[seg] = {};
    cur = cur[seg] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1] as PathSegment] = value;
}

/** The base input as a map (it is one: loadScenario refuses anything else). */
function asRecord(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

/**
 * Builds and validates every variant of a checked sweep. Throws a {@link ScenarioError}
 * listing the problems of all variants (each naming its variant; a value that is wrong in
 * many variants is reported once, for the first).
 */
export function expandPlan<S extends z.ZodType>(
  plan: SweepPlan,
  baseInput: unknown,
  schema: S,
  provenance: Provenance,
): SweepVariant<z.output<S>>[] {
  const lengths = plan.keys.filter((k) => k.block === "grid").map((k) => k.values.length);
  const zipKeys = plan.keys.filter((k) => k.block === "zip");
  if (zipKeys.length > 0) lengths.push((zipKeys[0] as SweepKey).values.length);
  const gridCount = plan.keys.filter((k) => k.block === "grid").length;
  const base = asRecord(baseInput);

  const variants: SweepVariant<z.output<S>>[] = [];
  const issues: ScenarioIssue[] = [];
  const reported = new Set<string>();
  for (let v = 0; v < plan.count; v++) {
    const pos = axisPositions(v, lengths);
    const name = plan.names[v] as string;
    const sets: { key: SweepKey; valueIndex: number }[] = [];
    let g = 0;
    for (const key of plan.keys) {
      sets.push({ key, valueIndex: key.block === "grid" ? (pos[g++] as number) : (pos[gridCount] as number) });
    }
    const input = produce(base, (draft) => {
      for (const s of sets) setAt(draft, s.key.path, s.key.values[s.valueIndex]);
    });
    let prov = provenance;
    for (const s of sets) {
      const origin = provenance.resolve(["sweep", s.key.block, s.key.key, s.valueIndex]);
      prov = prov.withOverride(s.key.path, origin);
    }
    const result = validateData(schema, input, prov, { variant: name });
    if (!result.ok) {
      for (const issue of result.issues) {
        const k = `${issue.file}:${issue.line}:${issue.column}:${issue.path}:${issue.message}`;
        if (reported.has(k)) continue;
        reported.add(k);
        issues.push(issue);
      }
      continue;
    }
    const overrides: Record<string, unknown> = {};
    for (const s of sets) overrides[s.key.key] = s.key.values[s.valueIndex];
    variants.push({
      name,
      index: v,
      overrides: deepFreeze(overrides),
      changedPaths: Object.freeze(sets.map((s) => formatPath(s.key.path))),
      scenario: deepFreeze(result.value),
      commonRandomNumbers: plan.commonRandomNumbers,
    });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return variants;
}
