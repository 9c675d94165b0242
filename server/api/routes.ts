// Every route of the sidecar's API as integrators read it: what it does, who may call it, what it takes and
// what it answers. The OpenAPI document and the reference page are built from this table and the schemas.
import type { z } from 'zod';
import {
  boardQuery,
  measuresQuery,
  mergeBody,
  replyBody,
  staffListQuery,
  staffTextBody,
  staffUpdateBody,
  submissionBody,
} from '../feedback/feedback.schemas.ts';
import { eventBody, pingBody } from '../hooks/hooks.schemas.ts';
import { memberSessionBody } from '../members/members.schemas.ts';
import { placementBody, placementsQuery } from '../placements/placements.schemas.ts';
import { staffSessionBody } from '../staff/staff.schemas.ts';
import { answersBody, surveyBody } from '../surveys/surveys.schemas.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * `staff`: a staff token (Authorization: Bearer) whose holder has SLiMS Membership read (r) or write (w);
 * `member`: a member token; `member-optional`: a member token when there is one, else the device id;
 * `signed`: the SLiMS plugin's HMAC signature (X-Slims-Crm-Timestamp, X-Slims-Crm-Signature).
 */
export type Access = 'public' | 'member' | 'member-optional' | 'staff-r' | 'staff-w' | 'signed';

export interface RouteDoc {
  method: Method;
  /** As Hono writes it: /api/v1/surveys/:slug. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  /** Widget writes carry an Idempotency-Key: a retry never counts twice. */
  idempotent?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success answers by status; the error answers are added from `errors`. */
  ok: Record<number, string>;
  /** Error codes this route may answer besides the ones every route may (validation, rate limits, 5xx). */
  errors?: number[];
  /** A CSV download rather than JSON. */
  csv?: boolean;
}

