// Validation at the edge for staff sign-in: the wire shape (contract, OpenAPI) and its check.
import { z } from 'zod';
import type { Lang } from '../errors.ts';
import { lang, requireTextFields } from '../http.ts';

export const staffSessionBody = z.looseObject({
  username: z.string().max(50).describe('A SLiMS user name.'),
  password: z.string().max(200),
  pow: z.string().nullish().describe('The solved proof of work, when a 403 proof_required asked for one.'),
  lang,
});

/** The user name (trimmed) and password; a 422 when either is present but not text (a number is not a name). */
export function parseStaffSignIn(
  body: Record<string, unknown>,
  lang: Lang,
): { username: string; password: string; pow: unknown } {
  requireTextFields(body, ['username', 'password'], lang);
  return {
    username: typeof body.username === 'string' ? body.username.trim() : '',
    password: typeof body.password === 'string' ? body.password : '',
    pow: body.pow,
  };
}
