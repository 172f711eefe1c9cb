/**
 * The deep merge behind `extends`: a child file states only what differs from its parent.
 *
 * Rules (JSON Merge Patch, RFC 7396, plus keyed lists and explicit replaces):
 *
 * 1. Maps merge key by key, recursively; a key only in the parent is kept.
 * 2. `null` (or `~`, or an empty value) deletes the inherited key — as in RFC 7396; so an
 *    extending file cannot set a value to null.
 * 3. Lists replace the parent's list as a whole, with one exception:
 * 4. Keyed lists merge by id: when every item of both the parent's and the child's list is a
 *    map with a string or number `id` (the merge key), a child item whose id is in the
 *    parent merges into that item (rules 1–4 again, so nested keyed lists merge too); a
 *    child item with a new id is appended; parent items the child does not name are kept,
 *    in their order. So `miners: [{ id: MARA, strategy: threshold }]` changes one miner's
 *    strategy and nothing else. An empty child list (`miners: []`) replaces (clears) it.
 * 5. `replace` paths (from `extends: { file, replace: [...] }`) name values that replace
 *    the parent's value instead of merging: use it to restate a whole list of miners, or to
 *    swap a block whose keys differ (`market.price` from one model to another). Paths use
 *    the key-path syntax of path.ts, evaluated on the child's data: `[n]` is the n-th item
 *    of the child's list, `[id=X]` the child's item with that id. A path that names nothing
 *    in the child is an error.
 *
 * The merge runs in an immer `produce` on the parent's data, and it records provenance:
 * every value set by the child points to the child's file.
 */
import { produce } from "immer";
import type { ScenarioIssue } from "./errors.js";
import { formatPath, isPlainObject, type KeyPathStep, type PathSegment } from "./path.js";
import { Provenance } from "./provenance.js";
import type { YamlSource } from "./yamlSource.js";

/** A scenario's data with the provenance of each key. */
export interface Layer {
  readonly data: Readonly<Record<string, unknown>>;
  readonly provenance: Provenance;
}

/** Result of {@link mergeLayers}. */
export interface MergeResult {
  readonly layer: Layer;
  /** Problems with keyed lists (duplicate ids) found while merging. */
  readonly issues: ScenarioIssue[];
  /** Indices of `replace` paths that matched nothing in the child. */
  readonly unmatchedReplace: number[];
}

interface LivePattern {
  readonly index: number;
  readonly steps: readonly KeyPathStep[];
  readonly at: number;
}

/** Default merge key of keyed lists. */
export const DEFAULT_MERGE_KEY = "id";

/** RFC 7396: nulls inside a newly added map are dropped (lists are taken as they are). */
function withoutNulls(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

function keyOf(item: unknown, mergeKey: string): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const v = item[mergeKey];
  return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
}

/** True when every item is a map with a string or number merge key (and there is one). */
function isKeyedList(list: readonly unknown[], mergeKey: string): boolean {
  return list.length > 0 && list.every((item) => keyOf(item, mergeKey) !== undefined);
}

/**
 * Merges `child` (data of one file, without its `extends` key) onto `parent` (the merged
 * data of everything it extends), by the rules in the module comment. `childSource` is the
 * child's file, for provenance and for locating duplicate ids.
 */
