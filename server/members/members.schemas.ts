// Validation at the edge for member sign-in: the wire shape (contract, OpenAPI) and its check.
import { z } from 'zod';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';
import { lang } from '../http.ts';

export const memberSessionBody = z.looseObject({
  cardNumber: z.string().max(20).describe('The member card number (member_id), printable ASCII.'),
  password: z.string().max(200).describe('The OPAC password.'),
  pow: z.string().nullish().describe('The solved proof of work, when a 403 proof_required asked for one.'),
  lang,
});

/** The card number (trimmed) and password, or a 422 naming each that is missing, too long or not text. */
export function parseMemberSignIn(
  body: Record<string, unknown>,
  lang: Lang,
): { cardNumber: string; password: string; pow: unknown } {
  const cardNumber = typeof body.cardNumber === 'string' ? body.cardNumber.trim() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  const problems: FieldProblem[] = [];
  // Printable ASCII only: SLiMS compares card numbers with a collation that equates look-alikes
  // (full-width, accented), which would otherwise give each spelling its own lockout count.
  if (cardNumber === '' || !/^[\x20-\x7e]{1,20}$/.test(cardNumber)) {
    problems.push({
      field: 'cardNumber',
      message: pick(
        lang,
        'Isi nomor anggota (paling banyak 20 karakter).',
        'Enter the member card number (20 characters at most).',
      ),
    });
  }
  if (password === '' || password.length > 200) {
    problems.push({
      field: 'password',
      message: pick(
        lang,
        'Isi kata sandi OPAC (paling banyak 200 karakter).',
        'Enter the OPAC password (200 characters at most).',
      ),
    });
  }
  if (problems.length > 0) throw new ApiError(422, 'validation_failed', problems);
  return { cardNumber, password, pow: body.pow };
}
