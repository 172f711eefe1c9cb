/**
 * Exogenous, dated hashrate events: a share of the fleet goes offline for a period (a
 * winter-storm curtailment, the 2021 China ban with its gradual return) or leaves for
 * good. They are scenario inputs, not model outcomes, and are reported as such.
 *
 * Timing is in days since the path start (day 0). A temporary event's offline share
 * rises linearly from 0 to `shareOffline` over `rampDownDays` after `startDay` (0 =
 * at once), holds until `endDay`, then falls linearly back to 0 over `rampBackDays`
 * (0 = at once). A permanent event ramps the same way, then at `startDay + rampDownDays`
 * removes `shareOffline` of every cohort's installed hashrate for good (and of the
 * lagged running aggregate). Shares of concurrent events combine multiplicatively:
 * offline = 1 − Π(1 − share_i), so the result stays in [0, 1].
 *
 * Events act on the whole fleet proportionally (every cohort loses the same share),
 * which is the simplest honest reading of "a share of the fleet"; a scenario that needs
 * an event on specific hardware should model those miners by name.
 */

/** One exogenous event, as given in a plan. */
export interface HashrateEvent {
  /** Free text for reports (e.g. "Winter Storm, Feb 2026"). */
  readonly label: string;
  /** First day of the event (days since path start, may be fractional). */
  readonly startDay: number;
  /** Share of the fleet affected, in [0, 1]. */
  readonly shareOffline: number;
  /** Days over which the share ramps up linearly from 0 (default 0: at once). */
  readonly rampDownDays?: number;
  /** Temporary events: the day the hardware starts coming back (required, ≥ startDay + rampDownDays). */
  readonly endDay?: number;
  /** Temporary events: days over which it comes back linearly (default 0: at once). */
  readonly rampBackDays?: number;
  /** True when the share leaves for good (no endDay / rampBackDays then). */
  readonly permanent?: boolean;
}

/** Throws a RangeError naming the event unless it is well formed. */
export function validateHashrateEvent(e: HashrateEvent, index: number): void {
  const where = `hashrate event ${index} ("${e.label}")`;
  if (!Number.isFinite(e.startDay)) throw new RangeError(`${where}: startDay must be finite, got ${e.startDay}`);
  if (!(e.shareOffline >= 0 && e.shareOffline <= 1)) {
    throw new RangeError(`${where}: shareOffline must be in [0, 1], got ${e.shareOffline}`);
  }
  const rd = e.rampDownDays ?? 0;
  if (!(Number.isFinite(rd) && rd >= 0)) throw new RangeError(`${where}: rampDownDays must be >= 0, got ${rd}`);
  if (e.permanent === true) {
    if (e.endDay !== undefined || e.rampBackDays !== undefined) {
      throw new RangeError(`${where}: a permanent event has no endDay or rampBackDays`);
    }
    return;
  }
  if (e.endDay === undefined || !Number.isFinite(e.endDay)) {
    throw new RangeError(`${where}: a temporary event needs a finite endDay (or permanent: true)`);
  }
  if (e.endDay < e.startDay + rd) {
    throw new RangeError(`${where}: endDay (${e.endDay}) must be >= startDay + rampDownDays (${e.startDay + rd})`);
  }
  const rb = e.rampBackDays ?? 0;
  if (!(Number.isFinite(rb) && rb >= 0)) throw new RangeError(`${where}: rampBackDays must be >= 0, got ${rb}`);
}

/**
 * The share of the fleet that event `e` holds offline on `day` (before a permanent event
 * takes effect, its ramp; after, 0, because the capacity is then gone from the cohorts).
 */
export function eventOfflineShare(e: HashrateEvent, day: number): number {
  if (day < e.startDay) return 0;
  const rd = e.rampDownDays ?? 0;
  const full = e.startDay + rd;
  if (day < full) return (e.shareOffline * (day - e.startDay)) / rd;
  if (e.permanent === true) return 0;
  const end = e.endDay!;
  if (day < end) return e.shareOffline;
  const rb = e.rampBackDays ?? 0;
  if (rb <= 0 || day >= end + rb) return 0;
  return e.shareOffline * (1 - (day - end) / rb);
}

/** The day a permanent event removes its share from the cohorts. */
export function permanentEffectDay(e: HashrateEvent): number {
  return e.startDay + (e.rampDownDays ?? 0);
}

/** Combined offline share of all events on `day`: 1 − Π(1 − share_i). */
export function combinedOfflineShare(events: readonly HashrateEvent[], day: number): number {
  let online = 1;
  for (let i = 0; i < events.length; i++) online *= 1 - eventOfflineShare(events[i]!, day);
  return 1 - online;
}
