// Times as the database keeps them: 'YYYY-MM-DD HH:MM:SS' strings in UTC, in both dialects.

export function toDbTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function fromDbTime(value: string): string;
export function fromDbTime(value: string | null): string | null;
export function fromDbTime(value: string | null): string | null {
  if (value === null) return null;
  return `${value.slice(0, 10)}T${value.slice(11, 19)}Z`;
}

/** Parses an ISO 8601 instant from a client; null when it is not one, or names a day that does not exist. */
export function parseInstant(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  // Date would roll 31 February into March: check the parts against the calendar.
  const local = new Date(Date.UTC(year!, month! - 1, day!));
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month! - 1 || hour! > 23 || minute! > 59 || second! > 59)
    return null;
  const date = new Date(value);
  const y = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || y < 1970 || y > 9998 ? null : date;
}

/** The library's calendar date ('YYYY-MM-DD') at `now`; utcOffsetMinutes is the library's offset (WIB is +420). */
export function localDate(now: Date, utcOffsetMinutes: number): string {
  return new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * A SLiMS time as an instant: SLiMS writes the library's wall-clock time ('YYYY-MM-DD HH:MM:SS', or a bare
 * 'YYYY-MM-DD' for the start of that day), so the library's offset turns it into UTC. Null for what is not one.
 */
export function slimsTimeToIso(value: string | null, utcOffsetMinutes: number): string | null {
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/.exec(value);
  if (match === null) return null;
  const local = Date.parse(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  if (Number.isNaN(local)) return null;
  return new Date(local - utcOffsetMinutes * 60_000).toISOString().replace('.000Z', 'Z');
}
