/**
 * Validating plain scenario data with a zod 4 schema, and turning zod's issues into
 * {@link ScenarioIssue}s that name the file, line, column and key path, say what was
 * expected and what was found, and suggest the key or value probably meant.
 *
 * Every issue is reported at once. Unknown keys are errors: `z.strictObject` reports them
 * through zod (`unrecognized_keys`), and keys that a plain `z.object` would silently drop
 * are reported here too ({@link findStrippedKeys}). Messages that the schema itself
 * defines (custom `error` functions, `superRefine`/`check` issues) are kept as written;
 * zod's default messages are replaced by {@link scenarioErrorMap}'s wording.
 *
 * Cross-field checks: attach them with `.superRefine((value, ctx) => ctx.addIssue({ code:
 * "custom", path: [...], message, input }), whenValid("a", "b"))` to the smallest object
 * that holds all the fields involved (e.g. a miner, for "contracts larger than the miner's
 * capacity"); `path` is relative to that object. zod scopes issues per object, so such a
 * check still runs (and is reported with everything else) when another part of the file
 * is wrong; `whenValid` (guards.ts) keeps it from running on fields that are themselves
 * invalid.
 */
import * as z from "zod";
import type { ScenarioIssue } from "./errors.js";
import { describeValue, expectedFound, listAlternatives, splitExpectedFound, typeNoun } from "./messages.js";
import { formatPath, getAt, type PathSegment } from "./path.js";
import type { Locator } from "./provenance.js";
import { allowedKeys, findStrippedKeys, schemaAtPath } from "./schemaWalk.js";
import { suggest } from "./suggest.js";

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/** How many allowed keys an "unknown key" message lists when it has no suggestion. */
const MAX_LISTED_KEYS = 15;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * What an issue expected, in words (`a number ≥ 0`, `one of "a" or "b"`), for the zod
 * issue codes that describe an expectation; undefined for the others.
 */
