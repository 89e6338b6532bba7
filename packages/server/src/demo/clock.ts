/**
 * Time arithmetic for the demo in 示例市's local time. Asia/Shanghai has had no daylight saving
 * since 1991, so local time is UTC+8 all year and a fixed offset is exact.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET_MS = 8 * HOUR;

export function localHour(at: number): number {
  return new Date(at + OFFSET_MS).getUTCHours();
}

export function localMonth(at: number): number {
  return new Date(at + OFFSET_MS).getUTCMonth() + 1;
}

/** `hour`:00 local time on the day of `at`, or on the next day when `nextDay`. */
export function localTimeOfDay(at: number, hour: number, nextDay: boolean): number {
  const localMidnight = Math.floor((at + OFFSET_MS) / DAY) * DAY;
  return localMidnight + (nextDay ? DAY : 0) + hour * HOUR - OFFSET_MS;
}
