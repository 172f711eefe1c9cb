/**
 * The compiled plan of a run, stored two ways:
 *
 * - plan.json: exactly `canonicalJson(plan)` (montecarlo/canonical-hash.ts: sorted keys,
 *   typed arrays tagged `{"$type":"Float64Array","data":[…]}`, NaN/±Infinity/−0 as the
 *   strings "$NaN", "$Infinity", "$-Infinity", "$-0"). Its SHA-256 is the run's plan hash
 *   (the one every aggregate carries), and {@link planFromJson} rebuilds the plan exactly,
 *   so a run folder alone is enough to re-simulate any of its paths (replay, compare).
 * - manifest.json `scenario.plan`: the same canonical JSON with typed arrays shown as
 *   plain arrays, for people reading the manifest.
 */
import { canonicalJson, planHash } from "../montecarlo/index.js";
import { ResultError } from "./errors.js";

const SPECIAL: Readonly<Record<string, number>> = { $NaN: NaN, $Infinity: Infinity, "$-Infinity": -Infinity, "$-0": -0 };

type TypedArrayCtor = new (values: ArrayLike<number> | ArrayLike<bigint>) => ArrayBufferView;

const TYPED: Readonly<Record<string, TypedArrayCtor>> = {
  Float64Array: Float64Array as unknown as TypedArrayCtor,
  Float32Array: Float32Array as unknown as TypedArrayCtor,
  Int32Array: Int32Array as unknown as TypedArrayCtor,
  Uint32Array: Uint32Array as unknown as TypedArrayCtor,
  Int16Array: Int16Array as unknown as TypedArrayCtor,
  Uint16Array: Uint16Array as unknown as TypedArrayCtor,
  Int8Array: Int8Array as unknown as TypedArrayCtor,
  Uint8Array: Uint8Array as unknown as TypedArrayCtor,
  Uint8ClampedArray: Uint8ClampedArray as unknown as TypedArrayCtor,
  BigInt64Array: BigInt64Array as unknown as TypedArrayCtor,
  BigUint64Array: BigUint64Array as unknown as TypedArrayCtor,
};

function isTypedTag(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 2 && typeof v["$type"] === "string" && Array.isArray(v["data"]);
}

function revive(value: unknown): unknown {
  if (typeof value === "string") return Object.hasOwn(SPECIAL, value) ? SPECIAL[value] : value;
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (isTypedTag(record)) {
      const type = record["$type"] as string;
      const data = record["data"] as unknown[];
      const ctor = Object.hasOwn(TYPED, type) ? TYPED[type] : undefined;
      if (ctor === undefined) throw new ResultError("BAD_FORMAT", `plan: unknown typed array type ${type}`);
      if (type.startsWith("Big")) return new ctor(data.map((v) => BigInt(v as string)));
      return new ctor(data.map((v) => revive(v) as number));
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(record)) out[k] = revive(record[k]);
    return out;
  }
  return value;
}

/** The text of plan.json: `canonicalJson(plan)` and a final line end. */
export function planJson(plan: unknown): string {
  return `${canonicalJson(plan)}\n`;
}

/**
 * The plan stored in plan.json text, rebuilt with its typed arrays and special numbers.
 * Checks that it hashes back to `expectedHash` when given (ResultError CHECKSUM_MISMATCH),
 * which also proves the round trip exact.
 */
export function planFromJson(text: string, expectedHash?: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ResultError("BAD_FORMAT", `plan.json is not JSON: ${(err as Error).message}`);
  }
  const plan = revive(parsed);
  if (expectedHash !== undefined) {
    const hash = planHash(plan);
    if (hash !== expectedHash) throw new ResultError("CHECKSUM_MISMATCH", `plan.json hashes to ${hash}, the run's plan hash is ${expectedHash}`);
  }
  return plan;
}

/**
 * The plan as readable JSON data for manifest.json: canonical (sorted keys), typed arrays as
 * plain arrays, NaN/±Infinity/−0 as the strings "$NaN", "$Infinity", "$-Infinity", "$-0".
 */
export function readablePlan(plan: unknown): unknown {
  const parsed = JSON.parse(canonicalJson(plan)) as unknown;
  const untag = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(untag);
    if (v !== null && typeof v === "object") {
      const r = v as Record<string, unknown>;
      if (isTypedTag(r)) return (r["data"] as unknown[]).map(untag);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(r)) out[k] = untag(r[k]);
      return out;
    }
    return v;
  };
  return untag(parsed);
}
