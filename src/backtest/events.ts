/**
 * Exogenous hashrate events of a backtest, declared with calendar dates. They are
 * **inputs**, not fitted and not explained by any price model, and every backtest report
 * lists them. {@link toHashrateEvents} turns them into the fleet's day-offset events
 * (src/model/fleet/hashrateEvents.ts), keeping those that overlap the simulated window.
 */
import { epochDayFromIso, tryEpochDayFromIso } from "../model/market/index.js";
import type { HashrateEvent } from "../model/fleet/index.js";

/** A dated hashrate event (see HashrateEvent for the ramp semantics). */
export interface DatedHashrateEvent {
  readonly label: string;
  /** First day, ISO yyyy-mm-dd. */
  readonly startDate: string;
  /** Share of the fleet offline at the plateau, [0, 1]. */
  readonly shareOffline: number;
  readonly rampDownDays?: number;
  /** Temporary events: the day hardware starts coming back, ISO. */
  readonly endDate?: string;
  readonly rampBackDays?: number;
  readonly permanent?: boolean;
  /** Where the dates and share come from (free text, reported). */
  readonly source: string;
}

/**
 * Events declared for the 2019–2022 backtest. **Not from CALIBRATION.md** (which has no
 * 2019–2022 event rows beyond the mention in §b.1 "the largest drop since China's 2021
 * ban"): dates and shares are from public reporting, cited in `source`, and are rough.
 * They were set from those reports, not tuned to the difficulty series; the ramp lengths
 * are judgement calls and are the weakest part (stated in the README).
 */
export const DECLARED_EVENTS_2019_2022: readonly DatedHashrateEvent[] = Object.freeze([
  {
    label: "China mining ban (May–Jul 2021), relocation back over ~6 months",
    startDate: "2021-05-21",
    shareOffline: 0.46,
    rampDownDays: 45,
    endDate: "2021-07-15",
    rampBackDays: 180,
    source:
      "State Council crackdown statement 21 May 2021; China's share of hashrate 46% in Apr 2021 (CCAF Mining Map) and ~0 by Jul 2021; " +
      "difficulty −27.9% on 3 Jul 2021 (widely reported); relocated hardware back online over H2 2021 (news reports)",
  },
  {
    label: "Xinjiang coal-mine flood blackout (Apr 2021)",
    startDate: "2021-04-16",
    shareOffline: 0.25,
    endDate: "2021-04-20",
    rampBackDays: 5,
    source: "news reports (CoinDesk, Apr 2021): hashrate fell ~25% after Xinjiang power cuts",
  },
  {
    label: "Winter Storm Elliott curtailment (Dec 2022)",
    startDate: "2022-12-23",
    shareOffline: 0.3,
    endDate: "2022-12-27",
    rampBackDays: 2,
    source: "news reports (Dec 2022): US miners curtailed during Winter Storm Elliott; network hashrate fell ~30% for a few days",
  },
]);

/** Throws a RangeError naming `where` unless `e` is well formed (dates valid). */
export function validateDatedEvent(e: DatedHashrateEvent, where: string): void {
  if (e === null || typeof e !== "object") throw new RangeError(`${where}: must be an object`);
  if (typeof e.label !== "string" || e.label === "") throw new RangeError(`${where}.label: must be a non-empty string`);
  if (Number.isNaN(tryEpochDayFromIso(String(e.startDate)))) throw new RangeError(`${where}.startDate: must be an ISO date, got "${String(e.startDate)}"`);
  if (e.endDate !== undefined && Number.isNaN(tryEpochDayFromIso(String(e.endDate)))) {
    throw new RangeError(`${where}.endDate: must be an ISO date, got "${String(e.endDate)}"`);
  }
  if (typeof e.source !== "string") throw new RangeError(`${where}.source: must be a string (where the event's figures come from)`);
}

/** The events of `events` that overlap days [0, horizonDays) counted from `startIso`. */
export function eventsInWindow(events: readonly DatedHashrateEvent[], startIso: string, horizonDays: number): DatedHashrateEvent[] {
  const d0 = epochDayFromIso(startIso);
  return events.filter((e) => {
    if (epochDayFromIso(e.startDate) - d0 >= horizonDays) return false;
    if (e.permanent === true || e.endDate === undefined) return true;
    return epochDayFromIso(e.endDate) - d0 + (e.rampBackDays ?? 0) >= 0;
  });
}

/**
 * The fleet events (day offsets from `startIso` = day 0) of the events that overlap the
 * window ({@link eventsInWindow}).
 */
export function toHashrateEvents(events: readonly DatedHashrateEvent[], startIso: string, horizonDays: number): HashrateEvent[] {
  const d0 = epochDayFromIso(startIso);
  const out: HashrateEvent[] = [];
  for (const e of eventsInWindow(events, startIso, horizonDays)) {
    const startDay = epochDayFromIso(e.startDate) - d0;
    const ev: HashrateEvent = {
      label: e.label,
      startDay,
      shareOffline: e.shareOffline,
      ...(e.rampDownDays !== undefined ? { rampDownDays: e.rampDownDays } : {}),
      ...(e.permanent === true ? { permanent: true } : {}),
      ...(e.endDate !== undefined ? { endDay: epochDayFromIso(e.endDate) - d0 } : {}),
      ...(e.rampBackDays !== undefined ? { rampBackDays: e.rampBackDays } : {}),
    };
    out.push(ev);
  }
  return out;
}
