// The member's own profile, with a member token: what they like to read and in which media, how the library may
// reach them and for what (consents, appended per change), their copy of what the CRM holds, and a request to
// erase it. Also the topic search the member's widget picks interests with.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError, pick, requestLang, type FieldProblem, type Lang } from '../errors.ts';
import { memberOf, type AppEnv } from '../http.ts';
import { jsonBody, validQuery } from '../validate.ts';
import { CONSENT_WORDING, consentWording } from './consent-wording.ts';
import { exportCsv, memberExport } from './export.ts';
import {
  erasureRequests,
  knownTopics,
  listGmds,
  requestErasure,
  saveStatedPreferences,
  searchTopics,
  statedPreferences,
} from './preferences.queries.ts';
import { erasureBody, exportQuery, profileBody, topicQuery } from './preferences.schemas.ts';
import { findSlimsMember } from './staff-members.queries.ts';

/** Route middleware: a valid member token, else the 401 every member route answers; sets `memberId`. */
function requireMember(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const memberId = await memberOf(c, deps.secret, deps.clock(), true);
    if (memberId === null) throw new ApiError(401, 'invalid_token');
    c.set('memberId', memberId);
    await next();
  };
}

export function memberProfileRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const member = requireMember(deps);

  /** The member's SLiMS record; a token naming a member SLiMS no longer has names nobody. */
  async function slimsMember(memberId: string) {
    const row = await findSlimsMember(db, memberId);
    if (row === null) throw new ApiError(401, 'invalid_token');
    return row;
  }

  /** GET …/profile's answer, also what PUT answers after writing. */
  async function profile(memberId: string, lang: Lang) {
    const row = await slimsMember(memberId);
    const blank = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
    const [stated, gmds, erasure] = await Promise.all([
      statedPreferences(db, memberId),
      listGmds(db),
      erasureRequests(db, memberId),
    ]);
    return {
      member: {
        id: row.member_id,
        name: row.member_name,
        email: blank(row.member_email),
        phone: blank(row.member_phone),
      },
      ...stated,
      wording: consentWording(lang),
      choices: { gmds },
      erasureRequest: erasure.find((r) => r.status === 'pending') ?? null,
    };
  }

  return new Hono<AppEnv>()
    .get('/profile', member, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await profile(c.get('memberId'), requestLang(c)));
    })
    .put('/profile', member, jsonBody(profileBody), async (c) => {
      const memberId = c.get('memberId');
      const input = c.req.valid('json');
      const lang = requestLang(c);
      const row = await slimsMember(memberId);
      const problems: FieldProblem[] = [];
      const topics = input.interests?.topics;
      if (topics !== undefined) {
        const known = await knownTopics(db, topics);
        const unknown = topics.filter((id) => !known.has(id));
        if (unknown.length > 0)
          problems.push({
            field: 'interests.topics',
            message: pick(lang, `Topik tidak dikenal: ${unknown.join(', ')}.`, `Unknown topic: ${unknown.join(', ')}.`),
          });
      }
      if (input.gmds !== undefined) {
        const known = new Set((await listGmds(db)).map((g) => g.id));
        const unknown = input.gmds.filter((id) => !known.has(id));
        if (unknown.length > 0)
          problems.push({
            field: 'gmds',
            message: pick(lang, `GMD tidak dikenal: ${unknown.join(', ')}.`, `Unknown GMD: ${unknown.join(', ')}.`),
          });
      }
      // A channel the library cannot use is no preference: e-mail needs an address, WhatsApp and SMS a number.
      const before = await statedPreferences(db, memberId);
      const email = input.contact?.email !== undefined ? input.contact.email : before.contact.email;
      const whatsapp = input.contact?.whatsapp !== undefined ? input.contact.whatsapp : before.contact.whatsapp;
      const channel = input.channel !== undefined ? input.channel : before.channel;
      const hasText = (value: string | null) => value !== null && value.trim() !== '';
      if (channel === 'email' && !hasText(row.member_email) && email === null)
        problems.push({
          field: 'channel',
          message: pick(
            lang,
            'Isi alamat e-mail untuk memilih e-mail: perpustakaan belum mencatatnya.',
            'Enter an e-mail address to choose e-mail: the library has none on record.',
          ),
        });
      if ((channel === 'whatsapp' || channel === 'sms') && !hasText(row.member_phone) && whatsapp === null)
        problems.push({
          field: 'channel',
          message: pick(
            lang,
            'Isi nomor WhatsApp untuk memilih WhatsApp atau SMS: perpustakaan belum mencatat nomor Anda.',
            'Enter a WhatsApp number to choose WhatsApp or SMS: the library has no number on record.',
          ),
        });
      const consents = input.consents ?? [];
      if (consents.length > 0 && input.wordingVersion === undefined)
        problems.push({
          field: 'wordingVersion',
          message: pick(
            lang,
            'Sertakan versi kata-kata izin yang ditampilkan.',
            'Send the version of the consent wording that was shown.',
          ),
        });
      if (problems.length > 0) throw new ApiError(422, 'validation_failed', problems);
      // A consent counts only under the words the member read: older words on screen, and the page must reload.
      if (consents.length > 0 && input.wordingVersion !== CONSENT_WORDING.version)
        throw new ApiError(409, 'consent_wording_changed');
      await saveStatedPreferences(
        db,
        memberId,
        {
          topics,
          tags: input.interests?.tags,
          media: input.media,
          gmds: input.gmds,
          channel: input.channel,
          email: input.contact?.email,
          whatsapp: input.contact?.whatsapp,
        },
        { changes: consents, wordingVersion: CONSENT_WORDING.version },
        clock(),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(await profile(memberId, lang));
    })
    .get('/export', member, validQuery(exportQuery), async (c) => {
      const memberId = c.get('memberId');
      await slimsMember(memberId);
      const data = await memberExport(db, memberId, clock(), deps.config.utcOffsetMinutes);
      if (data === null) throw new ApiError(401, 'invalid_token');
      c.header('Cache-Control', 'no-store');
      const name = `data-saya-${memberId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      if (c.req.valid('query').format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
        // A byte-order mark, so spreadsheet programs read the names as UTF-8.
        return c.body(`\ufeff${exportCsv(data)}`);
      }
      c.header('Content-Disposition', `attachment; filename="${name}.json"`);
      return c.json(data);
    })
    .post('/erasure-request', member, jsonBody(erasureBody), async (c) => {
      const memberId = c.get('memberId');
      await slimsMember(memberId);
      const { request, created } = await requestErasure(db, memberId, clock());
      return c.json({ request }, created ? 201 : 200);
    });
}

export function topicRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', validQuery(topicQuery), async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ items: await searchTopics(deps.db, c.req.valid('query').q) });
  });
}
