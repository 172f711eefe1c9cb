/**
 * The record layout: the whole contract between a path function and the Monte Carlo
 * machinery (DESIGN.md §1, §5). The machinery knows nothing of the model beyond this.
 *
 * A path function fills one {@link PathRecord} per path into typed arrays the caller owns
 * and reuses. Every value is a float64 cell; the cells of one path are, in this order:
 *
 * | block | length | index of (field f, position k) | meaning of NaN |
 * |---|---|---|---|
 * | series | S·G | f·G + g (metric-major) | not defined at grid date g |
 * | scalars | C | f | "never happened" (e.g. a flip date that never came) |
 * | epochs | E·M | f·M + k | past the path's last epoch |
 *
 * S, C, E are the numbers of series, scalar and epoch fields, G the length of the calendar
 * grid (the same for every path) and M the maximum number of epochs. The machinery fills
 * every cell with NaN before it calls the path function, so a path function writes only
 * what it defines. NaN cells are excluded from every statistic and counted (count = number
 * of paths with a value). ±Infinity is refused: the run fails naming the path and the cell.
 *
 * Named events are probabilities the summary reports, defined as predicates on one scalar
 * (`MARA.aiFlipDate isFinite`, `network.hashrateDrop > 0.3`). A comparison with NaN is
 * false, so "never happened" never counts as `>` or `<`.
 */
import { LayoutError } from "./errors.js";

/** One named series, scalar or epoch field. */
export interface FieldSpec {
  /** Who the value belongs to: "network", "MARA", "market", ... */
  readonly entity: string;
  /** What it is: "hashrate", "aiRevenueShare", ... */
  readonly metric: string;
  /** Its unit, written out: "EH/s", "USD/PH/day", "unix s", "1" for a ratio. */
  readonly unit: string;
  /**
   * Whether to keep a quantile sketch for this field's cells (default true). Without it the
   * summary reports count, mean, sd, min and max and NaN quantiles; a sketched cell costs
   * the worker a sketch insert per path (see chunk-accumulator.ts for the measured cost).
   */
  readonly quantiles?: boolean;
  /**
   * Origin of the quantile sketch (default 0): the sketch holds value − origin, so its
   * relative accuracy applies to the distance from the origin. Dates in unix seconds need
   * it: at 0.5% of ~1.8e9 s a quantile could be off by ~100 days, while with the run's
   * start date as the origin the error is 0.5% of the time since the start. Means, sd,
   * min and max are unaffected.
   */
  readonly origin?: number;
  /**
   * The field only takes integer values (counts, 0/1 flags; default false). Its quantiles are
   * then reported as integers (summary.ts, sketch-bank.ts `quantiles`), which for values
   * below ~99 in magnitude (from the origin) recovers the exact quantile that a sketch with
   * 0.5 % relative accuracy would otherwise show as 0.995 or 2.99. Set it only on fields
   * that can never be fractional. An origin, if any, must then be an integer too. Means,
   * sd, min and max are unaffected. Part of the layout's JSON, hence of its hash.
   */
  readonly integer?: boolean;
}

/** Predicates of a named event on one scalar. */
export type EventOp = ">" | "<" | ">=" | "<=" | "isFinite" | "isNaN";

/** A named event: the fraction of paths whose scalar satisfies `op threshold`. */
export interface EventSpec {
  readonly name: string;
  /** The scalar field tested, by entity and metric. */
  readonly scalar: { readonly entity: string; readonly metric: string };
  readonly op: EventOp;
  /** Required for the comparisons, absent for isFinite / isNaN. */
  readonly threshold?: number;
}

/** Names every cell of a path record and gives the calendar grid. */
export interface RecordLayout {
  /** Calendar grid of G dates, unix seconds, strictly increasing; the same for all paths. */
  readonly grid: Float64Array;
  /** Series fields (S), each with one value per grid date. */
  readonly series: readonly FieldSpec[];
  /** Per-path scalar fields (C). */
  readonly scalars: readonly FieldSpec[];
  /** Per-epoch fields (E), each with one value per epoch index 0..M−1. */
  readonly epochFields: readonly FieldSpec[];
  /** M, the number of epoch slots per field. */
  readonly maxEpochs: number;
  /** Named events reported as probabilities. */
  readonly events: readonly EventSpec[];
}

