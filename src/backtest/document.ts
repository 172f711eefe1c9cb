/**
 * Reading backtest.json back (its writer is output.ts, backtestJson): `exodus report` on a
 * backtest folder renders from it. The file is checked field by field against the shape
 * the writer gives it, so that an edited, truncated or foreign file is refused with the
 * file, the key and what is wrong (a {@link ResultError}, exit status 2), never a TypeError
 * deep in the report.
 *
 * What is checked: the fields the report reads (version, window, paths, seed, summary and
 * the per-year summaries, baselines, exact replay, inputs.growth / prior / events /
 * orderBook, the rows). Other fields (inputs.chain, fleetMix, …, replay details) are
 * passed over: the report does not use them. Numbers that the writer may leave undefined
 * (a MAPE with no epoch compared, a band no path reached) are NaN in memory and `null` in
 * the file (JSON has no NaN), so `null` is read back as NaN there.
 *
 * Versions: 1 (first), 2 (inputs.prior), 3 (inputs.orderBook, summaryByYear, baselines);
 * a version above {@link BACKTEST_JSON_VERSION} is refused as UNSUPPORTED_VERSION.
 */
import { join } from "node:path";
import { z } from "zod";
import { checkedResult, parseResultJson, readResultText, ResultError, type ResultErrorCode } from "../results/errors.js";
import { BACKTEST_JSON_VERSION } from "./output.js";

/** The backtest document's file name. */
export const BACKTEST_FILE = "backtest.json";

/** A figure the writer may leave undefined: a number, or null (NaN written by JSON.stringify) read as NaN. */
const figure = z
  .number()
  .nullable()
  .transform((v) => (v === null ? NaN : v));
const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const SummarySchema = z.looseObject({
  epochsCompared: count,
  mapeMedian: figure,
  coverage50: figure,
  coverage90: figure,
  meanBias: figure,
});

const BaselineSchema = z.looseObject({ mapeMedian: figure, meanBias: figure });

const EventSchema = z.looseObject({
  label: z.string(),
  startDate: isoDate,
  shareOffline: z.number().min(0).max(1),
  endDate: isoDate.optional(),
  source: z.string(),
});

const RowSchema = z.looseObject({
  slot: count,
  epoch: count,
  startHeight: count,
  /** "" when the epoch's actual start is unknown. */
  actualStart: z.string(),
  actualDifficultyT: figure,
  simP05: figure,
  simP25: figure,
  simMedian: figure,
  simP75: figure,
  simP95: figure,
  pathsReached: count,
  input: z.boolean(),
});

const DocumentSchema = z.looseObject({
  version: z.number().int().min(1),
  from: isoDate,
  to: isoDate,
  paths: z.number().int().min(1),
  seed: z.string(),
  summary: SummarySchema,
  summaryByYear: z.array(z.looseObject({ year: z.number().int(), summary: SummarySchema })).optional(),
  baselines: z
    .looseObject({
      persistence: BaselineSchema,
      trend: BaselineSchema.extend({ growthPerEpoch: figure }),
    })
    .optional(),
  exactReplay: z.looseObject({ checked: count, matched: count }),
  inputs: z.looseObject({
    growth: z.record(z.string(), z.unknown()),
    prior: z
      .looseObject({
        growthLogSd: z.number().min(0),
        hurdleLogSd: z.number().min(0),
        elasticitySd: z.number().min(0).optional(),
      })
      .optional(),
    events: z.array(EventSchema),
    orderBook: z
      .looseObject({
        kind: z.enum(["history", "empty"]),
        eh: z.number().min(0),
        shareOfInitialHashrate: figure,
        orders: z.array(z.unknown()),
      })
      .optional(),
  }),
  rows: z.array(RowSchema),
});

/** backtest.json as read back (the fields the report uses; NaN where the file has null). */
export type BacktestDocument = z.output<typeof DocumentSchema>;

function bad(where: string, why: string, code: ResultErrorCode = "BAD_FORMAT"): never {
  throw new ResultError(code, `${where}: ${why}`);
}

/**
 * Parses backtest.json text; `where` names the file in errors. Throws a {@link ResultError}:
 * BAD_FORMAT (not JSON, not a backtest document, a field of the wrong kind: the message
 * names the key, e.g. `rows[3].simMedian: expected a number, found "x"`), or
 * UNSUPPORTED_VERSION (written by a newer version).
 */
export function parseBacktestDocument(text: string, where: string): BacktestDocument {
  const raw = parseResultJson(text, where);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) bad(where, "is not a backtest document (not a JSON object)");
  const version = (raw as Record<string, unknown>)["version"];
  if (typeof version === "number" && Number.isInteger(version) && version > BACKTEST_JSON_VERSION) {
    bad(where, `has backtest document version ${version}; this version reads 1 to ${BACKTEST_JSON_VERSION}`, "UNSUPPORTED_VERSION");
  }
  return checkedResult(DocumentSchema, raw, where, "is not a valid backtest document: ", "");
}

/** Reads `<dir>/backtest.json` ({@link parseBacktestDocument}; MISSING_FILE when there is none). */
export async function readBacktestDocument(dir: string): Promise<BacktestDocument> {
  const path = join(dir, BACKTEST_FILE);
  return parseBacktestDocument(await readResultText(path), path);
}