export function mergeLayers(
  parent: Layer,
  child: Readonly<Record<string, unknown>>,
  childSource: YamlSource,
  replace: readonly (readonly KeyPathStep[])[] = [],
  mergeKey: string = DEFAULT_MERGE_KEY,
): MergeResult {
  let provenance = parent.provenance;
  const issues: ScenarioIssue[] = [];
  const matched = new Set<number>();
  const childOrigin = (path: readonly PathSegment[]) => ({ source: childSource, path });

  const advance = (patterns: readonly LivePattern[], matches: (step: KeyPathStep) => boolean) => {
    const next: LivePattern[] = [];
    let replaceHere = false;
    for (const p of patterns) {
      const step = p.steps[p.at];
      if (step === undefined || !matches(step)) continue;
      if (p.at + 1 === p.steps.length) {
        replaceHere = true;
        matched.add(p.index);
      } else {
        next.push({ index: p.index, steps: p.steps, at: p.at + 1 });
      }
    }
    return { next, replaceHere };
  };

  const setValue = (target: Record<string, unknown> | unknown[], key: string | number, value: unknown, mPath: PathSegment[], cPath: PathSegment[]) => {
    (target as Record<string | number, unknown>)[key] = withoutNulls(value);
    provenance = provenance.withOverride(mPath, childOrigin(cPath));
  };

  const mergeMap = (
    draft: Record<string, unknown>,
    src: Readonly<Record<string, unknown>>,
    mPath: PathSegment[],
    cPath: PathSegment[],
    patterns: readonly LivePattern[],
  ): void => {
    for (const [key, value] of Object.entries(src)) {
      const { next, replaceHere } = advance(patterns, (s) => s.kind === "key" && s.key === key);
      const m = [...mPath, key];
      const c = [...cPath, key];
      const existing = draft[key];
      if (value === null) {
        delete draft[key];
      } else if (!replaceHere && isPlainObject(value) && isPlainObject(existing)) {
        mergeMap(existing, value, m, c, next);
      } else if (
        !replaceHere &&
        Array.isArray(value) &&
        Array.isArray(existing) &&
        isKeyedList(existing, mergeKey) &&
        isKeyedList(value, mergeKey)
      ) {
        mergeKeyed(existing, value, m, c, next);
      } else {
        setValue(draft, key, value, m, c);
      }
    }
  };

  const mergeKeyed = (
    draft: unknown[],
    src: readonly unknown[],
    mPath: PathSegment[],
    cPath: PathSegment[],
    patterns: readonly LivePattern[],
  ): void => {
    const parentIndex = new Map<string, number>();
    draft.forEach((item, i) => {
      const id = keyOf(item, mergeKey) as string;
      const first = parentIndex.get(id);
      if (first !== undefined) {
        const loc = provenance.locate([...mPath, i, mergeKey]);
        issues.push({
          ...loc,
          path: formatPath([...mPath, i, mergeKey]),
          message: `duplicate ${mergeKey} "${id}" (also item ${first}); items of a list merged by ${mergeKey} must have distinct ids`,
        });
      } else {
        parentIndex.set(id, i);
      }
    });
    const seen = new Map<string, number>();
    src.forEach((item, j) => {
      const id = keyOf(item, mergeKey) as string;
      const c = [...cPath, j];
      const dup = seen.get(id);
      if (dup !== undefined) {
        const pos = childSource.locate([...c, mergeKey]);
        issues.push({
          file: childSource.file,
          line: pos.line,
          column: pos.column,
          path: formatPath([...c, mergeKey]),
          message: `duplicate ${mergeKey} "${id}" (also item ${dup}); items of a list merged by ${mergeKey} must have distinct ids`,
        });
        return;
      }
      seen.set(id, j);
      const { next, replaceHere } = advance(
        patterns,
        (s) =>
          (s.kind === "index" && s.index === j) ||
          (s.kind === "select" && isPlainObject(item) && s.field in item && String(item[s.field]) === s.value),
      );
      const idx = parentIndex.get(id);
      if (idx === undefined) {
        const at = draft.length;
        draft.push(withoutNulls(item));
        provenance = provenance.withOverride([...mPath, at], childOrigin(c));
      } else if (replaceHere) {
        setValue(draft, idx, item, [...mPath, idx], c);
      } else {
        mergeMap(draft[idx] as Record<string, unknown>, item as Record<string, unknown>, [...mPath, idx], c, next);
      }
    });
  };

  const patterns: LivePattern[] = replace.map((steps, index) => ({ index, steps, at: 0 }));
  const data = produce(parent.data as Record<string, unknown>, (draft) => {
    mergeMap(draft, child, [], [], patterns);
  });
  const unmatchedReplace = replace.map((_, i) => i).filter((i) => !matched.has(i));
  return { layer: { data, provenance }, issues, unmatchedReplace };
}
