/**
 * Reading one scenario file: a size cap checked before reading, YAML parsing with the
 * `yaml` package (core schema, unique keys), conversion to plain JSON-like data with alias
 * and size limits, and a map from key paths back to line and column.
 *
 * What a scenario file may contain: maps, lists, strings, numbers, booleans and null — the
 * YAML 1.2 core schema. There is no timestamp type, so `2026-03-01` stays the string
 * "2026-03-01" (dates are validated as ISO strings by the schema). Explicit tags other than
 * the standard `!!str !!int !!float !!bool !!null !!map !!seq` are errors (`!!binary` would
 * otherwise become a Buffer), as are keys that are not plain scalars, the key `__proto__`,
 * several documents in one file and duplicate keys.
 *
 * Limits (each refusal is a clear ScenarioError, never a hang): the file size is checked
 * with `stat` before reading (default 1 MiB); anchors and aliases are allowed, but at most
 * 100 alias expansions per file (a "billion laughs" alias bomb is refused after the 101st,
 * in microseconds); the expanded data may hold at most 200,000 values nested at most 64
 * deep (flow nesting is checked by a scan before parsing, because yaml's parser recurses
 * once per level). Measured here (2 shared cores): the worst 1 MiB inputs (a flat map of
 * 120,000 keys, a flow list of 400,000 numbers) take 1-3 s to parse; real scenario files
 * are a few KiB.
 */
import { statSync, readFileSync } from "node:fs";
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from "yaml";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { formatPath, type DataPath, type PathSegment } from "./path.js";

/** Default size cap of a scenario file (bytes). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Default cap on alias expansions per file. */
export const MAX_ALIAS_COUNT = 100;
/** Default cap on values (scalars, maps and lists) after alias expansion. */
export const MAX_VALUE_NODES = 200_000;
/** Default cap on nesting depth. */
export const MAX_NESTING_DEPTH = 64;

/** Limits applied when reading and parsing; each defaults to the constant of that name. */
export interface YamlLimits {
  /** Largest accepted file or text, bytes (default {@link MAX_SCENARIO_BYTES}). */
  readonly maxBytes?: number;
  /** Most alias expansions per file (default {@link MAX_ALIAS_COUNT}; 0 forbids aliases). */
  readonly maxAliasCount?: number;
  /** Most values after alias expansion (default {@link MAX_VALUE_NODES}). */
  readonly maxNodes?: number;
  /** Deepest nesting (default {@link MAX_NESTING_DEPTH}). */
  readonly maxDepth?: number;
}

/** A line and column, both 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed scenario file: its plain data and a way back from key paths to positions. */
export interface YamlSource {
  /** The file name used in messages. */
  readonly file: string;
  /** The file's content as plain data (maps are plain objects, lists arrays). */
  readonly data: unknown;
  /**
   * The position of the value at `path` (of its key when `key` is set). Where the path
   * leaves the file (a missing key), the position of the deepest key on the way that
   * exists, so a "missing key" error points at the map that lacks it.
   */
  locate(path: DataPath, options?: { readonly key?: boolean }): Position;
}

const ALLOWED_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}

/** Result of {@link readTextWithLimit}: the text, or why it could not be read. */
export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a UTF-8 file after checking with `stat` that it is a regular file no larger than
 * `maxBytes`: an oversized file is refused without reading a byte of it.
 */
