// Validation at the edge for staff sign-in: the route's whole rule, in both languages.
import { z } from 'zod';
import { lang } from '../http.ts';
import { bilingual, type Say } from '../validate.ts';

/** Trimmed text, '' when absent; present but not text is a 422 (a number is not a name). */
const signInText = (say: Say, field: string, trim: boolean) =>
  z
    .string({ error: say(`${field} harus berupa teks.`, `${field} must be text.`) })
    .nullish()
    .transform((value) => (trim ? (value ?? '').trim() : (value ?? '')));

export const staffSessionBody = bilingual((say) =>
  z.looseObject({
    username: signInText(say, 'username', true).describe('A SLiMS user name.'),
    password: signInText(say, 'password', false),
    pow: z.unknown().optional().describe('The solved proof of work, when a 403 proof_required asked for one.'),
    lang,
  }),
);
