// The webhook signature both sides compute: v1=hex(HMAC-SHA256(secret, "<unix seconds>.<raw body>")).
import { createHmac, timingSafeEqual } from 'node:crypto';

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v1=([0-9a-f]{64})$/;

export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** True only for a well-formed timestamp and a v1 signature of exactly this timestamp and body. */
export function signatureMatches(secret: string, timestamp: string, rawBody: string, header: string): boolean {
  const given = SIGNATURE.exec(header.trim().toLowerCase())?.[1];
  if (given === undefined || !TIMESTAMP.test(timestamp)) return false;
  const expected = webhookSignature(secret, timestamp, rawBody).slice(3);
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

/** The sidecar's answer to the plugin's connection test: v1=hex(HMAC-SHA256(secret, "pong.<nonce>")). */
export function pingProof(secret: string, nonce: string): string {
  return `v1=${createHmac('sha256', secret).update(`pong.${nonce}`, 'utf8').digest('hex')}`;
}
