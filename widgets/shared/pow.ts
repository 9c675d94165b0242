// The proof-of-work solver (ALTCHA, altcha-lib): its own chunk, imported only when work is asked for (the
// visitor's first input in <slims-suggestion-box>, a sign-in answered proof_required), never on page load.
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

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
