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

/** Parses an ISO 8601 instant from a client; null when it is not one. */
export function parseInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