/**
 * One path's output: views on caller-owned, reused typed arrays (all NaN on entry).
 * `series[s·G + g]`, `scalars[c]`, `epochs[e·M + k]`.
 */
export interface PathRecord {
  /** The layout's grid (read only; the same array for every path). */
  readonly grid: Float64Array;
  readonly series: Float64Array;
  readonly scalars: Float64Array;
  readonly epochs: Float64Array;
}

/** Sizes and offsets derived from a layout. */
export interface LayoutShape {
  /** Grid length G. */
  readonly gridLength: number;
  /** M. */
  readonly maxEpochs: number;
  readonly seriesFields: number;
  readonly scalarFields: number;
  readonly epochFields: number;
  /** First scalar cell: S·G. */
  readonly scalarOffset: number;
  /** First epoch cell: S·G + C. */
  readonly epochOffset: number;
  /** All cells of one path: S·G + C + E·M. */
  readonly cells: number;
}

/** Sizes and offsets of a layout's cells (see the table at the top of this file). */
export function layoutShape(layout: RecordLayout): LayoutShape {
  const gridLength = layout.grid.length;
  const scalarOffset = layout.series.length * gridLength;
  const epochOffset = scalarOffset + layout.scalars.length;
  return {
    gridLength,
    maxEpochs: layout.maxEpochs,
    seriesFields: layout.series.length,
    scalarFields: layout.scalars.length,
    epochFields: layout.epochFields.length,
    scalarOffset,
    epochOffset,
    cells: epochOffset + layout.epochFields.length * layout.maxEpochs,
  };
}

/** "entity.metric", the name used in messages and files. */
export function fieldName(field: { readonly entity: string; readonly metric: string }): string {
  return `${field.entity}.${field.metric}`;
}

const COMPARISONS: ReadonlySet<string> = new Set([">", "<", ">=", "<="]);
const UNARY: ReadonlySet<string> = new Set(["isFinite", "isNaN"]);

function checkFields(kind: string, fields: readonly FieldSpec[]): void {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    for (const key of ["entity", "metric", "unit"] as const) {
      if (typeof f[key] !== "string" || (key !== "unit" && f[key].length === 0)) {
        throw new LayoutError(`${kind}[${i}].${key} must be a ${key === "unit" ? "" : "non-empty "}string`);
      }
    }
    if (f.quantiles !== undefined && typeof f.quantiles !== "boolean") {
      throw new LayoutError(`${kind}[${i}].quantiles must be a boolean`);
    }
    if (f.origin !== undefined && !(typeof f.origin === "number" && Number.isFinite(f.origin))) {
      throw new LayoutError(`${kind}[${i}].origin must be a finite number`);
    }
    if (f.integer !== undefined && typeof f.integer !== "boolean") {
      throw new LayoutError(`${kind}[${i}].integer must be a boolean`);
    }
    // Integer fields are rounded in sketch terms (value − origin): the same as rounding the
    // value only when the origin is an integer.
    if (f.integer === true && f.origin !== undefined && !Number.isInteger(f.origin)) {
      throw new LayoutError(`${kind}[${i}].origin must be an integer on an integer field, got ${f.origin}`);
    }
    const name = fieldName(f);
    if (seen.has(name)) throw new LayoutError(`${kind}: field ${name} appears twice`);
    seen.add(name);
  });
}

/**
 * Checks a layout against the contract above; throws a {@link LayoutError} naming the first
 * problem: grid not finite / not strictly increasing, empty or duplicate field names,
 * a non-integer maxEpochs, events on unknown scalars, a comparison without a finite
 * threshold (or a threshold on isFinite/isNaN), duplicate event names.
 */
