// Staff inbox for the suggestion box: filters and search, status, categories, assignment, notes, replies,
// merging duplicates, publishing to the board, and the service measures as JSON and CSV.
import { Hono } from 'hono';
import { recordRead } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, pick, requestLang } from '../errors.ts';
import { idParam, type AppContext, type AppEnv } from '../http.ts';
import { jsonBody, validQuery } from '../validate.ts';
import { requireStaff } from '../auth/require-staff.ts';
import {
  addNote,
  addReply,
  findStaffMember,
  getStaffItem,
  listCategories,
  listStaffItems,
  listStaffMembers,
  mergeFeedback,
  updateFeedback,
  type FeedbackChanges,
  type StaffItem,
  type StaffRef,
} from './staff-feedback.queries.ts';
import {
  measureRange,
  measuresQuery,
  mergeBody,
  replyBody,
  staffListQuery,
  staffTextBody,
  staffUpdateBody,
} from './feedback.schemas.ts';
import { computeMeasures, measuresCsv } from './measures.ts';
import { notifyWatchers } from './notices.ts';

/** GET /api/v1/staff/feedback: one page of the inbox, with the count per status under the same filters. */
export type StaffFeedbackPage = Awaited<ReturnType<typeof listStaffItems>> & { page: number; pageSize: number };

/** The module whose SLiMS privileges govern CRM work: the CRM pages live in Membership. */
const MODULE = 'membership';

export function staffFeedbackRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const log = deps.log ?? ((line: string) => console.error(line));
  const read = requireStaff(deps, MODULE, 'r');
  const write = requireStaff(deps, MODULE, 'w');

  /** The item as staff see it; showing its submitter's contact details or member id is written to the audit log. */
  async function item(c: AppContext, id: number): Promise<StaffItem> {
    const found = await getStaffItem(db, id);
    if (found === null) throw new ApiError(404, 'feedback_not_found');
    if (found.contact !== null || found.memberId !== null)
      await recordRead(db, c.get('staff'), 'feedback.personal_data', `feedback:${id}`, clock());
    return found;
  }

  const actor = (c: AppContext): StaffRef => ({ uid: c.get('staff').uid, name: c.get('staff').name });

  /**
   * Queues the e-mail notices for a committed status change or reply. The change stands either way: a
   * failure here is logged, not answered with a 500 that would make staff repeat a reply.
   */
  async function notify(feedbackId: number, eventId: number, now: Date): Promise<void> {
    try {
      await notifyWatchers(db, config, deps.secret.value, { feedbackId, eventId }, now);
    } catch (error) {
      log(
        `[slims-crm] feedback ${feedbackId}: notices for event ${eventId} not queued: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  const measures = validQuery(measuresQuery);
  const id = idParam();

  return new Hono<AppEnv>()
    .get('/', read, validQuery(staffListQuery), async (c) => {
      const query = c.req.valid('query');
      const { items, total, counts } = await listStaffItems(db, query);
      c.header('Cache-Control', 'no-store');
      return c.json({ items, total, page: query.page, pageSize: query.pageSize, counts } satisfies StaffFeedbackPage);
    })
    .get('/staff', read, async (c) => c.json({ staff: await listStaffMembers(db) }))
    .get('/categories', read, async (c) => c.json({ categories: await listCategories(db) }))
    .get('/measures', read, measures, async (c) => {
      const now = clock();
      const query = measureRange(c.req.valid('query'), requestLang(c), now, config.utcOffsetMinutes);
      const measures = await computeMeasures(db, query, config.utcOffsetMinutes, now);
      c.header('Cache-Control', 'no-store');
      return c.json(measures);
    })
    .get('/measures.csv', read, measures, async (c) => {
      const now = clock();
      const query = measureRange(c.req.valid('query'), requestLang(c), now, config.utcOffsetMinutes);
      const measures = await computeMeasures(db, query, config.utcOffsetMinutes, now);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="layanan-masukan-${query.from}-${query.to}.csv"`);
      c.header('Cache-Control', 'no-store');
      // The byte-order mark lets spreadsheet programs read the file as UTF-8.
      return c.body(`\uFEFF${measuresCsv(measures, requestLang(c))}`);
    })
    .get('/:id', read, id, async (c) => {
      c.header('Cache-Control', 'no-store');
      // `email`: whether this sidecar sends e-mail at all (CRM_SMTP_URL), so the reply form promises no notice it cannot send.
      return c.json({ item: await item(c, c.req.valid('param').id), email: config.smtpUrl !== null });
    })
    .put('/:id', write, id, jsonBody(staffUpdateBody), async (c) => {
      const { id } = c.req.valid('param');
      const lang = requestLang(c);
      const update = c.req.valid('json');
      const changes: FeedbackChanges = {
        status: update.status,
        category: update.category,
        published: update.published,
      };
      if (update.assignedUid !== undefined) {
        const assigned = update.assignedUid === null ? null : await findStaffMember(db, update.assignedUid);
        if (assigned === null && update.assignedUid !== null) {
          throw new ApiError(422, 'validation_failed', [
            {
              field: 'assignedUid',
              message: pick(lang, 'Petugas ini tidak ada di SLiMS.', 'This staff member does not exist in SLiMS.'),
            },
          ]);
        }
        changes.assigned = assigned;
      }
      const now = clock();
      const result = await updateFeedback(db, id, changes, actor(c), now);
      if (result === 'not_found') throw new ApiError(404, 'feedback_not_found');
      if (result.statusEventId !== null) await notify(id, result.statusEventId, now);
      return c.json({ item: await item(c, id) });
    })
    .post('/:id/notes', write, id, jsonBody(staffTextBody), async (c) => {
      const { id } = c.req.valid('param');
      const { text } = c.req.valid('json');
      if ((await addNote(db, id, text, actor(c), clock())) === 'not_found')
        throw new ApiError(404, 'feedback_not_found');
      return c.json({ item: await item(c, id) }, 201);
    })
    .post('/:id/replies', write, id, jsonBody(replyBody), async (c) => {
      const { id } = c.req.valid('param');
      const reply = c.req.valid('json');
      const now = clock();
      const eventId = await addReply(db, id, reply, actor(c), now);
      if (eventId === 'not_found') throw new ApiError(404, 'feedback_not_found');
      await notify(id, eventId, now);
      return c.json({ item: await item(c, id) }, 201);
    })
    .post('/:id/merge', write, id, jsonBody(mergeBody), async (c) => {
      const { id } = c.req.valid('param');
      const { into } = c.req.valid('json');
      const result = await mergeFeedback(db, id, into, actor(c), clock());
      if (result === 'not_found') throw new ApiError(404, 'feedback_not_found');
      if (result === 'invalid') throw new ApiError(409, 'merge_invalid');
      return c.json({ item: await item(c, into) });
    });
}
