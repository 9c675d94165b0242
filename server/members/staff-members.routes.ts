// Member profiles for staff: finding members, one member's profile (SLiMS's data, loans, visits, the CRM's
// timeline), and what staff add to it (interactions, a note, labels). Reads need SLiMS Membership read, writes
// Membership write; every profile shown is written to the audit log, as other personal-data reads are.
import { Hono } from 'hono';
import { recordRead } from '../audit.ts';
import { requireStaff } from '../auth/require-staff.ts';
import type { AppDeps } from '../deps.ts';
import { localDate } from '../db/time.ts';
import { ApiError, pick, requestLang } from '../errors.ts';
import type { AppContext, AppEnv, Validated } from '../http.ts';
import { hasControlCharacter, jsonBody, validQuery } from '../validate.ts';
import { memberProfile, type MemberProfile } from './profile.ts';
import {
  addInteraction,
  listMemberTypes,
  memberExists,
  searchMembers,
  setMemberLabels,
  setMemberNote,
  type MemberSummary,
  type MemberType,
  type StaffRef,
} from './staff-members.queries.ts';
import { interactionBody, labelsBody, memberListQuery, profileQuery, staffNoteBody } from './staff-members.schemas.ts';

/** GET /api/v1/staff/members: one page of the search, and SLiMS's member types for its filter. */
export interface MemberPage {
  items: MemberSummary[];
  total: number;
  page: number;
  pageSize: number;
  types: MemberType[];
}

export type { MemberProfile };

/** The module whose SLiMS privileges govern member profiles. */
const MODULE = 'membership';
/** A logged interaction may be stamped a little ahead of the sidecar's clock (a PC's clock runs fast), no more. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Route middleware: `:id` as a SLiMS card number (member_id is free text of up to 20 characters, sent
 * percent-encoded), else a 404; the handler reads `c.req.valid('param').id`.
 */
const memberIdParam = (): Validated<'param', { id: string }> => async (c, next) => {
  const id = c.req.param('id') ?? '';
  if (id.trim() === '' || [...id].length > 20 || hasControlCharacter(id)) throw new ApiError(404, 'member_not_found');
  c.req.addValidatedData('param', { id });
  await next();
};

export function staffMemberRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const read = requireStaff(deps, MODULE, 'r');
  const write = requireStaff(deps, MODULE, 'w');
  const id = memberIdParam();

  const actor = (c: AppContext): StaffRef => ({ uid: c.get('staff').uid, name: c.get('staff').name });

  /** Staff write only about members SLiMS has. */
  async function existing(memberId: string): Promise<string> {
    if (!(await memberExists(db, memberId))) throw new ApiError(404, 'member_not_found');
    return memberId;
  }

  return new Hono<AppEnv>()
    .get('/', read, validQuery(memberListQuery), async (c) => {
      const query = c.req.valid('query');
      const today = localDate(clock(), config.utcOffsetMinutes);
      const types = await listMemberTypes(db);
      const { items, total } = await searchMembers(db, query, today, types);
      c.header('Cache-Control', 'no-store');
      return c.json({ items, total, page: query.page, pageSize: query.pageSize, types } satisfies MemberPage);
    })
    .get('/:id', read, id, validQuery(profileQuery), async (c) => {
      const now = clock();
      const profile = await memberProfile(
        db,
        c.req.valid('param').id,
        c.req.valid('query').kinds,
        now,
        config.utcOffsetMinutes,
        requestLang(c),
      );
      if (profile === null) throw new ApiError(404, 'member_not_found');
      await recordRead(db, c.get('staff'), 'member.profile', `member:${profile.id}`, now);
      c.header('Cache-Control', 'no-store');
      return c.json(profile satisfies MemberProfile);
    })
    .post('/:id/interactions', write, id, jsonBody(interactionBody), async (c) => {
      const memberId = await existing(c.req.valid('param').id);
      const input = c.req.valid('json');
      const now = clock();
      const at = input.at ?? now;
      if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
        throw new ApiError(422, 'validation_failed', [
          {
            field: 'at',
            message: pick(
              requestLang(c),
              'Waktu interaksi tidak boleh di masa depan.',
              'The interaction cannot be in the future.',
            ),
          },
        ]);
      }
      const interaction = await addInteraction(
        db,
        memberId,
        { channel: input.channel, note: input.note, outcome: input.outcome ?? null, at },
        actor(c),
        now,
      );
      return c.json({ interaction }, 201);
    })
    .put('/:id/note', write, id, jsonBody(staffNoteBody), async (c) => {
      const memberId = await existing(c.req.valid('param').id);
      return c.json({ note: await setMemberNote(db, memberId, c.req.valid('json').text, actor(c), clock()) });
    })
    .put('/:id/labels', write, id, jsonBody(labelsBody), async (c) => {
      const memberId = await existing(c.req.valid('param').id);
      return c.json({ labels: await setMemberLabels(db, memberId, c.req.valid('json').labels, actor(c), clock()) });
    });
}
