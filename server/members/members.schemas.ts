// The wire shape of member sign-in, for the contract and the OpenAPI document; members.routes.ts checks it.
import { z } from 'zod';
import { lang } from '../http.ts';

export const memberSessionBody = z.looseObject({
  cardNumber: z.string().max(20).describe('The member card number (member_id), printable ASCII.'),
  password: z.string().max(200).describe('The OPAC password.'),
  pow: z.string().nullish().describe('The solved proof of work, when a 403 proof_required asked for one.'),
  lang,
});
