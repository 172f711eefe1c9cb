/**
 * The efficiency frontier by date and the fleet's hardware mix at a date, for backtests
 * (documented defaults; a backtest scenario may override both).
 *
 * Frontier points are the shipping dates and J/TH of CALIBRATION.md §a.1 ("Model table").
 * Where the table gives only a year or a month, the date used is written next to it.
 * Between points two readings are used:
 * - {@link frontierStepJPerTh}: the newest model shipped by the date (what can be installed
 *   by then): the installed mix at the backtest start is built from it;
 * - {@link frontierLogLinearJPerTh}: log-linear interpolation between points (the
 *   hardware being ordered, a smooth trend): the growth module's exponential frontier is
 *   fitted through it at the start and end of the window.
 * Before the first point (the S9, mid-2016) both return the S9's 98 J/TH: the table has no
 * model between the "First ASICs" era value (~1,200 J/TH, 2013, no model or date) and the
 * S9, so a pre-2016 fleet is taken as S9-class, which overstates its efficiency (stated).
 */
import { epochDayFromIso, isoFromEpochDay } from "../model/market/index.js";
import type { EfficiencyClass } from "../model/fleet/index.js";

/** One frontier point. */
export interface FrontierPoint {
  readonly model: string;
  /** Date used (ISO), see `dateNote`. */
  readonly date: string;
  readonly jPerTh: number;
  /** Where the date and value come from. */
  readonly dateNote: string;
}

/** CALIBRATION.md §a.1 frontier points, ascending by date. */
export const FRONTIER_POINTS: readonly FrontierPoint[] = Object.freeze([
  { model: "Antminer S9", date: "2016-06-15", jPerTh: 98, dateNote: "§a.1: public release Jun 2016 (mid-month used); ~98–100 J/TH, low end" },
  { model: "Antminer S17 Pro", date: "2019-07-01", jPerTh: 39.5, dateNote: "§a.1: shipped 2019 (mid-year used); 39.5 J/TH" },
  { model: "Antminer S19 Pro", date: "2020-05-11", jPerTh: 29.5, dateNote: "§a.1: shipped from 11 May 2020; 29.5 J/TH" },
  { model: "Antminer S19 XP", date: "2022-08-01", jPerTh: 21.5, dateNote: "§a.1: shipped Jul–Aug 2022 (1 Aug used); 21.5 J/TH" },
  { model: "Antminer S21", date: "2023-09-22", jPerTh: 17.5, dateNote: "§a.1: unveiled WDMS 22–23 Sep 2023; 17.5 J/TH" },
  { model: "Antminer S21 XP", date: "2024-10-01", jPerTh: 13.5, dateNote: "§a.1: IREN deliveries Sep–Nov 2024 (1 Oct used); 13.5 J/TH" },
  { model: "Antminer S23 Hydro", date: "2026-02-01", jPerTh: 9.7, dateNote: "§a.1: release early 2026 (1 Feb used); 9.7 J/TH (CoinDesk)" },
]);

function dayOf(p: FrontierPoint): number {
  return epochDayFromIso(p.date);
}

/** J/TH of the newest model shipped by `iso` (the first point's value before it). */
export function frontierStepJPerTh(iso: string, points: readonly FrontierPoint[] = FRONTIER_POINTS): number {
  const d = epochDayFromIso(iso);
  let e = points[0]!.jPerTh;
  for (const p of points) if (dayOf(p) <= d) e = p.jPerTh;
  return e;
}

/** Log-linear interpolation of the frontier at `iso` (flat beyond the end points). */
export function frontierLogLinearJPerTh(iso: string, points: readonly FrontierPoint[] = FRONTIER_POINTS): number {
  const d = epochDayFromIso(iso);
  const first = points[0]!;
  if (d <= dayOf(first)) return first.jPerTh;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (d <= dayOf(b)) {
      const w = (d - dayOf(a)) / (dayOf(b) - dayOf(a));
      return Math.exp((1 - w) * Math.log(a.jPerTh) + w * Math.log(b.jPerTh));
    }
  }
  return points[points.length - 1]!.jPerTh;
}

/**
 * Hashrate growth used to weight vintages: CALIBRATION.md §h "Hashrate growth": 1 EH/s
 * (Jan 2016) → 1 ZH/s (Apr 2025) ≈ 111%/yr CAGR (derived there).
 */
export const VINTAGE_GROWTH_PER_YEAR = 1.11;

/** Number of yearly vintages in the default mix (**assumption**: hardware older than ~3 years has left). */
export const MIX_VINTAGES = 3;

/**
 * The default fleet mix at `iso` (**model**): {@link MIX_VINTAGES} yearly vintages
 * j = 0, 1, 2, the hardware of vintage j being the newest model shipped by the middle of
 * its year (`iso` − (j + ½) years, {@link frontierStepJPerTh}), with running shares
 * ∝ (1 + g)^−j (hashrate installed per year grows by g, {@link VINTAGE_GROWTH_PER_YEAR}).
 * Vintages with the same J/TH are merged.
 */
export function defaultFleetMixAt(iso: string, points: readonly FrontierPoint[] = FRONTIER_POINTS): EfficiencyClass[] {
  const d = epochDayFromIso(iso);
  const byJ = new Map<number, number>();
  let total = 0;
  for (let j = 0; j < MIX_VINTAGES; j++) {
    const day = Math.round(d - (j + 0.5) * 365.25);
    const e = frontierStepJPerTh(isoFromEpochDay(day), points);
    const w = Math.pow(1 + VINTAGE_GROWTH_PER_YEAR, -j);
    byJ.set(e, (byJ.get(e) ?? 0) + w);
    total += w;
  }
  return [...byJ.entries()].sort((a, b) => a[0] - b[0]).map(([jPerTh, w]) => ({ jPerTh, runningShare: w / total }));
}