export function validateLayout(layout: RecordLayout): void {
  if (!(layout.grid instanceof Float64Array)) throw new LayoutError("grid must be a Float64Array");
  for (let g = 0; g < layout.grid.length; g++) {
    const t = layout.grid[g]!;
    if (!Number.isFinite(t)) throw new LayoutError(`grid[${g}] is not finite: ${t}`);
    if (g > 0 && !(t > layout.grid[g - 1]!)) {
      throw new LayoutError(`grid must be strictly increasing: grid[${g}] = ${t} after ${layout.grid[g - 1]}`);
    }
  }
  if (!Number.isInteger(layout.maxEpochs) || layout.maxEpochs < 0) {
    throw new LayoutError(`maxEpochs must be a non-negative integer, got ${layout.maxEpochs}`);
  }
  checkFields("series", layout.series);
  checkFields("scalars", layout.scalars);
  checkFields("epochFields", layout.epochFields);
  const scalarNames = new Set(layout.scalars.map(fieldName));
  const eventNames = new Set<string>();
  layout.events.forEach((e, i) => {
    if (typeof e.name !== "string" || e.name.length === 0) throw new LayoutError(`events[${i}].name must be a non-empty string`);
    if (eventNames.has(e.name)) throw new LayoutError(`event ${e.name} appears twice`);
    eventNames.add(e.name);
    if (!scalarNames.has(fieldName(e.scalar))) {
      throw new LayoutError(`event ${e.name} tests unknown scalar ${fieldName(e.scalar)}`);
    }
    if (COMPARISONS.has(e.op)) {
      if (typeof e.threshold !== "number" || !Number.isFinite(e.threshold)) {
        throw new LayoutError(`event ${e.name}: op ${e.op} needs a finite threshold`);
      }
    } else if (UNARY.has(e.op)) {
      if (e.threshold !== undefined) throw new LayoutError(`event ${e.name}: op ${e.op} takes no threshold`);
    } else {
      throw new LayoutError(`event ${e.name}: unknown op ${String(e.op)}`);
    }
  });
  const shape = layoutShape(layout);
  if (shape.cells === 0) throw new LayoutError("the layout has no cells");
}

/** Which cells keep a quantile sketch (1) and which do not (0), per {@link FieldSpec.quantiles}. */
export function sketchMask(layout: RecordLayout): Uint8Array {
  const shape = layoutShape(layout);
  const mask = new Uint8Array(shape.cells);
  layout.series.forEach((f, s) => {
    if (f.quantiles !== false) mask.fill(1, s * shape.gridLength, (s + 1) * shape.gridLength);
  });
  layout.scalars.forEach((f, c) => {
    if (f.quantiles !== false) mask[shape.scalarOffset + c] = 1;
  });
  layout.epochFields.forEach((f, e) => {
    if (f.quantiles !== false) {
      mask.fill(1, shape.epochOffset + e * shape.maxEpochs, shape.epochOffset + (e + 1) * shape.maxEpochs);
    }
  });
  return mask;
}

/** The sketch origin of every cell, per {@link FieldSpec.origin} (0 where none is given). */
export function sketchOrigins(layout: RecordLayout): Float64Array {
  const shape = layoutShape(layout);
  const origins = new Float64Array(shape.cells);
  layout.series.forEach((f, s) => {
    if (f.origin !== undefined) origins.fill(f.origin, s * shape.gridLength, (s + 1) * shape.gridLength);
  });
  layout.scalars.forEach((f, c) => {
    if (f.origin !== undefined) origins[shape.scalarOffset + c] = f.origin;
  });
  layout.epochFields.forEach((f, e) => {
    if (f.origin !== undefined) {
      origins.fill(f.origin, shape.epochOffset + e * shape.maxEpochs, shape.epochOffset + (e + 1) * shape.maxEpochs);
    }
  });
  return origins;
}

/** Event predicates as codes, in {@link EventSpec} order (0 >, 1 <, 2 >=, 3 <=, 4 isFinite, 5 isNaN). */
export const EVENT_OP_CODES: Readonly<Record<EventOp, number>> = Object.freeze({
  ">": 0,
  "<": 1,
  ">=": 2,
  "<=": 3,
  isFinite: 4,
  isNaN: 5,
});

/** Events compiled to flat arrays for the per-path test (cell index, op code, threshold). */
export interface CompiledEvents {
  readonly cell: Int32Array;
  readonly op: Uint8Array;
  readonly threshold: Float64Array;
}

