import { IsoDate } from './iso-date';

/** Japan has kept UTC+9 without daylight saving since 1951, so a fixed offset is exact. */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date in Asia/Tokyo at instant `now`; callers pass the clock in, so tests fix it. */
export function todayInJapan(now: Date): IsoDate {
  return new Date(now.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}
