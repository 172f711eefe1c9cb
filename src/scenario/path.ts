/**
 * Key paths: how issues name a place in a scenario (`miners[2].powerMW`) and the dotted
 * path syntax that sweeps and `extends.replace` use to point into a scenario.
 *
 * Key-path syntax (one path per string):
 *
 *     network.exitSpeed              keys separated by dots
 *     miners[2].powerMW              [n]: the n-th item (0-based) of a list
 *     miners[id=MARA].strategy       [field=value]: the one list item whose `field` equals
 *                                    `value` (compared as text); it must match exactly one item
 *
 * A key is any run of characters other than `.`, `[`, `]` and whitespace; a selector value is
 * any text up to the next `]` (surrounding spaces trimmed).
 */

/** One step of a concrete path into plain data: an object key or a list index. */
export type PathSegment = string | number;
/** A concrete path into plain data. */
export type DataPath = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The display form of a concrete path: `miners[2].powerMW`; keys that are not identifiers
 * are quoted (`sweep.grid["network.exitSpeed"][1]`); the empty path is `""`.
 */
export function formatPath(path: DataPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out.length === 0 ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** One step of a key path as written in a sweep or `replace` list. */
export type KeyPathStep =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "select"; readonly field: string; readonly value: string };

/** Thrown by {@link parseKeyPath}; the message says what is wrong with the text. */
export class KeyPathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyPathSyntaxError";
  }
}

const KEY_CHARS = /[^.[\]\s]/;

/** Parses a key path (syntax in the module comment); throws {@link KeyPathSyntaxError}. */
export function parseKeyPath(text: string): KeyPathStep[] {
  const steps: KeyPathStep[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) throw new KeyPathSyntaxError("empty key path");
  let expectKey = true;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === "[") {
      if (steps.length === 0) throw new KeyPathSyntaxError(`"${text}" must start with a key, not "["`);
      const close = text.indexOf("]", i + 1);
      if (close < 0) throw new KeyPathSyntaxError(`"${text}": "[" at ${i + 1} is never closed`);
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) {
        steps.push({ kind: "index", index: Number(inner) });
      } else {
        const eq = inner.indexOf("=");
        const field = eq < 0 ? "" : inner.slice(0, eq).trim();
        const value = eq < 0 ? "" : inner.slice(eq + 1).trim();
        if (field.length === 0 || value.length === 0 || /[\s[\]]/.test(field)) {
          throw new KeyPathSyntaxError(
            `"${text}": "[${inner}]" is neither a list index like [2] nor a selector like [id=MARA]`,
          );
        }
        steps.push({ kind: "select", field, value });
      }
      i = close + 1;
      expectKey = false;
    } else if (ch === ".") {
      if (expectKey || i === n - 1) throw new KeyPathSyntaxError(`"${text}": empty key at position ${i + 1}`);
      i++;
      expectKey = true;
    } else {
      if (!expectKey) throw new KeyPathSyntaxError(`"${text}": expected "." or "[" at position ${i + 1}`);
      let j = i;
      while (j < n && KEY_CHARS.test(text[j] as string)) j++;
      if (j === i) throw new KeyPathSyntaxError(`"${text}": unexpected ${JSON.stringify(ch)} at position ${i + 1}`);
      steps.push({ kind: "key", key: text.slice(i, j) });
      i = j;
      expectKey = false;
    }
  }
  if (expectKey) throw new KeyPathSyntaxError(`"${text}": ends with "."`);
  return steps;
}

/** The text of a key path (inverse of {@link parseKeyPath} for parsed paths). */
export function formatKeyPath(steps: readonly KeyPathStep[]): string {
  let out = "";
  for (const s of steps) {
    if (s.kind === "key") out += out.length === 0 ? s.key : `.${s.key}`;
    else if (s.kind === "index") out += `[${s.index}]`;
    else out += `[${s.field}=${s.value}]`;
  }
  return out;
}

/** True for a plain data object (a YAML map): not null, not an array. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Result of {@link resolveKeyPath}. */
export type ResolvedKeyPath =
  | { readonly ok: true; readonly path: PathSegment[] }
  | {
      readonly ok: false;
      /** Index of the step that failed. */
      readonly step: number;
      readonly message: string;
      /** For a selector that matched nothing: the existing values of that field. */
      readonly candidates?: readonly string[];
    };

/**
 * Turns a key path into a concrete path against `data`: indices must exist and selectors
 * must match exactly one item. Keys need not exist (a sweep or override may set a key that
 * the file leaves to its default); whether a key is allowed is the schema's business.
 */
export function resolveKeyPath(data: unknown, steps: readonly KeyPathStep[]): ResolvedKeyPath {
  const path: PathSegment[] = [];
  let cur: unknown = data;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as KeyPathStep;
    const where = formatPath(path);
    if (step.kind === "key") {
      path.push(step.key);
      cur = isPlainObject(cur) ? cur[step.key] : undefined;
      continue;
    }
    if (!Array.isArray(cur)) {
      return {
        ok: false,
        step: s,
        message: `${where} is ${cur === undefined ? "not set" : "not a list"}, so ${formatKeyPath([step])} selects nothing`,
      };
    }
    if (step.kind === "index") {
      if (step.index >= cur.length) {
        return {
          ok: false,
          step: s,
          message: `index ${step.index} is out of range: ${where} has ${cur.length} item${cur.length === 1 ? "" : "s"}`,
        };
      }
      path.push(step.index);
      cur = cur[step.index];
      continue;
    }
    const matches: number[] = [];
    const candidates: string[] = [];
    cur.forEach((item, idx) => {
      if (!isPlainObject(item) || !(step.field in item)) return;
      const v = item[step.field];
      if (typeof v === "object" && v !== null) return;
      candidates.push(String(v));
      if (String(v) === step.value) matches.push(idx);
    });
    if (matches.length !== 1) {
      const message =
        matches.length === 0
          ? `no item of ${where} has ${step.field}=${step.value}` +
            (candidates.length > 0 ? ` (${step.field}s: ${candidates.join(", ")})` : "")
          : `${matches.length} items of ${where} have ${step.field}=${step.value} (items ${matches.join(", ")}); a selector must match one`;
      return { ok: false, step: s, message, candidates };
    }
    const idx = matches[0] as number;
    path.push(idx);
    cur = cur[idx];
  }
  return { ok: true, path };
}

/** The value at a concrete path, or undefined where the path leaves the data. */
export function getAt(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (typeof seg === "number") cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isPlainObject(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** True when `prefix` is a prefix of (or equal to) `path`. */
export function pathStartsWith(path: DataPath, prefix: DataPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}
