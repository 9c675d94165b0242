// The proof-of-work solver (ALTCHA, altcha-lib): its own chunk, imported only when work is asked for (the
// visitor's first input in <slims-suggestion-box>, a sign-in answered proof_required), never on page load.
import { solveChallenge, type Challenge, type DeriveKeyFunction } from 'altcha-lib';
import { deriveKey as browserDeriveKey } from 'altcha-lib/algorithms/web/sha';

/**
 * The same key as the browser's (the salt and counter hashed `cost` times, cut to `keyLength`), hashed in plain
 * JavaScript: a page over http at a LAN address has no crypto.subtle, and its visitors must still be able to send.
 */
export async function plainDeriveKey(...[parameters, salt, password]: Parameters<DeriveKeyFunction>) {
  if (parameters.algorithm !== 'SHA-256') throw new Error(`unsupported ${parameters.algorithm}`);
  const { sha256 } = await import('./sha256.ts');
  let key: Uint8Array = new Uint8Array(salt.length + password.length);
  key.set(salt);
  key.set(password, salt.length);
  for (let i = 0; i < Math.max(1, parameters.cost); i++) key = sha256(key);
  return { derivedKey: key.slice(0, parameters.keyLength ?? 32) };
}

/** The browser's hashing where it has it (a secure context), ours elsewhere. */
export const deriveKey: DeriveKeyFunction = globalThis.crypto?.subtle ? browserDeriveKey : plainDeriveKey;

/**
 * Finds the counter the sidecar's challenge hides (SHA-256, about a second on a low-end phone; the
 * digests are asynchronous, so the page stays responsive) and returns what POST /api/v1/feedback and the
 * sign-in routes take as `pow`: base64 of the JSON `{ challenge, solution }`. Null when it cannot be solved.
 */
export async function solve(challenge: Challenge): Promise<string | null> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) return null;
  const json = JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
