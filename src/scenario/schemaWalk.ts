/**
 * Reading the structure of a zod 4 schema: which keys an object at a given path allows
 * (for "did you mean" and for checking sweep paths), and which keys a non-strict object
 * would silently drop.
 *
 * Works on zod 4's internal definitions (`schema._zod.def`), which name the type and its
 * parts: `object` (shape, catchall), `array` (element), `tuple` (items, rest), `record`
 * (valueType), `union` (options, and `discriminator` for discriminated unions),
 * `intersection` (left, right), and wrappers with `innerType` (optional, nullable, default,
 * prefault, catch, readonly, nonoptional), `pipe` (in = the input side) and `lazy` (getter).
 * Where the data shows which member of a discriminated union applies, only that member is
 * consulted.
 */
import type * as z from "zod";
import { isPlainObject, type DataPath, type PathSegment } from "./path.js";

type Schema = z.core.$ZodType;

interface AnyDef {
  readonly type: string;
  readonly [key: string]: unknown;
}

function defOf(s: Schema): AnyDef {
  return s._zod.def as unknown as AnyDef;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

/** The schema under wrappers that do not change the input's shape. */
export function unwrap(schema: Schema): Schema {
  let s = schema;
  for (let guard = 0; guard < 64; guard++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d["innerType"] as Schema;
    else if (d.type === "pipe") s = d["in"] as Schema;
    else if (d.type === "lazy") s = (d["getter"] as () => Schema)();
    else return s;
  }
  return s;
}

/** The concrete (non-union, non-intersection) schemas that may describe `data`. */
function expand(schema: Schema, data: unknown, out: Schema[] = [], depth = 0): Schema[] {
  const s = unwrap(schema);
  const d = defOf(s);
  if (depth > 32) return out;
  if (d.type === "union") {
    const options = d["options"] as Schema[];
    const disc = d["discriminator"] as string | undefined;
    let chosen = options;
    if (disc !== undefined && isPlainObject(data) && disc in data) {
      const v = data[disc];
      const matching = options.filter((o) => {
        const pv = (o._zod as unknown as { propValues?: Record<string, Set<unknown>> }).propValues;
        return pv?.[disc]?.has(v) === true;
      });
      if (matching.length > 0) chosen = matching;
    }
    for (const o of chosen) expand(o, data, out, depth + 1);
  } else if (d.type === "intersection") {
    expand(d["left"] as Schema, data, out, depth + 1);
    expand(d["right"] as Schema, data, out, depth + 1);
  } else {
    out.push(s);
  }
  return out;
}

function isOpenType(type: string): boolean {
  return type === "any" || type === "unknown" || type === "record" || type === "custom";
}

/** Whether an object schema accepts keys outside its shape (loose object or catchall). */
function acceptsExtraKeys(d: AnyDef): boolean {
  const catchall = d["catchall"] as Schema | undefined;
  return catchall !== undefined && defOf(catchall).type !== "never";
}

/** The keys an object at this schema node allows; `open` when any key is accepted. */
export interface AllowedKeys {
  readonly keys: readonly string[];
  readonly open: boolean;
}

/** The keys allowed by `schema` for the map `data` (data picks discriminated-union members). */
export function allowedKeys(schema: Schema, data: unknown): AllowedKeys {
  const keys = new Set<string>();
  let open = false;
  for (const c of expand(schema, data)) {
    const d = defOf(c);
    if (d.type === "object") {
      for (const k of Object.keys(d["shape"] as object)) keys.add(k);
      if (acceptsExtraKeys(d)) open = true;
    } else if (isOpenType(d.type)) {
      open = true;
    }
  }
  return { keys: [...keys], open };
}

/** The schemas for one step below `schema` (key or index), and whether anything goes there. */
function childSchemas(nodes: readonly Schema[], seg: PathSegment, data: unknown): { nodes: Schema[]; open: boolean } {
  const next: Schema[] = [];
  let open = false;
  for (const n of nodes) {
    for (const c of expand(n, data)) {
      const d = defOf(c);
      if (d.type === "object" && typeof seg === "string") {
        const shape = d["shape"] as Record<string, Schema>;
        if (Object.prototype.hasOwnProperty.call(shape, seg)) next.push(shape[seg] as Schema);
        else if (acceptsExtraKeys(d)) next.push(d["catchall"] as Schema);
      } else if (d.type === "record" && typeof seg === "string") {
        next.push(d["valueType"] as Schema);
      } else if (d.type === "array" && typeof seg === "number") {
        next.push(d["element"] as Schema);
      } else if (d.type === "tuple" && typeof seg === "number") {
        const items = d["items"] as Schema[];
        const rest = d["rest"] as Schema | null | undefined;
        if (seg < items.length) next.push(items[seg] as Schema);
        else if (rest) next.push(rest);
      } else if (d.type === "any" || d.type === "unknown" || d.type === "custom") {
        open = true;
      }
    }
  }
  return { nodes: next, open };
}

/** Result of {@link schemaAtPath}. */
export interface SchemaAtPath {
  /** The schemas that describe the value at the path (several under a union). */
  readonly nodes: readonly Schema[];
  /** True when the path runs into a part of the schema that accepts anything. */
  readonly open: boolean;
  /** When the schema has no such place: index of the first step it does not allow. */
  readonly failedAt?: number;
  /** At `failedAt`: the keys allowed there (for "did you mean"). */
  readonly allowed?: readonly string[];
}

/** Follows a concrete path through the schema (using `data` to pick union members). */
export function schemaAtPath(schema: Schema, path: DataPath, data: unknown): SchemaAtPath {
  let nodes: Schema[] = [schema];
  let cur = data;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as PathSegment;
    const step = childSchemas(nodes, seg, cur);
    if (step.open) return { nodes: step.nodes, open: true };
    if (step.nodes.length === 0) {
      const keys = new Set<string>();
      for (const n of nodes) for (const k of allowedKeys(n, cur).keys) keys.add(k);
      return { nodes: [], open: false, failedAt: i, allowed: [...keys] };
    }
    nodes = step.nodes;
    cur = typeof seg === "number" ? (Array.isArray(cur) ? cur[seg] : undefined) : isPlainObject(cur) ? cur[seg] : undefined;
  }
  return { nodes, open: false };
}

