/**
 * Canonical JSON and SHA-256 identities of layouts and plans.
 *
 * Aggregates carry the hash of the layout and of the plan they were computed from, so that
 * partials of different runs are never merged (a shard of scenario A with a shard of B, a
 * checkpoint of 10,000 paths resumed as a run of 20,000...). The hash must not depend on
 * the order in which an object's keys were written, so objects are serialized with sorted
 * keys; numbers use JavaScript's shortest round-trip form (the same float64 always gives
 * the same text); NaN, ±Infinity and -0 are written as tagged strings (plain JSON would turn
 * the first three into null and lose the sign of -0); typed arrays are tagged with their
 * type so that a Float64Array and an array of the same numbers hash differently.
 */
import { createHash } from "node:crypto";
import { layoutToJson, type RecordLayout } from "./layout.js";

function numberText(x: number): string {
  if (Number.isNaN(x)) return '"$NaN"';
  if (x === Infinity) return '"$Infinity"';
  if (x === -Infinity) return '"$-Infinity"';
  if (Object.is(x, -0)) return '"$-0"';
  return JSON.stringify(x);
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "number":
      out.push(numberText(value));
      return;
    case "string":
    case "boolean":
      out.push(JSON.stringify(value));
      return;
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot serialize ${typeof value} at ${path || "(root)"}`);
  }
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) throw new TypeError(`canonicalJson: DataView at ${path || "(root)"}`);
    const typed = value as unknown as ArrayLike<number | bigint>;
    out.push(`{"$type":${JSON.stringify(value.constructor.name)},"data":[`);
    for (let i = 0; i < typed.length; i++) {
      if (i > 0) out.push(",");
      const v = typed[i]!;
      out.push(typeof v === "bigint" ? JSON.stringify(v.toString()) : numberText(v));
    }
    out.push("]}");
    return;
  }
  if (Array.isArray(value)) {
    out.push("[");
    value.forEach((v, i) => {
      if (i > 0) out.push(",");
      write(v === undefined ? null : v, out, `${path}[${i}]`);
    });
    out.push("]");
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: ${String((value as object).constructor?.name)} at ${path || "(root)"} is not plain data`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  out.push("{");
  keys.forEach((k, i) => {
    if (i > 0) out.push(",");
    out.push(JSON.stringify(k), ":");
    write(record[k], out, path ? `${path}.${k}` : k);
  });
  out.push("}");
}

/**
 * Canonical JSON text of plain data (objects, arrays, strings, numbers, booleans, null,
 * typed arrays): sorted keys, undefined properties dropped, special numbers tagged.
 * Throws a TypeError on functions, symbols, bigints outside typed arrays, class instances.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, "");
  return out.join("");
}

/** SHA-256 of a string (UTF-8) or bytes, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The identity of a plan: SHA-256 of its canonical JSON. */
export function planHash(plan: unknown): string {
  return sha256Hex(canonicalJson(plan));
}

/** Version tag mixed into {@link layoutHash}: bump it if the cell order of layout.ts changes. */
export const LAYOUT_SCHEMA = "hashrate-exodus/mc-layout-v1";

/** The identity of a record layout: SHA-256 of the canonical JSON of its contract fields. */
export function layoutHash(layout: RecordLayout): string {
  return sha256Hex(canonicalJson({ schema: LAYOUT_SCHEMA, layout: layoutToJson(layout) }));
}
