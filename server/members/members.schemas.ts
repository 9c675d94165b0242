// Validation at the edge for member sign-in: the route's whole rule, in both languages.
import { z } from 'zod';
import { lang } from '../http.ts';
import { bilingual } from '../validate.ts';

export const memberSessionBody = bilingual((say) => {
  const cardNumber = say(
    'Isi nomor anggota (paling banyak 20 karakter).',
    'Enter the member card number (20 characters at most).',
  );
  const password = say(
    'Isi kata sandi OPAC (paling banyak 200 karakter).',
    'Enter the OPAC password (200 characters at most).',
  );
  return z.looseObject({
    // Printable ASCII only: SLiMS compares card numbers with a collation that equates look-alikes
    // (full-width, accented), which would otherwise give each spelling its own lockout count.
    cardNumber: z
      .string({ error: cardNumber })
      .trim()
      .regex(/^[\x20-\x7e]{1,20}$/, { error: cardNumber })
      .describe('The member card number (member_id), printable ASCII.'),
    password: z
      .string({ error: password })
      .min(1, { error: password })
      .max(200, { error: password })
      .describe('The OPAC password.'),
    pow: z.unknown().optional().describe('The solved proof of work, when a 403 proof_required asked for one.'),
    lang,
  });
});