const surveys = 'Surveys and polls';
const feedback = 'Suggestion box';
const staff = 'Staff';
const members = 'Members';
const plugin = 'SLiMS plugin';

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/health',
    tag: 'Service',
    summary: 'Whether the sidecar and its database answer.',
    access: 'public',
    ok: { 200: 'Up.', 503: 'The database does not answer.' },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Service',
    summary: 'This document (OpenAPI 3.1).',
    access: 'public',
    ok: { 200: 'The document.' },
  },
  {
    method: 'get',
    path: '/api/v1/docs',
    tag: 'Service',
    summary: 'The API reference as a web page.',
    access: 'public',
    ok: { 200: 'An HTML page.' },
  },

  {
    method: 'get',
    path: '/api/v1/surveys/:slug',
    tag: surveys,
    summary: 'A published poll or survey, whether this visitor answered, and its results when they may be shown.',
    access: 'member-optional',
    ok: { 200: '{ survey, answered, results }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/surveys/:slug/responses',
    tag: surveys,
    summary: 'Answer a poll or survey once (per member, else per device).',
    access: 'member-optional',
    idempotent: true,
    body: answersBody,
    ok: { 201: '{ responseId, results }', 200: 'A replayed Idempotency-Key: the first answer.' },
    errors: [401, 404, 409],
  },

  {
    method: 'get',
    path: '/api/v1/feedback/pow',
    tag: feedback,
    summary: 'A proof-of-work challenge for an anonymous submission.',
    access: 'public',
    ok: { 200: '{ challenge }' },
  },
  {
    method: 'post',
    path: '/api/v1/feedback',
    tag: feedback,
    summary: 'Send a suggestion, complaint, praise, question or purchase request; answers with its tracking code.',
    access: 'member-optional',
    idempotent: true,
    body: submissionBody,
    ok: { 201: '{ item }', 200: 'A replayed Idempotency-Key: the first item.' },
    errors: [401, 409],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/items/:code',
    tag: feedback,
    summary: "An item by its tracking code, with the library's replies and status history.",
    access: 'public',
    ok: { 200: '{ item }' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/mine',
    tag: feedback,
    summary: "The signed-in member's own items.",
    access: 'member',
    ok: { 200: '{ items }' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/board',
    tag: feedback,
    summary: "The public board: published items, with this visitor's own votes.",
    access: 'member-optional',
    query: boardQuery,
    ok: { 200: '{ items, total, page, pageSize }' },
  },
  {
    method: 'post',
    path: '/api/v1/feedback/board/:id/votes',
    tag: feedback,
    summary: 'Support an idea on the board (once per member, else per device).',
    access: 'member-optional',
    idempotent: true,
    ok: { 201: '{ votes, voted }', 200: 'Already voted.' },
    errors: [401, 404, 409],
  },

  {
    method: 'post',
    path: '/api/v1/members/session',
    tag: members,
    summary: 'Member sign-in with card number and OPAC password; answers with a short-lived member token.',
    access: 'public',
    body: memberSessionBody,
    ok: { 200: '{ token, expiresAt, member }' },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/v1/members/me',
    tag: members,
    summary: 'The member a member token names.',
    access: 'member',
    ok: { 200: '{ member }' },
    errors: [401],
  },

  {
    method: 'post',
    path: '/api/v1/staff/session',
    tag: staff,
    summary: "Staff sign-in against SLiMS's user table; answers with a staff token.",
    access: 'public',
    body: staffSessionBody,
    ok: { 200: '{ token, expiresAt, staff }' },
    errors: [401, 403],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/session',
    tag: staff,
    summary: 'Sign out: the token is revoked on every sidecar.',
    access: 'staff-r',
    ok: { 204: 'Revoked.' },
    errors: [401],
  },

  {
    method: 'get',
    path: '/api/v1/staff/surveys',
    tag: staff,
    summary: 'Every poll and survey with its state and response count.',
    access: 'staff-r',
    ok: { 200: '{ surveys }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys',
    tag: staff,
    summary: 'Create a poll or survey (a draft).',
    access: 'staff-w',
    body: surveyBody,
    ok: { 201: '{ survey }' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: 'A poll or survey with its questions.',
    access: 'staff-r',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: 'Change a poll or survey; its questions only while it has no responses.',
    access: 'staff-w',
    body: surveyBody,
    ok: { 200: '{ survey }' },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys/:id/open',
    tag: staff,
    summary: 'Publish (open) a poll or survey.',
    access: 'staff-w',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys/:id/close',
    tag: staff,
    summary: 'Close a poll or survey.',
    access: 'staff-w',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: 'Delete a poll or survey and its responses.',
    access: 'staff-w',
    ok: { 204: 'Deleted.' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id/results',
    tag: staff,
    summary: 'Live results with text answers, and responses per day.',
    access: 'staff-r',
    ok: { 200: '{ results, timeline }' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id/export.csv',
    tag: staff,
    summary: 'Every response as CSV (UTF-8 with BOM); written to the audit log.',
    access: 'staff-r',
    csv: true,
    ok: { 200: 'CSV.' },
    errors: [404],
  },

  {
    method: 'get',
    path: '/api/v1/staff/feedback',
    tag: staff,
    summary: 'The suggestion-box inbox: filters, search, pages and counts per status.',
    access: 'staff-r',
    query: staffListQuery,
    ok: { 200: '{ items, total, page, pageSize, counts }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/staff',
    tag: staff,
    summary: 'The staff an item can be assigned to.',
    access: 'staff-r',
    ok: { 200: '{ staff }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/categories',
    tag: staff,
    summary: 'The categories in use, and the usual ones.',
    access: 'staff-r',
    ok: { 200: '{ categories }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/measures',
    tag: staff,
    summary: 'Service measures: response and closing times, open items by age, volume.',
    access: 'staff-r',
    query: measuresQuery,
    ok: { 200: 'The measures.' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/measures.csv',
    tag: staff,
    summary: 'The service measures as CSV.',
    access: 'staff-r',
    query: measuresQuery,
    csv: true,
    ok: { 200: 'CSV.' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/:id',
    tag: staff,
    summary: 'One item with its history; showing personal data is written to the audit log.',
    access: 'staff-r',
    ok: { 200: '{ item, email }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/feedback/:id',
    tag: staff,
    summary: 'Change status, category, assignment or publication; a status change notifies watchers.',
    access: 'staff-w',
    body: staffUpdateBody,
    ok: { 200: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/notes',
    tag: staff,
    summary: 'Add an internal note.',
    access: 'staff-w',
    body: staffTextBody,
    ok: { 201: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/replies',
    tag: staff,
    summary: 'Reply publicly (on the board) or privately (to the submitter).',
    access: 'staff-w',
    body: replyBody,
    ok: { 201: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/merge',
    tag: staff,
    summary: 'Merge a duplicate into another item; its votes and watchers move along.',
    access: 'staff-w',
    body: mergeBody,
    ok: { 200: '{ item } (the kept item)' },
    errors: [404, 409],
  },

  {
    method: 'get',
    path: '/api/v1/staff/placements',
    tag: staff,
    summary: 'The widgets placed in the OPAC, optionally for one survey.',
    access: 'staff-r',
    query: placementsQuery,
    ok: { 200: '{ placements }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/placements',
    tag: staff,
    summary: 'Place a widget on OPAC pages.',
    access: 'staff-w',
    body: placementBody,
    ok: { 201: '{ placement }' },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/placements/:id',
    tag: staff,
    summary: 'Remove a placement.',
    access: 'staff-w',
    ok: { 204: 'Removed.' },
    errors: [404],
  },

  {
    method: 'post',
    path: '/api/v1/hooks/slims',
    tag: plugin,
    summary: 'An event from the SLiMS plugin (circulation, members, biblios), kept once.',
    access: 'signed',
    body: eventBody,
    ok: { 202: '{ status: "accepted" }' },
    errors: [401, 403, 409],
  },
  {
    method: 'post',
    path: '/api/v1/hooks/ping',
    tag: plugin,
    summary: "The plugin's connection test: proves both sides hold the same secret.",
    access: 'signed',
    body: pingBody,
    ok: { 200: '{ status, proof, version, secretSource, time }' },
    errors: [401, 403],
  },
];
