/**
 * sweep.csv: one row per variant of a sweep, with the swept keys' values and key outcomes,
 * so that a sweep reads as one table.
 *
 * Columns: `variant` (its name = its folder under the sweep folder), `seed`, then one column
 * per swept key (the key path as written in the sweep block; values as written: numbers in
 * JavaScript's shortest round-trip form, strings as is, lists and maps as JSON), then for
 * each outcome scalar `<entity>.<metric>:p05`, `:p50`, `:p95` (format.ts number rules), then
 * `P(<event name>)` for each named event (its probability; empty for a variant whose layout
 * lacks it).
 *
 * Outcome scalars: those of {@link SWEEP_OUTCOMES} present in every variant's summary; when
 * none is (a model other than hashrate-exodus's own), the first four scalars that every
 * variant has.
 */
import { csvLine, formatNumber } from "./format.js";

/** The key outcomes of sweep.csv, when the layout has them (the full model's network scalars). */
export const SWEEP_OUTCOMES: readonly { readonly entity: string; readonly metric: string }[] = Object.freeze([
  { entity: "network", metric: "hashrateDrawdown" },
  { entity: "network", metric: "minHashprice" },
  { entity: "network", metric: "largestNegativeAdjustment" },
  { entity: "network", metric: "longestEpoch" },
]);

/** What sweep.csv needs of one variant's summary. */
export interface SweepSummaryLike {
  readonly scalars: readonly { readonly entity: string; readonly metric: string; readonly p05: number; readonly p50: number; readonly p95: number }[];
  readonly events: readonly { readonly name: string; readonly probability: number }[];
}

/** One variant of a sweep. */
export interface SweepCsvRow {
  readonly variant: string;
  readonly seed: string | number;
  /** Swept key path as written → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly summary: SweepSummaryLike;
}

/** A swept value as text: numbers exact, strings as is, booleans and null by name, others JSON. */
export function sweepValueText(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return JSON.stringify(v);
}

/** The outcome scalars of a sweep's rows (see the top of this file). */
export function sweepOutcomeFields(rows: readonly SweepCsvRow[]): { entity: string; metric: string }[] {
  const name = (s: { entity: string; metric: string }): string => `${s.entity}.${s.metric}`;
  const common = (s: { entity: string; metric: string }): boolean => rows.every((r) => r.summary.scalars.some((x) => name(x) === name(s)));
  const named = SWEEP_OUTCOMES.filter(common).map((s) => ({ entity: s.entity, metric: s.metric }));
  if (named.length > 0) return named;
  const first = rows[0]?.summary.scalars ?? [];
  return first
    .filter(common)
    .slice(0, 4)
    .map((s) => ({ entity: s.entity, metric: s.metric }));
}

/** sweep.csv text for the variants (in sweep order) and the swept keys (in sweep order). */
export function sweepCsv(keys: readonly string[], rows: readonly SweepCsvRow[]): string {
  const outcomes = sweepOutcomeFields(rows);
  const events: string[] = [];
  for (const r of rows) for (const e of r.summary.events) if (!events.includes(e.name)) events.push(e.name);
  const header = [
    "variant",
    "seed",
    ...keys,
    ...outcomes.flatMap((o) => ["p05", "p50", "p95"].map((q) => `${o.entity}.${o.metric}:${q}`)),
    ...events.map((e) => `P(${e})`),
  ];
  const parts = [csvLine(header)];
  for (const r of rows) {
    const fields = [r.variant, String(r.seed), ...keys.map((k) => sweepValueText(r.overrides[k]))];
    for (const o of outcomes) {
      const s = r.summary.scalars.find((x) => x.entity === o.entity && x.metric === o.metric)!;
      fields.push(formatNumber(s.p05), formatNumber(s.p50), formatNumber(s.p95));
    }
    for (const e of events) fields.push(formatNumber(r.summary.events.find((x) => x.name === e)?.probability ?? NaN));
    parts.push(csvLine(fields));
  }
  return parts.join("");
}
