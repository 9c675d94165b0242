// Self-hosted proof-of-work for anonymous free text (ALTCHA, altcha-lib): signed challenges, checked once.
// Deterministic mode: the sidecar picks the counter the browser must find, so the work is known in advance
// and verifying costs two HMACs, not a key derivation.
import { createHash } from 'node:crypto';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import { ApiError } from '../errors.ts';

/**
 * The counter range the browser searches: SHA-256, one round per try. Some 35,000 tries on average: about
 * 0.9 s in Chromium with the CPU slowed 4x, DevTools' low-end phone (`npm run bench`, "proof-of-work solve").
 */
export const POW_COUNTER = { min: 20_000, max: 50_000 };
/** How long a challenge stays valid: long enough to write a complaint, short enough to not be hoarded. */
export const POW_TTL_MS = 30 * 60_000;
/** A person needs at least this long from opening the form (when the challenge is fetched) to sending it. */
export const MIN_FILL_MS = 3_000;

function secrets(secret: string) {
  // Separate keys per use, derived from the one shared secret, so a challenge signature means nothing elsewhere.
  const derive = (use: string) => createHash('sha256').update(`slims-crm:pow:${use}:${secret}`).digest('hex');
  return { signature: derive('challenge'), key: derive('key') };
}

/** A signed challenge with a random counter in POW_COUNTER's range; `extra` adds its own fields to the options. */
function signedChallenge(secret: string, extra: Pick<Parameters<typeof createChallenge>[0], 'data' | 'expiresAt'>) {
  const keys = secrets(secret);
  const span = POW_COUNTER.max - POW_COUNTER.min;
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: POW_COUNTER.min + Math.floor(Math.random() * (span + 1)),
    deriveKey,
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.key,
    ...extra,
  });
}

export async function createPowChallenge(secret: string, now: Date): Promise<Challenge> {
  return signedChallenge(secret, {
    expiresAt: new Date(now.getTime() + POW_TTL_MS),
    data: { issuedAt: now.getTime() },
  });
}

interface PowPayload {
  challenge: Challenge;
  solution: Solution;
}

function decode(value: unknown): PowPayload | null {
  if (typeof value !== 'string' || value.length > 4096) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<PowPayload>;
    const { challenge, solution } = parsed;
    if (
      typeof challenge !== 'object' ||
      challenge === null ||
      typeof challenge.parameters !== 'object' ||
      challenge.parameters === null
    )
      return null;
    if (typeof challenge.signature !== 'string' || !/^[0-9a-f]{64}$/.test(challenge.signature)) return null;
    if (
      typeof solution !== 'object' ||
      solution === null ||
      !Number.isInteger(solution.counter) ||
      typeof solution.derivedKey !== 'string'
    )
      return null;
    return { challenge, solution };
  } catch {
    return null;
  }
}

/** A checked proof of work, to be spent (recorded once) in the same transaction as what it pays for. */
export interface CheckedProof {
  /** The challenge's HMAC signature: unique per challenge. */
  challenge: string;
  expiresAt: Date;
}

/**
 * Checks a base64 JSON `{ challenge, solution }`, or throws the ApiError the visitor should see: pow_required
 * (none sent), pow_invalid, pow_expired, too_fast (sent sooner than MIN_FILL_MS after the challenge was issued).
 * Whether it was used before is settled by spendProof.
 */
export async function checkProofOfWork(secret: string, value: unknown, now: Date): Promise<CheckedProof> {
  if (value === undefined || value === null || value === '') throw new ApiError(400, 'pow_required');
  const payload = decode(value);
  if (payload === null) throw new ApiError(400, 'pow_invalid');
  const keys = secrets(secret);
  const result = await verifySolution({
    challenge: payload.challenge,
    solution: payload.solution,
    deriveKey,
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.key,
  });
  if (result.expired) throw new ApiError(400, 'pow_expired');
  if (!result.verified) throw new ApiError(400, 'pow_invalid');
  const { expiresAt, data } = payload.challenge.parameters;
  const issuedAt = Number(data?.issuedAt);
  if (!Number.isFinite(issuedAt) || typeof expiresAt !== 'number') throw new ApiError(400, 'pow_invalid');
  // A sign-in challenge is handed out on request to anyone; it buys a sign-in, not a submission.
  if (data?.purpose !== undefined) throw new ApiError(400, 'pow_invalid');
  if (now.getTime() - issuedAt < MIN_FILL_MS) throw new ApiError(400, 'too_fast');
  return { challenge: payload.challenge.signature!, expiresAt: new Date(expiresAt * 1000) };
}

/**
 * Records the proof as used. The primary key refuses a second use, by this sidecar or another, with a unique
 * violation that the caller turns into pow_replayed (or into the replay of the first submission, when it was a
 * retry racing its first try: the second insert waits for the first transaction, then sees it committed).
 */
export async function spendProof(db: Kysely<Database> | Transaction<Database>, proof: CheckedProof): Promise<void> {
  await db
    .insertInto('crm_pow_spent')
    .values({ challenge: proof.challenge, expires_at: toDbTime(proof.expiresAt) })
    .execute();
}

/** Whether a proof was already spent. */
export async function isSpent(db: Kysely<Database>, proof: CheckedProof): Promise<boolean> {
  return (
    (await db
      .selectFrom('crm_pow_spent')
      .select('challenge')
      .where('challenge', '=', proof.challenge)
      .executeTakeFirst()) !== undefined
  );
}

/** Forgets spent challenges that have expired anyway (an expired one is refused before it is looked up). */
export async function pruneSpentChallenges(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('crm_pow_spent').where('expires_at', '<', toDbTime(now)).execute();
}

/** How long a sign-in challenge stays valid: solving takes a second or two, resending at once. */
export const SIGNIN_POW_TTL_MS = 5 * 60_000;

/**
 * A challenge for signing in from a network with many recent failures (same work as the suggestion box's).
 * Its expiry rides in the signed data and is checked against the sidecar's clock, not altcha's wall clock.
 */
export async function createSignInChallenge(secret: string, now: Date): Promise<Challenge> {
  return signedChallenge(secret, {
    data: { purpose: 'signin', issuedAt: now.getTime(), expiresAt: now.getTime() + SIGNIN_POW_TTL_MS },
  });
}

/** Checks a sign-in proof (the `pow` of a sign-in body): null when it is missing, malformed, forged or expired. */
export async function checkSignInProof(secret: string, value: unknown, now: Date): Promise<CheckedProof | null> {
  const payload = decode(value);
  if (payload === null) return null;
  const { data } = payload.challenge.parameters;
  const expiresAt = Number(data?.expiresAt);
  if (data?.purpose !== 'signin' || !Number.isFinite(expiresAt) || expiresAt < now.getTime()) return null;
  const keys = secrets(secret);
  const result = await verifySolution({
    challenge: payload.challenge,
    solution: payload.solution,
    deriveKey,
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.key,
  });
  return result.verified ? { challenge: payload.challenge.signature!, expiresAt: new Date(expiresAt) } : null;
}