export function readTextWithLimit(absPath: string, maxBytes: number = MAX_SCENARIO_BYTES): ReadResult {
  let size: number;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return { ok: false, reason: "not a regular file" };
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ENOENT" ? "no such file" : `cannot read it (${code ?? String(err)})` };
  }
  if (size > maxBytes) {
    return {
      ok: false,
      reason: `the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for scenario files`,
    };
  }
  let text: string;
  try {
    text = readFileSync(absPath, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot read it (${code ?? String(err)})` };
  }
  // The file may have grown between stat and read.
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    return { ok: false, reason: `the file is over the ${formatBytes(maxBytes)} limit for scenario files` };
  }
  return { ok: true, text };
}

/** The first line of a yaml error message, without yaml's " at line L, column C:" suffix. */
function yamlErrorText(e: YAMLError): string {
  const first = e.message.split("\n")[0] ?? e.message;
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

class ConversionLimit extends Error {}

/**
 * Offset of the first `[` or `{` nested deeper than `limit` flow levels, or -1. A quick
 * scan that skips quoted strings and comments; brackets inside plain scalars may be
 * counted too, which can only make it refuse earlier, never hang.
 */
export function flowDepthExceeded(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const prev = i === 0 ? " " : (text[i - 1] as string);
      if (!/[\s[{,:]/.test(prev)) continue;
      for (i++; i < n; i++) {
        const d = text[i];
        if (c === '"' && d === "\\") i++;
        else if (d === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "[" || c === "{") {
      if (++depth > limit) return i;
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
  }
  return -1;
}

function isEmptyRange(node: YamlNode): boolean {
  const r = node.range;
  return r !== undefined && r !== null && r[0] === r[1];
}

/**
 * Parses YAML text into a {@link YamlSource}; throws a {@link ScenarioError} listing every
 * syntax error (with line and column) or every disallowed construct.
 */
export function parseScenarioYaml(text: string, file: string, limits: YamlLimits = {}): YamlSource {
  const maxBytes = limits.maxBytes ?? MAX_SCENARIO_BYTES;
  const maxAliasCount = limits.maxAliasCount ?? MAX_ALIAS_COUNT;
  const maxNodes = limits.maxNodes ?? MAX_VALUE_NODES;
  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH;

  const fail = (message: string, pos?: Position): never => {
    throw new ScenarioError([{ file, path: "", message, ...(pos ? { line: pos.line, column: pos.column } : {}) }]);
  };
  if (text.length > maxBytes || Buffer.byteLength(text, "utf8") > maxBytes) {
    fail(`the text is over the ${formatBytes(maxBytes)} limit for scenario files`);
  }

  // yaml's parser recurses per nesting level: refuse absurd flow nesting before parsing.
  const deep = flowDepthExceeded(text, maxDepth);
  if (deep >= 0) {
    const before = text.slice(0, deep);
    fail(`nested more than ${maxDepth} levels deep`, {
      line: before.split("\n").length,
      column: deep - before.lastIndexOf("\n"),
    });
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: true,
      // Duplicate keys are checked below in linear time; yaml's own check compares every
      // key with every earlier one (~100 s for a 1 MiB map of distinct keys, measured).
      uniqueKeys: false,
      strict: true,
      schema: "core",
      merge: false,
      intAsBigInt: false,
      keepSourceTokens: false,
    });
  } catch (err) {
    return fail(`cannot parse YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const posAt = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const syntax: ScenarioIssue[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const lp = e.linePos?.[0] ?? posAt(e.pos[0]);
    const line = "line" in lp ? lp.line : 1;
    const column = "col" in lp ? lp.col : "column" in lp ? lp.column : 1;
    syntax.push({ file, line, column, path: "", message: `YAML: ${yamlErrorText(e)}` });
  }
  if (syntax.length > 0) throw new ScenarioError(syntax);

  // Convert the node tree to plain data ourselves (rather than doc.toJS) so that tags,
  // key types and alias expansion are checked with positions and hard limits.
  const issues: ScenarioIssue[] = [];
  const issueAt = (node: YamlNode | null | undefined, message: string, path: readonly PathSegment[] = []): void => {
    const start = node?.range?.[0] ?? 0;
    const p = posAt(start);
    issues.push({ file, line: p.line, column: p.column, path: formatPath(path), message });
  };
  let aliasCount = 0;
  let nodeCount = 0;
  const stack = new Set<unknown>();

  const convert = (node: unknown, path: PathSegment[]): unknown => {
    if (node === null || node === undefined) return null;
    if (++nodeCount > maxNodes) {
      issueAt(node as YamlNode, `too much data: over ${maxNodes} values after expanding aliases`, path);
      throw new ConversionLimit();
    }
    if (path.length > maxDepth) {
      issueAt(node as YamlNode, `nested more than ${maxDepth} levels deep`, path);
      throw new ConversionLimit();
    }
    if (isAlias(node)) {
      if (++aliasCount > maxAliasCount) {
        issueAt(
          node,
          maxAliasCount === 0
            ? "YAML aliases are not allowed here"
            : `too many YAML alias expansions (over ${maxAliasCount}); refusing a possible alias bomb`,
          path,
        );
        throw new ConversionLimit();
      }
      const target = node.resolve(doc);
      if (target === undefined) {
        issueAt(node, `YAML alias *${node.source} refers to no anchor defined before it`, path);
        return null;
      }
      if (stack.has(target)) {
        issueAt(node, `YAML alias *${node.source} refers to a map or list that contains it`, path);
        throw new ConversionLimit();
      }
      return convert(target, path);
    }
    const tagged = node as YamlNode;
    if (tagged.tag !== undefined && !ALLOWED_TAGS.has(tagged.tag)) {
      issueAt(tagged, `the YAML tag ${tagged.tag.replace("tag:yaml.org,2002:", "!!")} is not allowed in scenario files`, path);
      return null;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
      issueAt(node, `unsupported YAML value of type ${typeof v}`, path);
      return null;
    }
    if (isMap(node)) {
      stack.add(node);
      const out: Record<string, unknown> = {};
      const firstLine = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (!isScalar(key) || !(typeof key.value === "string" || typeof key.value === "number" || typeof key.value === "boolean")) {
          issueAt((key ?? pair.value) as YamlNode | null, "map keys must be plain words or numbers", path);
          continue;
        }
        const k = String(key.value);
        const keyLine = posAt(key.range?.[0] ?? 0).line;
        const first = firstLine.get(k);
        if (first !== undefined) {
          issueAt(key, `duplicate key "${k}" (first on line ${first}): map keys must be unique`, [...path, k]);
          continue;
        }
        firstLine.set(k, keyLine);
        if (k === "__proto__") {
          issueAt(key, 'the key "__proto__" is not allowed', path);
          continue;
        }
        out[k] = convert(pair.value, [...path, k]);
      }
      stack.delete(node);
      return out;
    }
    if (isSeq(node)) {
      stack.add(node);
      const out = node.items.map((item, i) => convert(item, [...path, i]));
      stack.delete(node);
      return out;
    }
    issueAt(tagged, "unsupported YAML node", path);
    return null;
  };

  let data: unknown;
  try {
    data = convert(doc.contents, []);
  } catch (err) {
    if (!(err instanceof ConversionLimit)) throw err;
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  const locate = (path: DataPath, options?: { readonly key?: boolean }): Position => {
    let node: unknown = doc.contents;
    let lastKeyPos: number | undefined;
    let pos = 0;
    if (node !== null && node !== undefined) pos = (node as YamlNode).range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      let guard = 0;
      while (isAlias(node) && guard++ < 100) node = node.resolve(doc);
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair === undefined) return posAt(lastKeyPos ?? pos);
        const keyStart = (pair.key as YamlNode).range?.[0] ?? pos;
        if (i === path.length - 1 && options?.key === true) return posAt(keyStart);
        lastKeyPos = keyStart;
        node = pair.value;
        // An empty value (`key:`) has an empty range just after the colon: point at the key.
        if (node === null || node === undefined || (isScalar(node) && node.value === null && isEmptyRange(node))) {
          return posAt(keyStart);
        }
        pos = (node as YamlNode).range?.[0] ?? keyStart;
      } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
        node = node.items[seg];
        if (node === null || node === undefined) return posAt(pos);
        pos = (node as YamlNode).range?.[0] ?? pos;
        lastKeyPos = undefined;
      } else {
        return posAt(lastKeyPos ?? pos);
      }
    }
    return posAt(pos);
  };

  return { file, data, locate };
}

/**
 * Reads and parses one scenario file (size checked before reading); `displayName` is the
 * name used in messages (defaults to `absPath`).
 */
export function readScenarioYaml(absPath: string, displayName: string = absPath, limits: YamlLimits = {}): YamlSource {
  const r = readTextWithLimit(absPath, limits.maxBytes ?? MAX_SCENARIO_BYTES);
  if (!r.ok) throw new ScenarioError([{ file: displayName, path: "", message: `cannot load: ${r.reason}` }]);
  return parseScenarioYaml(r.text, displayName, limits);
}
