// Segments for staff: counting a definition while it is built, saved segments (named definitions, evaluated
// each time they are used), a segment's members page by page, and its CSV export, which is written to the audit
// log with who took it and how many members it held. Reads need SLiMS Membership read, saving Membership write.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { recordRead } from '../audit.ts';
import { requireStaff } from '../auth/require-staff.ts';
import type { AppDeps } from '../deps.ts';
import { localDate } from '../db/time.ts';
import { ApiError, requestLang } from '../errors.ts';
import { idParam, type AppContext, type AppEnv } from '../http.ts';
import {
  listMemberTypes,
  searchMembers,
  type MemberSummary,
  type MemberType,
  type StaffRef,
} from '../members/staff-members.queries.ts';
import { csvLine } from '../surveys/csv.ts';
import {
  countSegment,
  createSegment,
  deleteSegment,
  exportRows,
  filterContext,
  findSegment,
  labelChoices,
  listSegments,
  segmentCondition,
  segmentMemberIds,
  segmentNameTaken,
  updateSegment,
  type SavedSegment,
  type SegmentCount,
} from './segments.queries.ts';
import {
  countBody,
  segmentBody,
  segmentDefinition,
  segmentMembersQuery,
  type SegmentDefinition,
} from './segments.schemas.ts';
import { jsonBody, validQuery } from '../validate.ts';

/** GET /api/v1/staff/segments: the saved segments, and the choices the builder offers. */
export interface SegmentList {
  segments: SavedSegment[];
  types: MemberType[];
  labels: string[];
}

/** GET /api/v1/staff/segments/{id}/members. */
export interface SegmentMemberPage {
  items: MemberSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type { SavedSegment, SegmentCount, SegmentDefinition };

/** The module whose SLiMS privileges govern segments, as they do the member profiles they are made of. */
const MODULE = 'membership';

/** A stored definition was valid when it was saved; read back, it goes through the same schema. */
const parseDefinition = (json: unknown): SegmentDefinition => segmentDefinition.en.parse(json);

export function segmentRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const read = requireStaff(deps, MODULE, 'r');
  const write = requireStaff(deps, MODULE, 'w');
  const id = idParam();

  const actor = (c: AppContext): StaffRef => ({ uid: c.get('staff').uid, name: c.get('staff').name });
  const today = () => localDate(clock(), config.utcOffsetMinutes);

  async function load(segmentId: number): Promise<SavedSegment> {
    const segment = await findSegment(db, segmentId, parseDefinition);
    if (segment === null) throw new ApiError(404, 'segment_not_found');
    return segment;
  }

  async function nameFree(name: string, except?: number): Promise<void> {
    if (await segmentNameTaken(db, name, except)) throw new ApiError(409, 'segment_name_taken');
  }

  return new Hono<AppEnv>()
    .post('/count', read, jsonBody(countBody), async (c) => {
      // `lang` chose the words of an error; the rest is the definition.
      const definition: SegmentDefinition = { ...c.req.valid('json') };
      delete (definition as { lang?: unknown }).lang;
      c.header('Cache-Control', 'no-store');
      return c.json((await countSegment(db, definition, today())) satisfies SegmentCount);
    })
    .get('/', read, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({
        segments: await listSegments(db, parseDefinition),
        types: await listMemberTypes(db),
        labels: await labelChoices(db),
      } satisfies SegmentList);
    })
    .post('/', write, jsonBody(segmentBody), async (c) => {
      const { name, definition } = c.req.valid('json');
      await nameFree(name);
      const created = await createSegment(db, { name, definition }, actor(c), clock());
      return c.json({ segment: await load(created) }, 201);
    })
    .get('/:id', read, id, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ segment: await load(c.req.valid('param').id) });
    })
    .put('/:id', write, id, jsonBody(segmentBody), async (c) => {
      const segment = await load(c.req.valid('param').id);
      const { name, definition } = c.req.valid('json');
      await nameFree(name, segment.id);
      await updateSegment(db, segment.id, { name, definition }, actor(c), clock());
      return c.json({ segment: await load(segment.id) });
    })
    .delete('/:id', write, id, async (c) => {
      if (!(await deleteSegment(db, c.req.valid('param').id))) throw new ApiError(404, 'segment_not_found');
      return c.body(null, 204);
    })
    .get('/:id/members', read, id, validQuery(segmentMembersQuery), async (c) => {
      const segment = await load(c.req.valid('param').id);
      const query = c.req.valid('query');
      const day = today();
      const within = segmentCondition(segment.definition, await filterContext(db, segment.definition, day));
      const { items, total } = await searchMembers(
        db,
        { ...query, type: undefined, expiry: undefined, tier: undefined },
        day,
        await listMemberTypes(db),
        within,
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ items, total, page: query.page, pageSize: query.pageSize } satisfies SegmentMemberPage);
    })
    .get('/:id/members.csv', read, id, async (c) => {
      const segment = await load(c.req.valid('param').id);
      const ids = await segmentMemberIds(db, segment.definition, today());
      // Contact details of many members at once: who took them, of which segment, and how many, before any is sent.
      await recordRead(db, c.get('staff'), 'segment.export', `segment:${segment.id}`, clock(), ids.length);
      const en = requestLang(c) === 'en';
      const header = en
        ? [
            'member_id',
            'name',
            'member_type',
            'gender',
            'birth_date',
            'institution',
            'email',
            'phone',
            'address',
            'postal_code',
            'register_date',
            'expire_date',
          ]
        : [
            'id_anggota',
            'nama',
            'jenis_anggota',
            'jenis_kelamin',
            'tanggal_lahir',
            'institusi',
            'email',
            'telepon',
            'alamat',
            'kode_pos',
            'tanggal_daftar',
            'berlaku_sampai',
          ];
      const gender = (value: number) =>
        Number(value) === 1 ? (en ? 'male' : 'laki-laki') : en ? 'female' : 'perempuan';
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${en ? 'segment' : 'segmen'}-${segment.id}.csv"`);
      c.header('Cache-Control', 'no-store');
      return stream(c, async (out) => {
        // The byte-order mark lets spreadsheet programs read the file as UTF-8.
        await out.write(`\uFEFF${csvLine(header)}`);
        for await (const rows of exportRows(db, ids)) {
          let chunk = '';
          for (const row of rows) {
            chunk += csvLine([
              row.member_id,
              row.member_name,
              row.member_type_name ?? '',
              gender(row.gender),
              row.birth_date ?? '',
              row.inst_name ?? '',
              row.member_email ?? '',
              row.member_phone ?? '',
              row.member_address ?? '',
              row.postal_code ?? '',
              row.register_date ?? '',
              row.expire_date,
            ]);
          }
          await out.write(chunk);
        }
      });
    });
}