/** Compiles the layout's events to cell indices and op codes (layout assumed valid). */
export function compileEvents(layout: RecordLayout): CompiledEvents {
  const shape = layoutShape(layout);
  const index = new Map(layout.scalars.map((f, i) => [fieldName(f), i] as const));
  const k = layout.events.length;
  const out = { cell: new Int32Array(k), op: new Uint8Array(k), threshold: new Float64Array(k) };
  layout.events.forEach((e, i) => {
    out.cell[i] = shape.scalarOffset + index.get(fieldName(e.scalar))!;
    out.op[i] = EVENT_OP_CODES[e.op];
    out.threshold[i] = e.threshold ?? NaN;
  });
  return out;
}

/** Whether value x satisfies event op `op` (a code of {@link EVENT_OP_CODES}) with threshold t. */
export function eventHolds(op: number, x: number, t: number): boolean {
  switch (op) {
    case 0:
      return x > t;
    case 1:
      return x < t;
    case 2:
      return x >= t;
    case 3:
      return x <= t;
    case 4:
      return x - x === 0;
    default:
      return x !== x;
  }
}

/** A readable name for cell `cell`, for error messages ("series MARA.hashrate at grid[3] = 2026-01-04"). */
export function cellLabel(layout: RecordLayout, cell: number): string {
  const shape = layoutShape(layout);
  if (cell < shape.scalarOffset) {
    const g = cell % shape.gridLength;
    const f = layout.series[Math.floor(cell / shape.gridLength)]!;
    const t = layout.grid[g]!;
    return `series ${fieldName(f)} at grid[${g}] = ${new Date(t * 1000).toISOString().slice(0, 10)}`;
  }
  if (cell < shape.epochOffset) return `scalar ${fieldName(layout.scalars[cell - shape.scalarOffset]!)}`;
  const rel = cell - shape.epochOffset;
  return `epoch field ${fieldName(layout.epochFields[Math.floor(rel / shape.maxEpochs)]!)} at epoch index ${rel % shape.maxEpochs}`;
}

/** The JSON form of a layout (grid as a plain array: JSON round-trips float64 exactly). */
export interface LayoutJson {
  readonly grid: readonly number[];
  readonly series: readonly FieldSpec[];
  readonly scalars: readonly FieldSpec[];
  readonly epochFields: readonly FieldSpec[];
  readonly maxEpochs: number;
  readonly events: readonly EventSpec[];
}

function plainField(f: FieldSpec): FieldSpec {
  return {
    entity: f.entity,
    metric: f.metric,
    unit: f.unit,
    ...(f.quantiles === undefined ? {} : { quantiles: f.quantiles }),
    ...(f.origin === undefined ? {} : { origin: f.origin }),
    ...(f.integer === undefined ? {} : { integer: f.integer }),
  };
}

function plainEvent(e: EventSpec): EventSpec {
  const base = { name: e.name, scalar: { entity: e.scalar.entity, metric: e.scalar.metric }, op: e.op };
  return e.threshold === undefined ? base : { ...base, threshold: e.threshold };
}

/** The layout as plain JSON data (only the contract's fields, in a fixed key order). */
export function layoutToJson(layout: RecordLayout): LayoutJson {
  return {
    grid: Array.from(layout.grid),
    series: layout.series.map(plainField),
    scalars: layout.scalars.map(plainField),
    epochFields: layout.epochFields.map(plainField),
    maxEpochs: layout.maxEpochs,
    events: layout.events.map(plainEvent),
  };
}

/** A layout from its JSON form, validated (throws {@link LayoutError}). */
export function layoutFromJson(json: LayoutJson): RecordLayout {
  if (json === null || typeof json !== "object" || !Array.isArray(json.grid)) {
    throw new LayoutError("layout JSON must be an object with a grid array");
  }
  for (const key of ["series", "scalars", "epochFields", "events"] as const) {
    if (!Array.isArray(json[key])) throw new LayoutError(`layout JSON: ${key} must be an array`);
  }
  const layout: RecordLayout = {
    grid: Float64Array.from(json.grid),
    series: json.series.map(plainField),
    scalars: json.scalars.map(plainField),
    epochFields: json.epochFields.map(plainField),
    maxEpochs: json.maxEpochs,
    events: json.events.map(plainEvent),
  };
  validateLayout(layout);
  return layout;
}