/** A key that a non-strict zod object would drop without a word. */
export interface StrippedKey {
  /** Path of the object holding the key. */
  readonly path: PathSegment[];
  readonly key: string;
  readonly allowed: readonly string[];
}

/**
 * Keys of `data` that a plain `z.object` (strip mode) would drop silently. zod reports
 * unknown keys only for `z.strictObject`; a scenario treats every unknown key as an error,
 * so the validator adds these. Keys of strict objects are left to zod (no double report);
 * loose objects and records accept anything.
 */
export function findStrippedKeys(schema: Schema, data: unknown): StrippedKey[] {
  const out: StrippedKey[] = [];
  const walk = (nodes: readonly Schema[], value: unknown, path: PathSegment[], depth: number): void => {
    if (depth > 64 || nodes.length === 0) return;
    if (isPlainObject(value)) {
      const candidates = nodes.flatMap((n) => expand(n, value));
      const objects = candidates.filter((c) => defOf(c).type === "object");
      const allStrip =
        objects.length > 0 &&
        objects.length === candidates.length &&
        objects.every((o) => (defOf(o)["catchall"] as Schema | undefined) === undefined);
      const known = new Set<string>();
      for (const o of objects) for (const k of Object.keys(defOf(o)["shape"] as object)) known.add(k);
      for (const key of Object.keys(value)) {
        if (allStrip && !known.has(key)) {
          out.push({ path, key, allowed: [...known] });
          continue;
        }
        const child = childSchemas(nodes, key, value);
        if (!child.open) walk(child.nodes, value[key], [...path, key], depth + 1);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const child = childSchemas(nodes, i, value);
        if (!child.open) walk(child.nodes, item, [...path, i], depth + 1);
      });
    }
  };
  walk([schema], data, [], 0);
  return out;
}
