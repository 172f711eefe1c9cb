/**
 * Guard-rail building blocks for the scenario schema: numbers with bounds and a unit, ISO
 * dates (kept as strings; the Scenario never holds Date objects), dates in order, and
 * distinct ids. Their messages follow the scenario wording, e.g.
 * `expected a number between 0 and 100000 (MW), found 250000`.
 *
 * Cross-field checks (`datesInOrder`, `uniqueBy`, or your own) go in `.superRefine(...)`
 * on the smallest object or list that holds the fields, with {@link whenValid} naming the
 * fields they read: `.superRefine(datesInOrder("startDate", "endDate"),
 * whenValid("startDate", "endDate"))`. See validate.ts for why.
 */
import * as z from "zod";
import { expectedFound } from "./messages.js";

/** Options of {@link boundedNumber}. */
export interface BoundedNumberOptions {
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** The lower bound itself is not allowed (`> min` instead of `≥ min`). */
  readonly exclusiveMin?: boolean;
  /** What the value is, for editors (the unit is appended). */
  readonly description?: string;
}

/**
 * A number in [min, max] (or (min, max] with `exclusiveMin`), in `unit` (e.g. `MW`,
 * `$/MWh`, `J/TH`, `EH/s`, `USD`, `BTC`; "" for a plain ratio). Every failure — wrong type,
 * missing, NaN/infinite, out of range, not whole — gives the same message naming the range
 * and unit, e.g. `expected a number between 0 and 100000 (MW), found 250000`. The
 * description shown in editors is `<description> (<unit>)`.
 */
export function boundedNumber(min: number, max: number, unit: string, options: BoundedNumberOptions = {}): z.ZodNumber {
  if (!(min <= max)) throw new RangeError(`boundedNumber: min ${min} > max ${max}`);
  const noun = options.integer === true ? "an integer" : "a number";
  const range = options.exclusiveMin === true ? `> ${min} and ≤ ${max}` : `between ${min} and ${max}`;
  const expected = `${noun} ${range}${unit.length > 0 ? ` (${unit})` : ""}`;
  const error = (iss: { readonly input?: unknown }) => expectedFound(expected, iss.input);
  let s = options.integer === true ? z.int({ error }) : z.number({ error });
  s = options.exclusiveMin === true ? s.gt(min, { error }) : s.min(min, { error });
  s = s.max(max, { error });
  const description =
    options.description !== undefined ? `${options.description}${unit.length > 0 ? ` (${unit})` : ""}` : unit;
  return description.length > 0 ? s.describe(description) : s;
}

/** ISO 8601 calendar date pattern and real-date check are zod's `z.iso.date()`. */
const DATE_EXPECTED = "an ISO 8601 date YYYY-MM-DD";

/** Options of {@link isoDate}. */
export interface IsoDateOptions {
  /** Earliest allowed date, YYYY-MM-DD (inclusive). */
  readonly min?: string;
  /** Latest allowed date, YYYY-MM-DD (inclusive). */
  readonly max?: string;
  /** What the date is, for editors. */
  readonly description?: string;
}

/**
 * An ISO 8601 calendar date `YYYY-MM-DD` that exists (2024-02-29 yes, 2026-02-30 no),
 * kept as the string (compare dates as strings: the format sorts chronologically).
 * Optional bounds give `expected a date between 2009-01-03 and 2100-12-31, found ...`.
 */
export function isoDate(options: IsoDateOptions = {}): z.ZodISODate {
  const error = (iss: { readonly input?: unknown }) => expectedFound(DATE_EXPECTED, iss.input);
  let s = z.iso.date({ error });
  const { min, max } = options;
  if (min !== undefined || max !== undefined) {
    const expected =
      min !== undefined && max !== undefined
        ? `a date between ${min} and ${max}`
        : min !== undefined
          ? `a date on or after ${min}`
          : `a date on or before ${max as string}`;
    s = s.refine((d) => (min === undefined || d >= min) && (max === undefined || d <= max), {
      error: (iss) => expectedFound(expected, iss.input),
    });
  }
  const description = `${options.description !== undefined ? `${options.description}, ` : ""}ISO 8601 date YYYY-MM-DD`;
  return s.describe(description);
}

/**
 * A `superRefine` check for an object: the date at key `later` must come after the one at
 * `earlier` (or on the same day with `allowEqual`). Skipped when either is absent. The
 * issue is on `later`: `expected a date after start (2026-01-01), found "2025-06-30"`.
 */
export function datesInOrder<K extends string>(
  earlier: K,
  later: K,
  options: { readonly allowEqual?: boolean } = {},
): (value: { readonly [key in K]?: unknown }, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    const a = value[earlier];
    const b = value[later];
    if (typeof a !== "string" || typeof b !== "string") return;
    const ok = options.allowEqual === true ? b >= a : b > a;
    if (!ok) {
      ctx.addIssue({
        code: "custom",
        path: [later],
        input: b,
        message: expectedFound(`a date ${options.allowEqual === true ? "on or after" : "after"} ${earlier} (${a})`, b),
      });
    }
  };
}

/**
 * A `superRefine` check for a list of maps: the values at `field` must be distinct. The
 * issue is on the repeated item's field: `duplicate id "MARA" (also item 0)`.
 */
export function uniqueBy(field: string): (items: readonly unknown[], ctx: z.RefinementCtx) => void {
  return (items, ctx) => {
    const seen = new Map<unknown, number>();
    items.forEach((item, i) => {
      if (typeof item !== "object" || item === null || !(field in item)) return;
      const v = (item as Record<string, unknown>)[field];
      const first = seen.get(v);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [i, field],
          input: v,
          message: `duplicate ${field} ${JSON.stringify(v)} (also item ${first})`,
        });
      } else {
        seen.set(v, i);
      }
    });
  };
}

/**
 * Parameters for `.superRefine(check, whenValid("powerMW", "contracts"))`: the check runs
 * only when the named keys of the object (every key, if none is named) parsed without
 * issues. zod 4 otherwise runs an object's refinements after non-fatal issues of its
 * keys (a number out of range, say), so a cross-field check would report nonsense about a
 * value that is already reported as wrong (e.g. "contracts exceed a capacity of -5 MW").
 * Issues elsewhere in the file do not stop the check: zod scopes them per object.
 */
export function whenValid(...keys: string[]): z.core.$ZodSuperRefineParams {
  const watched = new Set<PropertyKey>(keys);
  return {
    when: (payload) =>
      !payload.issues.some((i) => watched.size === 0 || (i.path !== undefined && watched.has(i.path[0] as PropertyKey))),
  };
}