export function describeExpected(iss: RawIssue | Issue): string | undefined {
  switch (iss.code) {
    case "invalid_type":
      return typeNoun(iss.expected);
    case "too_small": {
      const min = String(iss.minimum);
      if (iss.origin === "array" || iss.origin === "set") return `at least ${plural(Number(iss.minimum), "item")}`;
      if (iss.origin === "string") return `text of at least ${plural(Number(iss.minimum), "character")}`;
      return `a number ${iss.inclusive === false ? ">" : "≥"} ${min}`;
    }
    case "too_big": {
      const max = String(iss.maximum);
      if (iss.origin === "array" || iss.origin === "set") return `at most ${plural(Number(iss.maximum), "item")}`;
      if (iss.origin === "string") return `text of at most ${plural(Number(iss.maximum), "character")}`;
      return `a number ${iss.inclusive === false ? "<" : "≤"} ${max}`;
    }
    case "invalid_value":
      return iss.values.length === 1 ? listAlternatives(iss.values) : `one of ${listAlternatives(iss.values)}`;
    case "invalid_format":
      if (iss.format === "date") return "an ISO 8601 date YYYY-MM-DD";
      if (iss.format === "datetime") return "an ISO 8601 date and time";
      if (iss.format === "regex" && "pattern" in iss && typeof iss.pattern === "string") return `text matching ${iss.pattern}`;
      return `text in ${iss.format} format`;
    case "not_multiple_of":
      return `a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
}

/**
 * The per-parse zod error map for scenarios: `expected <what>, found <value>` wording for
 * zod's built-in issues. Schema-level messages take precedence over it (zod 4 order:
 * schema `error` > per-parse `error` > global), so custom messages stay as written.
 */
export const scenarioErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "unrecognized_keys") {
    return `unknown key${iss.keys.length === 1 ? "" : "s"} ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}`;
  }
  if (iss.code === "invalid_union") return `expected one of the allowed forms, found ${describeValue(iss.input)}`;
  const expected = describeExpected(iss);
  if (expected === undefined) return undefined;
  return expectedFound(expected, iss.input);
};

/** Result of {@link validateData}. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/** Options of {@link validateData}. */
export interface ValidateOptions {
  /** Sweep variant name to attach to every issue. */
  readonly variant?: string;
}

/**
 * Validates `data` with `schema` and maps every problem to a located {@link ScenarioIssue}.
 * Synchronous: schemas with async refinements are not supported.
 */
export function validateData<S extends z.ZodType>(
  schema: S,
  data: unknown,
  locator: Locator,
  options: ValidateOptions = {},
): ValidationResult<z.output<S>> {
  const result = schema.safeParse(data, { reportInput: true, error: scenarioErrorMap });
  const issues: ScenarioIssue[] = [];
  const variant = options.variant !== undefined ? { variant: options.variant } : {};

  const push = (
    path: readonly PathSegment[],
    message: string,
    extra: { expected?: string | undefined; found?: string | undefined; suggestion?: string | undefined; key?: boolean } = {},
  ): void => {
    const loc = locator.locate(path, extra.key === true ? { key: true } : undefined);
    issues.push({
      ...loc,
      path: formatPath(path),
      message,
      ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
      ...(extra.found !== undefined ? { found: extra.found } : {}),
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
      ...variant,
    });
  };

  const unknownKey = (objPath: readonly PathSegment[], key: string, allowed: readonly string[]): void => {
    const suggestion = suggest(key, allowed);
    let message = `unknown key "${key}"`;
    if (suggestion === undefined && allowed.length > 0 && allowed.length <= MAX_LISTED_KEYS) {
      message += `; allowed here: ${allowed.join(", ")}`;
    }
    push([...objPath, key], message, { found: JSON.stringify(key), suggestion, key: true });
  };

  const mapIssue = (iss: Issue, prefix: readonly PathSegment[]): void => {
    const path: PathSegment[] = [...prefix, ...iss.path.map((p) => (typeof p === "number" ? p : String(p)))];
    switch (iss.code) {
      case "unrecognized_keys": {
        const at = schemaAtPath(schema, path, data);
        const objData = getAt(data, path);
        const allowed = new Set<string>();
        for (const n of at.nodes) for (const k of allowedKeys(n, objData).keys) allowed.add(k);
        for (const key of iss.keys) unknownKey(path, key, [...allowed]);
        return;
      }
      case "invalid_union": {
        if (iss.discriminator !== undefined) {
          // A discriminated union whose discriminator value matched no member; zod puts
          // the path on the discriminator key.
          const found = getAt(data, path);
          const options: unknown[] = "options" in iss && iss.options !== undefined ? iss.options : [];
          const expected = options.length > 0 ? `one of ${listAlternatives(options)}` : "an allowed value";
          push(path, expectedFound(expected, found), {
            expected,
            found: describeValue(found),
            suggestion: typeof found === "string" ? suggest(found, options.map(String)) : undefined,
          });
          return;
        }
        // A plain union: if some members matched the value's type and failed deeper,
        // report the member with the fewest issues as if it were the only one.
        const deep = iss.errors.filter((errs) => errs.length > 0 && errs.every((e) => e.path.length > 0));
        if (deep.length > 0) {
          const best = deep.reduce((a, b) => (b.length < a.length ? b : a));
          for (const e of best) mapIssue(e, path);
          return;
        }
        const forms = new Set<string>();
        for (const errs of iss.errors) {
          for (const e of errs) {
            if (e.path.length > 0) continue;
            const ex = describeExpected(e);
            if (ex !== undefined) forms.add(ex);
          }
        }
        const expected = forms.size > 0 ? [...forms].join(" or ") : "one of the allowed forms";
        const found = iss.input !== undefined ? iss.input : getAt(data, path);
        push(path, expectedFound(expected, found), { expected, found: describeValue(found) });
        return;
      }
      default: {
        const input = iss.input !== undefined ? iss.input : getAt(data, path);
        // The schema's own message wins over the issue code's default wording, so the
        // structured "expected" is read back from the message when it has that form.
        const expected = splitExpectedFound(iss.message)?.expected;
        let suggestion: string | undefined;
        if (iss.code === "invalid_value" && typeof input === "string") {
          suggestion = suggest(
            input,
            iss.values.filter((v): v is string => typeof v === "string"),
          );
        }
        push(path, iss.message, {
          expected,
          found: iss.code === "custom" && iss.input === undefined ? undefined : describeValue(input),
          suggestion,
        });
      }
    }
  };

  if (!result.success) for (const iss of result.error.issues) mapIssue(iss, []);
  for (const s of findStrippedKeys(schema, data)) unknownKey(s.path, s.key, s.allowed);

  if (issues.length > 0) return { ok: false, issues };
  if (!result.success) {
    // Unreachable: a failed parse always has at least one issue.
    return { ok: false, issues: [{ ...locator.locate([]), path: "", message: "invalid scenario", ...variant }] };
  }
  return { ok: true, value: result.data };
}

/**
 * An issue at a key path of loaded data, located through `locator` (e.g. a loaded
 * scenario's `provenance`): for problems found after validation, such as while compiling
 * a Scenario to a Plan. Throw `new ScenarioError([...])` with it to report like the loader.
 */
export function locatedIssue(
  locator: Locator,
  path: readonly PathSegment[],
  message: string,
  extra: { readonly suggestion?: string; readonly variant?: string; readonly key?: boolean } = {},
): ScenarioIssue {
  return {
    ...locator.locate(path, extra.key === true ? { key: true } : undefined),
    path: formatPath(path),
    message,
    ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    ...(extra.variant !== undefined ? { variant: extra.variant } : {}),
  };
}
