/**
 * The wording of scenario error messages, shared by the validator's default messages and
 * the guard-rail helpers, so every message reads `expected <what>, found <value>`.
 */

const MAX_SHOWN_CHARS = 40;

/**
 * A short description of a value as the user wrote it: strings quoted (and cut after 40
 * characters), numbers as written, `nothing` for a missing value, lists and maps by size.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null (an empty value)";
  if (typeof v === "string") {
    const s = v.length > MAX_SHOWN_CHARS ? `${v.slice(0, MAX_SHOWN_CHARS)}…` : v;
    return JSON.stringify(s);
  }
  if (typeof v === "number") return Number.isNaN(v) ? ".nan" : Number.isFinite(v) ? String(v) : v > 0 ? ".inf" : "-.inf";
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0) return "an empty map";
    const shown = keys.slice(0, 4).join(", ");
    return `a map with key${keys.length === 1 ? "" : "s"} ${shown}${keys.length > 4 ? ", …" : ""}`;
  }
  return typeof v;
}

/**
 * `expected <expected>, found <value>`; for a missing value (undefined)
 * `required key is missing: expected <expected>`.
 */
export function expectedFound(expected: string, input: unknown): string {
  if (input === undefined) return `required key is missing: expected ${expected}`;
  return `expected ${expected}, found ${describeValue(input)}`;
}

/** The noun phrase for a zod type name (`number` → `a number`). */
export function typeNoun(type: string): string {
  switch (type) {
    case "number":
      return "a number";
    case "int":
      return "an integer";
    case "string":
      return "text (a string)";
    case "boolean":
      return "true or false";
    case "object":
      return "a map of keys";
    case "array":
      return "a list";
    case "null":
      return "null";
    case "record":
      return "a map of keys";
    case "tuple":
      return "a list";
    case "bigint":
      return "an integer";
    case "date":
      return "a date";
    default:
      return type;
  }
}

/** `"a", "b" or "c"` — a list of allowed values for a message. */
export function listAlternatives(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v)));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1] as string}`;
}

/**
 * The parts of a message written by {@link expectedFound}: `expected` (and `found`, unless
 * the value was missing); undefined for a message of another form.
 */
export function splitExpectedFound(message: string): { expected: string; found?: string } | undefined {
  const missing = /^required key is missing: expected (.+)$/s.exec(message);
  if (missing !== null) return { expected: missing[1] as string };
  const m = /^expected (.+), found (.+)$/s.exec(message);
  if (m === null) return undefined;
  return { expected: m[1] as string, found: m[2] as string };
}
