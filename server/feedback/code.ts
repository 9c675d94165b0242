// Tracking codes for feedback items: 10 characters without look-alikes, shown as XXXXX-XXXXX, stored bare.
import { randomBytes } from 'node:crypto';

/** No I, O, 0 or 1: a code read aloud or copied from a phone screen survives. 32 symbols, 5 bits each. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

/** A fresh code as stored (no hyphen): 50 random bits, so guessing one is hopeless. */
export function newTrackingCode(): string {
  // 256 is a multiple of 32, so the low five bits of a byte pick a symbol without bias.
  return [...randomBytes(CODE_LENGTH)].map((byte) => CODE_ALPHABET[byte & 31]).join('');
}

/** 'ABCDEFGHJK' -> 'ABCDE-FGHJK', as people see it. */
export function formatTrackingCode(stored: string): string {
  return `${stored.slice(0, 5)}-${stored.slice(5)}`;
}

/** What a person typed (any case, with or without the hyphen or spaces) -> the stored form, or null. */
export function parseTrackingCode(input: string): string | null {
  const bare = input.replace(/[\s-]/g, '').toUpperCase();
  if (bare.length !== CODE_LENGTH) return null;
  for (const char of bare) if (!CODE_ALPHABET.includes(char)) return null;
  return bare;
}
