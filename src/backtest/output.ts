/**
 * Writers of a backtest's results as text (the CLI writes the files): per-epoch CSV, a
 * JSON document (summary, inputs, replay, rows) and a standalone SVG chart (the actual
 * difficulty line over the simulated 50%/90% fan).
 */
import type { BacktestPlan } from "./backtestPlan.js";
import type { ReplayResult } from "./exactReplay.js";
import type { BacktestEpochRow, BacktestResult } from "./runBacktest.js";
import { orderBookEh } from "./initialOrderBook.js";
import type { PendingOrderSpec } from "../model/fleet/index.js";

/** Version of the backtest JSON document. */
export const BACKTEST_JSON_VERSION = 3; // 2: inputs.prior (per-path parameter prior); 3: inputs.orderBook, summaryByYear, baselines

const CSV_COLUMNS = [
  "slot",
  "epoch",
  "start_height",
  "actual_start",
  "actual_difficulty_t",
  "sim_p05_t",
  "sim_p25_t",
  "sim_median_t",
  "sim_p75_t",
  "sim_p95_t",
  "paths_reached",
  "input",
] as const;

/** Per-epoch CSV (difficulties in T = 1e12; `input` 1 for the given initial epoch). */
export function backtestCsv(rows: readonly BacktestEpochRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.slot,
        r.epoch,
        r.startHeight,
        r.actualStart,
        r.actualDifficultyT,
        r.simP05,
        r.simP25,
        r.simMedian,
        r.simP75,
        r.simP95,
        r.pathsReached,
        r.input ? 1 : 0,
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The JSON document: summary, inputs (events reported as inputs), replay and rows. */
export function backtestJson(bp: BacktestPlan, result: BacktestResult, replay: ReplayResult, extra: Record<string, unknown> = {}): string {
  const doc = {
    version: BACKTEST_JSON_VERSION,
    from: bp.from,
    to: bp.to,
    paths: result.paths,
    seed: result.seed,
    summary: result.summary,
    summaryByYear: result.byYear,
    baselines: result.baselines,
    exactReplay: { checked: replay.checked, matched: replay.matched, epochs: replay.epochs, mismatches: replay.mismatches },
    inputs: {
      startEpoch: bp.startEpoch,
      chain: bp.chain,
      initialHashrateEh: bp.initialHashrateEh,
      startPriceUsd: bp.startPriceUsd,
      feesBtcPerBlock: bp.feesBtcPerBlock,
      startHashpriceUsdPerPhDay: bp.startHashpriceUsdPerPhDay,
      fleetMix: bp.fleetMix,
      droppedClasses: bp.droppedClasses,
      growth: bp.growth,
      lag: bp.lag,
      prior: bp.prior,
      events: bp.events,
      priceHeldFlatDays: bp.priceHeldFlatDays,
      orderBook: orderBookInput(bp),
    },
    ...extra,
    rows: result.rows,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

/**
 * A standalone SVG: x = actual epoch start (time), y = difficulty (T, log scale); the
 * 90% band light, the 50% band darker, the simulated median dashed, the actual line solid
 * (paths of class band90, band50, median, actual). Needs only the rows, summary, paths and
 * seed, so it also draws from a parsed backtest.json (the report does).
 */
export function backtestSvg(result: Pick<BacktestResult, "rows" | "summary" | "paths" | "seed">, title: string): string {
  const rows = result.rows.filter((r) => r.actualStart !== "");
  const W = 900;
  const H = 480;
  const L = 70;
  const R = 20;
  const T = 40;
  const B = 50;
  if (rows.length < 2) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><text x="20" y="30">${esc(title)}: not enough epochs</text></svg>\n`;
  const xs = rows.map((r) => Date.parse(r.actualStart));
  const vals = rows.flatMap((r) => [r.actualDifficultyT, r.simP05, r.simP95]).filter((v) => v > 0);
  const yLo = Math.log(Math.min(...vals) * 0.9);
  const yHi = Math.log(Math.max(...vals) * 1.1);
  const x0 = xs[0]!;
  const x1 = xs[xs.length - 1]!;
  const px = (t: number): number => L + ((t - x0) / (x1 - x0)) * (W - L - R);
  const py = (v: number): number => T + (1 - (Math.log(v) - yLo) / (yHi - yLo)) * (H - T - B);
  const line = (f: (r: BacktestEpochRow) => number): string =>
    rows.map((r, i) => `${i === 0 ? "M" : "L"}${px(xs[i]!).toFixed(1)},${py(f(r)).toFixed(1)}`).join("");
  const band = (lo: (r: BacktestEpochRow) => number, hi: (r: BacktestEpochRow) => number): string =>
    line(hi) + rows.map((_, j) => {
      const i = rows.length - 1 - j;
      return `L${px(xs[i]!).toFixed(1)},${py(lo(rows[i]!)).toFixed(1)}`;
    }).join("") + "Z";
  const ticks: string[] = [];
  // Log-axis ticks at 1, 2 and 5 times powers of ten (readable values, e.g. 5, 10, 20, 50 T).
  const tickValues: number[] = [];
  for (let d = Math.floor(yLo / Math.LN10); d <= Math.ceil(yHi / Math.LN10); d++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** d;
      if (Math.log(v) >= yLo && Math.log(v) <= yHi) tickValues.push(v);
    }
  }
  for (const v of tickValues) {
    ticks.push(`<line x1="${L}" x2="${W - R}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="#ddd"/><text x="${L - 6}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${Number(v.toPrecision(3))}</text>`);
  }
  const y0 = new Date(x0).getUTCFullYear();
  const y1 = new Date(x1).getUTCFullYear();
  for (let y = y0 + 1; y <= y1; y++) {
    const t = Date.UTC(y, 0, 1);
    ticks.push(`<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${px(t).toFixed(1)}" y="${H - B + 16}" text-anchor="middle" font-size="11">${y}</text>`);
  }
  const s = result.summary;
  const sub = `MAPE(median) ${(100 * s.mapeMedian).toFixed(1)}% · 50% band covers ${(100 * s.coverage50).toFixed(0)}% · 90% band ${(100 * s.coverage90).toFixed(0)}% · bias ${(100 * s.meanBias).toFixed(1)}% · ${s.epochsCompared} epochs, ${result.paths} paths, seed ${esc(result.seed)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<text x="${L}" y="18" font-size="14">${esc(title)}</text>`,
    `<text x="${L}" y="32" font-size="11" fill="#555">${sub}</text>`,
    ...ticks,
    `<path class="band90" d="${band((r) => r.simP05, (r) => r.simP95)}" fill="#9ecae1" fill-opacity="0.5"/>`,
    `<path class="band50" d="${band((r) => r.simP25, (r) => r.simP75)}" fill="#3182bd" fill-opacity="0.5"/>`,
    `<path class="median" d="${line((r) => r.simMedian)}" fill="none" stroke="#08519c" stroke-dasharray="4 3"/>`,
    `<path class="actual" d="${line((r) => r.actualDifficultyT)}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    `<text x="${W - R}" y="${T + 12}" text-anchor="end" font-size="11"><tspan fill="#d62728">actual</tspan> · <tspan fill="#08519c">simulated median, 50% and 90% bands</tspan></text>`,
    `<text x="14" y="${(T + H - B) / 2}" font-size="11" transform="rotate(-90 14 ${(T + H - B) / 2})" text-anchor="middle">difficulty (T, log scale)</text>`,
    `</svg>`,
  ].join("\n") + "\n";
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** backtest.json inputs.orderBook. */
export interface OrderBookInput {
  readonly kind: "history" | "empty";
  readonly eh: number;
  readonly shareOfInitialHashrate: number;
  readonly orders: readonly PendingOrderSpec[];
}

/** The order book in words (the CLI's summary and report.html); `undefined`: a backtest.json before version 3. */
export function orderBookText(b: (Omit<OrderBookInput, "orders"> & { readonly orders: readonly unknown[] }) | undefined): string {
  if (b === undefined) return "not recorded (backtest.json before version 3: empty)";
  if (b.kind === "empty") return "empty";
  return `rebuilt from history, ${b.eh.toFixed(2)} EH/s in ${b.orders.length} orders, ${(100 * b.shareOfInitialHashrate).toFixed(1)}% of the initial hashrate (at the plan's κ, h, ε; with a per-path prior each path rebuilds it with its own)`;
}

/**
 * The order book at the start as reported: how it was built and, at the plan's own
 * parameters (with a per-path prior each path rebuilds it with its drawn κ, h, ε), its
 * orders and total EH/s.
 */
export function orderBookInput(bp: BacktestPlan): OrderBookInput {
  const orders = bp.plan.fleet.initialOrders ?? [];
  const eh = orderBookEh(orders);
  return { kind: bp.orderBook, eh, shareOfInitialHashrate: eh / bp.initialHashrateEh, orders };
}
