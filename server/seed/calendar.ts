// Days as integers (days since 1970-01-01) and the demo library's calendar: when it is closed, busy or quiet.
import { idulFitri } from './names.ts';

const DAY_MS = 86_400_000;

export function toDay(ymd: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${ymd}`);
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  if (ymdOf(day) !== ymd) throw new Error(`Not a calendar date: ${ymd}`);
  return day;
}

const ymdCache = new Map<number, string>();

/** 'YYYY-MM-DD' (memoised: the generator formats the same few thousand days millions of times). */
export function ymdOf(day: number): string {
  let text = ymdCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (ymdCache.size < 100_000) ymdCache.set(day, text);
  }
  return text;
}

const twoDigits = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** 'YYYY-MM-DD HH:MM:SS' for a day and a number of seconds after midnight. */
export function datetimeOf(day: number, seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)));
  return `${ymdOf(day)} ${twoDigits[Math.floor(s / 3600)]}:${twoDigits[Math.floor(s / 60) % 60]}:${twoDigits[s % 60]}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function monthDay(day: number): { month: number; date: number } {
  const d = new Date(day * DAY_MS);
  return { month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

const knownYears = Object.keys(idulFitri).map(Number);
const firstKnown = Math.min(...knownYears);
const lastKnown = Math.max(...knownYears);

/** First day of Idul Fitri in a year; estimated (lunar year ≈ 354.37 days) outside the table. */
export function idulFitriDay(year: number): number {
  const known = idulFitri[year];
  if (known !== undefined) return toDay(known);
  const anchor = year < firstKnown ? firstKnown : lastKnown;
  return Math.round(toDay(idulFitri[anchor] as string) + (year - anchor) * 354.37);
}

export interface LibraryDay {
  open: boolean;
  /** Relative traffic: 1 = an ordinary weekday. */
  weight: number;
}

/**
 * The library is closed on Idul Fitri and the day after, New Year's Day, Independence Day (17 August) and
 * Christmas; quiet on Sundays, in the Lebaran week, in Ramadan, in the mid-year school holidays and at year end;
 * busy in exam seasons.
 */
export function libraryDay(day: number): LibraryDay {
  const { month, date } = monthDay(day);
  const year = yearOf(day);
  const lebaran = idulFitriDay(year);
  const fromLebaran = day - lebaran;
  if (fromLebaran === 0 || fromLebaran === 1) return { open: false, weight: 0 };
  if ((month === 1 && date === 1) || (month === 8 && date === 17) || (month === 12 && date === 25)) {
    return { open: false, weight: 0 };
  }
  let weight = 1;
  const dow = weekday(day);
  if (dow === 0) weight *= 0.3;
  else if (dow === 6) weight *= 0.75;
  if (fromLebaran >= -4 && fromLebaran <= 7) weight *= 0.3;
  else if (fromLebaran >= -30 && fromLebaran < -4) weight *= 0.8;
  if ((month === 6 && date >= 20) || (month === 7 && date <= 15)) weight *= 0.65;
  if (month === 12 && date >= 20) weight *= 0.5;
  if ((month === 11 && date >= 15) || (month === 12 && date < 15) || month === 5) weight *= 1.3;
  return { open: true, weight };
}
