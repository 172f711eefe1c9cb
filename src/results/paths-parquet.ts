/**
 * paths.parquet: every cell of every path of a small run, in long format (one row per path
 * and cell), for analysis outside hashrate-exodus (pandas, polars, DuckDB, R arrow).
 *
 * | column | Parquet type | meaning |
 * |---|---|---|
 * | path | INT32, required | path index (0-based; replay it alone with `exodus replay`) |
 * | kind | STRING, required | "series", "scalar" or "epoch" |
 * | date | STRING, optional | series rows: the grid date (as in series.csv); null otherwise |
 * | epoch | INT32, optional | epoch rows: the epoch index (as in epochs.csv); null otherwise |
 * | entity | STRING, required | field entity ("network", "MARA", "epoch"...) |
 * | metric | STRING, required | field metric |
 * | value | DOUBLE, optional | the value; null where the cell is NaN (not defined / never happened) |
 *
 * Rows are in path order; within a path: series field by field (dates ascending), then the
 * scalars, then epoch fields field by field (indices ascending) — the record layout's cell
 * order (montecarlo/layout.ts). Units are not repeated per row: the file's key-value
 * metadata `hashrate-exodus.layout` holds the layout JSON (layout.json), with the units.
 * Written with hyparquet-writer (SNAPPY, row groups of ≤ {@link PARQUET_ROW_GROUP_ROWS}
 * rows), streaming: memory is bounded by one row group.
 */
import { ParquetWriter, fileWriter } from "hyparquet-writer";
import { layoutShape, layoutToJson, type LayoutShape, type RecordLayout } from "../montecarlo/index.js";
import { ResultError } from "./errors.js";
import { gridLabels } from "./format.js";

/** Largest paths.parquet, in rows (paths × cells per path): ~1–2 GB of file at most. */
export const PATHS_PARQUET_MAX_ROWS = 50_000_000;

/** Target rows per row group. */
export const PARQUET_ROW_GROUP_ROWS = 262_144;

/** Rows of paths.parquet for a run of `paths` paths (= paths × cells per path). */
export function pathsParquetRows(layout: RecordLayout, paths: number): number {
  return paths * layoutShape(layout).cells;
}

/** Throws ResultError TOO_LARGE when paths.parquet would exceed {@link PATHS_PARQUET_MAX_ROWS} rows. */
export function checkPathsParquetSize(layout: RecordLayout, paths: number): void {
  const cells = layoutShape(layout).cells;
  const rows = paths * cells;
  if (rows > PATHS_PARQUET_MAX_ROWS) {
    throw new ResultError(
      "TOO_LARGE",
      `paths.parquet would have ${paths} paths × ${cells} cells = ${rows} rows, over the cap of ${PATHS_PARQUET_MAX_ROWS}; ` +
        `keep paths only for runs of at most ${Math.floor(PATHS_PARQUET_MAX_ROWS / cells)} paths of this scenario`,
    );
  }
}

const SCHEMA = [
  { name: "root", num_children: 7 },
  { name: "path", type: "INT32", repetition_type: "REQUIRED" },
  { name: "kind", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "date", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "epoch", type: "INT32", repetition_type: "OPTIONAL" },
  { name: "entity", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "metric", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "value", type: "DOUBLE", repetition_type: "OPTIONAL" },
] as const;

/** Streams paths into paths.parquet: {@link addPath} for each path in order, then {@link finish}. */
export class PathsParquetWriter {
  private readonly writer: ParquetWriter;
  private readonly shape: LayoutShape;
  // Per cell: the constant columns of its rows (computed once).
  private readonly kindOf: string[] = [];
  private readonly dateOf: (string | null)[] = [];
  private readonly epochOf: (number | null)[] = [];
  private readonly entityOf: string[] = [];
  private readonly metricOf: string[] = [];
  private path: number[] = [];
  private kind: string[] = [];
  private date: (string | null)[] = [];
  private epoch: (number | null)[] = [];
  private entity: string[] = [];
  private metric: string[] = [];
  private value: (number | null)[] = [];
  private lastPath = -1;
  private finished = false;

  /** Opens `file` for writing (truncating it) for records of `layout`; `meta` goes into the key-value metadata. */
  constructor(
    readonly file: string,
    readonly layout: RecordLayout,
    meta: Readonly<Record<string, string>> = {},
  ) {
    this.shape = layoutShape(layout);
    const labels = gridLabels(layout.grid);
    for (const f of layout.series) {
      for (const label of labels) this.cell("series", label, null, f.entity, f.metric);
    }
    for (const f of layout.scalars) this.cell("scalar", null, null, f.entity, f.metric);
    for (const f of layout.epochFields) {
      for (let k = 0; k < layout.maxEpochs; k++) this.cell("epoch", null, k, f.entity, f.metric);
    }
    const kvMetadata = [
      { key: "hashrate-exodus.layout", value: JSON.stringify(layoutToJson(layout)) },
      ...Object.keys(meta)
        .sort()
        .map((k) => ({ key: `hashrate-exodus.${k}`, value: meta[k]! })),
    ];
    this.writer = new ParquetWriter({
      writer: fileWriter(file),
      schema: SCHEMA.map((e) => ({ ...e })) as unknown as ConstructorParameters<typeof ParquetWriter>[0]["schema"],
      kvMetadata,
      createdBy: "hashrate-exodus (hyparquet-writer)",
    });
  }

  private cell(kind: string, date: string | null, epoch: number | null, entity: string, metric: string): void {
    this.kindOf.push(kind);
    this.dateOf.push(date);
    this.epochOf.push(epoch);
    this.entityOf.push(entity);
    this.metricOf.push(metric);
  }

  /**
   * Adds the rows of path `pathIndex` (paths strictly increasing): `cells` holds its
   * record in cell order (series, scalars, epochs; layoutShape().cells values).
   */
  addPath(pathIndex: number, cells: Float64Array): void {
    if (this.finished) throw new Error("paths.parquet: already finished");
    if (!(pathIndex > this.lastPath)) throw new RangeError(`paths.parquet: path ${pathIndex} after path ${this.lastPath}`);
    if (cells.length !== this.shape.cells) throw new RangeError(`paths.parquet: ${cells.length} cells, the layout has ${this.shape.cells}`);
    this.lastPath = pathIndex;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c]!;
      this.path.push(pathIndex);
      this.kind.push(this.kindOf[c]!);
      this.date.push(this.dateOf[c]!);
      this.epoch.push(this.epochOf[c]!);
      this.entity.push(this.entityOf[c]!);
      this.metric.push(this.metricOf[c]!);
      this.value.push(v === v ? v : null);
    }
    if (this.path.length >= PARQUET_ROW_GROUP_ROWS) this.flush();
  }

  private flush(): void {
    const rows = this.path.length;
    if (rows === 0) return;
    void this.writer.write({
      columnData: [
        { name: "path", data: this.path },
        { name: "kind", data: this.kind },
        { name: "date", data: this.date },
        { name: "epoch", data: this.epoch },
        { name: "entity", data: this.entity },
        { name: "metric", data: this.metric },
        { name: "value", data: this.value },
      ],
      rowGroupSize: rows,
    });
    this.path = [];
    this.kind = [];
    this.date = [];
    this.epoch = [];
    this.entity = [];
    this.metric = [];
    this.value = [];
  }

  /** Writes the last row group and the footer, and closes the file. */
  finish(): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    void this.writer.finish();
  }
}
