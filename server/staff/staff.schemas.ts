// The wire shape of staff sign-in, for the contract and the OpenAPI document; staff.routes.ts checks it.
import { z } from 'zod';
import { lang } from '../http.ts';

export const staffSessionBody = z.looseObject({
  username: z.string().max(50).describe('A SLiMS user name.'),
  password: z.string().max(200),
  pow: z.string().nullish().describe('The solved proof of work, when a 403 proof_required asked for one.'),
  lang,
});
