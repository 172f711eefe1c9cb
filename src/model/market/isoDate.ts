/**
 * ISO calendar dates (YYYY-MM-DD, UTC) as integer day numbers. The model counts time in
 * days since the path start (day 0); scenario inputs are dated. These helpers convert,
 * with errors that name the offending text. Not used in hot loops.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 (UTC) of an ISO calendar date YYYY-MM-DD. Returns NaN when the
 * text is not such a date or the date does not exist (e.g. 2021-02-30); see
 * {@link epochDayFromIso} for the throwing variant.
 */
export function tryEpochDayFromIso(dateIso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateIso);
  if (m === null) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1000) return NaN;
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return NaN;
  return ms / MS_PER_DAY;
}

/** Days since 1970-01-01 (UTC) of an ISO date YYYY-MM-DD; throws a RangeError if invalid. */
export function epochDayFromIso(dateIso: string): number {
  const d = tryEpochDayFromIso(dateIso);
  if (Number.isNaN(d)) throw new RangeError(`not a valid ISO calendar date YYYY-MM-DD: "${dateIso}"`);
  return d;
}

/** The ISO date YYYY-MM-DD of a day number since 1970-01-01 (UTC). */
export function isoFromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days from `startDateIso` (day 0 of a path) to `dateIso`; throws if either is invalid. */
export function dayIndexFromIso(startDateIso: string, dateIso: string): number {
  return epochDayFromIso(dateIso) - epochDayFromIso(startDateIso);
}

/** Day of the week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}
