// One member's profile as staff read it: SLiMS's own data about them, what their loans and visits say (totals,
// months, topics, inferred interests) and one timeline of what they did and what staff logged, newest first.
// SLiMS writes local wall-clock times; the profile answers instants in UTC, like every other CRM time.
import type { Kysely } from 'kysely';
import type { Database, FeedbackKind, FeedbackStatus, InteractionChannel } from '../db/database.ts';
import { localDate, slimsTimeToIso } from '../db/time.ts';
import {
  addDays,
  biblioTopics,
  findSlimsMember,
  memberFeedback,
  memberInteractions,
  memberLabels,
  memberLoans,
  memberNote,
  memberResponses,
  memberVisits,
  type LoanRow,
  type MemberType,
  type SlimsMemberRow,
  type StaffNote,
  type StaffRef,
  type VisitRow,
} from './staff-members.queries.ts';
import type { MemberTier, TimelineKind } from './staff-members.schemas.ts';
import { statedPreferences, type ConsentState, type StatedPreferences } from './preferences.queries.ts';

/** The newest entries a profile's timeline shows. */
export const TIMELINE_LIMIT = 100;
/** Months in the loans and visits charts, this one included. */
export const CHART_MONTHS = 12;
/** An inferred interest counts a loan half as much after this many days. */
export const INTEREST_HALF_LIFE_DAYS = 180;
const TOP = 5;
const INFERRED = 8;

export interface TopicCount {
  id: number;
  topic: string;
  loans: number;
}

export interface GmdCount {
  id: number;
  name: string;
  loans: number;
}

export interface OpenLoan {
  loanId: number;
  itemCode: string | null;
  biblioId: number | null;
  title: string | null;
  loanDate: string;
  dueDate: string;
  overdue: boolean;
}

export interface LoanStats {
  total: number;
  /** Loans whose loan date falls in the last 365 days, today included. */
  last12Months: number;
  lastLoan: { date: string; title: string | null } | null;
  onLoan: OpenLoan[];
  overdue: number;
  topTopics: TopicCount[];
  topGmds: GmdCount[];
  /** The last CHART_MONTHS calendar months, oldest first ('YYYY-MM'). */
  perMonth: Array<{ month: string; loans: number }>;
}

export interface VisitStats {
  total: number;
  /** The last check-in, as an instant. */
  last: string | null;
  perMonth: Array<{ month: string; visits: number }>;
}

export interface InferredInterest {
  topicId: number;
  topic: string;
  /** Loans weighted by recency (halving every INTEREST_HALF_LIFE_DAYS), the strongest as 1. */
  weight: number;
  loans: number;
}

interface Entry<K extends TimelineKind> {
  kind: K;
  /** An instant in UTC; for `allDay` entries the start of that local day. */
  at: string;
  /** SLiMS kept only the date (a loan or return without its time). */
  allDay: boolean;
}

export type TimelineEntry =
  | (Entry<'interaction'> & {
      interactionId: number;
      channel: InteractionChannel;
      note: string;
      outcome: string | null;
      staff: StaffRef;
    })
  | (Entry<'loan'> & {
      loanId: number;
      itemCode: string | null;
      biblioId: number | null;
      title: string | null;
      dueDate: string;
    })
  | (Entry<'return'> & { loanId: number; itemCode: string | null; biblioId: number | null; title: string | null })
  | (Entry<'visit'> & { visitId: number; room: string | null })
  | (Entry<'survey'> & { responseId: number; surveyId: number; surveyKind: 'poll' | 'survey'; title: string })
  | (Entry<'feedback'> & { feedbackId: number; feedbackKind: FeedbackKind; status: FeedbackStatus; text: string });

/** One stated interest: a topic of SLiMS's mst_topic (null when SLiMS no longer has it) or a tag of the member's own. */
export type StatedInterest = { kind: 'topic'; topicId: number; topic: string | null } | { kind: 'tag'; tag: string };

export interface MemberProfile {
  id: string;
  name: string;
  type: MemberType | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  age: number | null;
  /** Under 18 by birth date (UU PDP's children's data). */
  minor: boolean;
  institution: string | null;
  address: string | null;
  mailAddress: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  memberSince: string | null;
  registerDate: string | null;
  expireDate: string;
  expired: boolean;
  pending: boolean;
  /** The photo's path under SLiMS's root (images/persons/…), when SLiMS has one; the staff app resolves it. */
  photo: string | null;
  /** Tier, score and the reasons behind them: null and [] until the tiers are computed (issue 11 §3). */
  tier: MemberTier | null;
  score: number | null;
  reasons: string[];
  /** What the member stated in <slims-interest-profile>: SLiMS topics and their own tags, apart from inferredInterests. */
  interests: StatedInterest[];
  /** The current consent of each channel and purpose the member answered, with when and the wording version. */
  consents: ConsentState[];
  /** The media, channel and contact the member stated. */
  preferences: Pick<StatedPreferences, 'media' | 'gmds' | 'channel' | 'contact'>;
  loans: LoanStats;
  visits: VisitStats;
  inferredInterests: InferredInterest[];
  note: StaffNote | null;
  labels: string[];
  timeline: TimelineEntry[];
  /** More entries of the asked kinds exist beyond TIMELINE_LIMIT. */
  timelineMore: boolean;
}

/** The SLiMS "no date" values: NULL, and the zero date older installs hold. */
const dateOrNull = (value: string | null): string | null =>
  value === null || value === '' || value.startsWith('0000') ? null : value.slice(0, 10);

/** Whole years from `birth` to `today` (both 'YYYY-MM-DD'). */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** 'YYYY-MM' of the CHART_MONTHS months ending with today's, oldest first. */
export function chartMonths(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: CHART_MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(year, month - (CHART_MONTHS - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** A file name SLiMS saved under images/persons/, never a path that could leave that folder. */
function photoPath(file: string | null): string | null {
  if (file === null || !/^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/.test(file) || file.includes('..')) return null;
  return `images/persons/${encodeURIComponent(file)}`;
}

function top<T extends { loans: number }>(counts: Iterable<T>, n: number, name: (t: T) => string): T[] {
  return [...counts].sort((a, b) => b.loans - a.loans || name(a).localeCompare(name(b))).slice(0, n);
}

function loanStats(
  loans: LoanRow[],
  topics: Map<number, Array<{ topic_id: number; topic: string }>>,
  today: string,
): LoanStats {
  const yearAgo = addDays(today, -365);
  const months = chartMonths(today);
  const perMonth = new Map(months.map((m) => [m, 0]));
  const topicCounts = new Map<number, TopicCount>();
  const gmdCounts = new Map<number, GmdCount>();
  let last: LoanRow | null = null;
  const onLoan: OpenLoan[] = [];
  for (const loan of loans) {
    const month = loan.loan_date.slice(0, 7);
    const inMonth = perMonth.get(month);
    if (inMonth !== undefined) perMonth.set(month, inMonth + 1);
    if (last === null || loan.loan_date > last.loan_date) last = loan;
    if (Number(loan.is_lent) === 1 && Number(loan.is_return) === 0) {
      onLoan.push({
        loanId: Number(loan.loan_id),
        itemCode: loan.item_code,
        biblioId: loan.biblio_id === null ? null : Number(loan.biblio_id),
        title: loan.title,
        loanDate: loan.loan_date,
        dueDate: loan.due_date,
        overdue: loan.due_date < today,
      });
    }
    if (loan.gmd_id !== null) {
      const id = Number(loan.gmd_id);
      const count = gmdCounts.get(id) ?? { id, name: loan.gmd_name ?? String(id), loans: 0 };
      count.loans++;
      gmdCounts.set(id, count);
    }
    for (const t of loan.biblio_id === null ? [] : (topics.get(Number(loan.biblio_id)) ?? [])) {
      const count = topicCounts.get(t.topic_id) ?? { id: t.topic_id, topic: t.topic, loans: 0 };
      count.loans++;
      topicCounts.set(t.topic_id, count);
    }
  }
  onLoan.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.loanId - b.loanId);
  return {
    total: loans.length,
    last12Months: loans.filter((loan) => loan.loan_date > yearAgo && loan.loan_date <= today).length,
    lastLoan: last === null ? null : { date: last.loan_date, title: last.title },
    onLoan,
    overdue: onLoan.filter((loan) => loan.overdue).length,
    topTopics: top(topicCounts.values(), TOP, (t) => t.topic),
    topGmds: top(gmdCounts.values(), TOP, (g) => g.name),
    perMonth: months.map((month) => ({ month, loans: perMonth.get(month) ?? 0 })),
  };
}

/** Topics of the member's loans, each loan counting 0.5^(age / half-life): what they borrow now weighs most. */
export function inferInterests(
  loans: LoanRow[],
  topics: Map<number, Array<{ topic_id: number; topic: string }>>,
  today: string,
): InferredInterest[] {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const sums = new Map<number, { topic: string; weight: number; loans: number }>();
  for (const loan of loans) {
    if (loan.biblio_id === null) continue;
    const ageDays = Math.max(0, (todayMs - Date.parse(`${loan.loan_date.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
    const weight = 0.5 ** (ageDays / INTEREST_HALF_LIFE_DAYS);
    for (const t of topics.get(Number(loan.biblio_id)) ?? []) {
      const sum = sums.get(t.topic_id) ?? { topic: t.topic, weight: 0, loans: 0 };
      sum.weight += weight;
      sum.loans++;
      sums.set(t.topic_id, sum);
    }
  }
  const strongest = Math.max(0, ...[...sums.values()].map((s) => s.weight));
  return [...sums.entries()]
    .map(([topicId, s]) => ({
      topicId,
      topic: s.topic,
      weight: Math.round((s.weight / strongest) * 100) / 100,
      loans: s.loans,
    }))
    .sort((a, b) => b.weight - a.weight || b.loans - a.loans || a.topic.localeCompare(b.topic))
    .slice(0, INFERRED);
}

function visitStats(visits: VisitRow[], today: string, utcOffsetMinutes: number): VisitStats {
  const months = chartMonths(today);
  const perMonth = new Map(months.map((m) => [m, 0]));
  for (const visit of visits) {
    const month = visit.checkin_date.slice(0, 7);
    const n = perMonth.get(month);
    if (n !== undefined) perMonth.set(month, n + 1);
  }
  const last = visits.reduce<string | null>(
    (max, v) => (max === null || v.checkin_date > max ? v.checkin_date : max),
    null,
  );
  return {
    total: visits.length,
    last: slimsTimeToIso(last, utcOffsetMinutes),
    perMonth: months.map((month) => ({ month, visits: perMonth.get(month) ?? 0 })),
  };
}

/** When SLiMS says a loan event happened: the datetime it wrote with it when that is the same day, else the day. */
function slimsWhen(day: string, written: string | null, utcOffsetMinutes: number): { at: string; allDay: boolean } {
  const timed = written !== null && written.slice(0, 10) === day.slice(0, 10);
  return {
    at: slimsTimeToIso(timed ? written : day, utcOffsetMinutes) ?? `${day.slice(0, 10)}T00:00:00Z`,
    allDay: !timed,
  };
}

/** The member's profile, or null when SLiMS has no member with this card number. */
export async function memberProfile(
  db: Kysely<Database>,
  memberId: string,
  kinds: readonly TimelineKind[],
  now: Date,
  utcOffsetMinutes: number,
): Promise<MemberProfile | null> {
  const member = await findSlimsMember(db, memberId);
  if (member === null) return null;
  const today = localDate(now, utcOffsetMinutes);
  const [loans, visits, note, labels, stated] = await Promise.all([
    memberLoans(db, member.member_id),
    memberVisits(db, member.member_id),
    memberNote(db, member.member_id),
    memberLabels(db, member.member_id),
    statedPreferences(db, member.member_id),
  ]);
  const biblioIds = [...new Set(loans.flatMap((loan) => (loan.biblio_id === null ? [] : [Number(loan.biblio_id)])))];
  const topics = new Map<number, Array<{ topic_id: number; topic: string }>>();
  for (const row of await biblioTopics(db, biblioIds)) {
    const list = topics.get(row.biblio_id) ?? [];
    list.push(row);
    topics.set(row.biblio_id, list);
  }
  const { timeline, more } = await buildTimeline(db, member.member_id, kinds, loans, visits, utcOffsetMinutes);
  return {
    ...slimsData(member, today),
    tier: null,
    score: null,
    reasons: [],
    interests: [
      ...stated.interests.topics.map((t) => ({ kind: 'topic' as const, topicId: t.id, topic: t.topic })),
      ...stated.interests.tags.map((tag) => ({ kind: 'tag' as const, tag })),
    ],
    consents: stated.consents,
    preferences: { media: stated.media, gmds: stated.gmds, channel: stated.channel, contact: stated.contact },
    loans: loanStats(loans, topics, today),
    visits: visitStats(visits, today, utcOffsetMinutes),
    inferredInterests: inferInterests(loans, topics, today),
    note,
    labels,
    timeline,
    timelineMore: more,
  };
}

/** SLiMS's own data about the member, as the CRM shows it. */
export function slimsData(member: SlimsMemberRow, today: string) {
  const birthDate = dateOrNull(member.birth_date);
  const age = birthDate === null ? null : ageOn(birthDate, today);
  const blank = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
  return {
    id: member.member_id,
    name: member.member_name,
    type:
      member.member_type_id === null
        ? null
        : { id: Number(member.member_type_id), name: member.member_type_name ?? String(member.member_type_id) },
    gender: Number(member.gender) === 1 ? ('male' as const) : Number(member.gender) === 0 ? ('female' as const) : null,
    birthDate,
    age,
    minor: age !== null && age < 18,
    institution: blank(member.inst_name),
    address: blank(member.member_address),
    mailAddress: blank(member.member_mail_address),
    postalCode: blank(member.postal_code),
    phone: blank(member.member_phone),
    email: blank(member.member_email),
    memberSince: dateOrNull(member.member_since_date),
    registerDate: dateOrNull(member.register_date),
    expireDate: member.expire_date,
    expired: member.expire_date < today,
    pending: Number(member.is_pending) === 1,
    photo: photoPath(member.member_image),
  };
}

async function buildTimeline(
  db: Kysely<Database>,
  memberId: string,
  kinds: readonly TimelineKind[],
  loans: LoanRow[],
  visits: VisitRow[],
  utcOffsetMinutes: number,
): Promise<{ timeline: TimelineEntry[]; more: boolean }> {
  const wants = (kind: TimelineKind) => kinds.includes(kind);
  // One more than shown from each source tells whether anything is left out.
  const limit = TIMELINE_LIMIT + 1;
  const entries: TimelineEntry[] = [];
  if (wants('loan') || wants('return')) {
    for (const loan of loans) {
      const about = {
        loanId: Number(loan.loan_id),
        itemCode: loan.item_code,
        biblioId: loan.biblio_id === null ? null : Number(loan.biblio_id),
        title: loan.title,
      };
      if (wants('loan'))
        entries.push({
          kind: 'loan',
          ...slimsWhen(loan.loan_date, loan.input_date, utcOffsetMinutes),
          ...about,
          dueDate: loan.due_date,
        });
      const returned = dateOrNull(loan.return_date);
      if (wants('return') && Number(loan.is_return) === 1 && returned !== null)
        entries.push({ kind: 'return', ...slimsWhen(returned, loan.last_update, utcOffsetMinutes), ...about });
    }
  }
  if (wants('visit')) {
    for (const visit of visits.slice(0, limit)) {
      entries.push({
        kind: 'visit',
        at: slimsTimeToIso(visit.checkin_date, utcOffsetMinutes) ?? visit.checkin_date,
        allDay: false,
        visitId: Number(visit.visitor_id),
        room: visit.room_code || null,
      });
    }
  }
  const [interactions, responses, feedback] = await Promise.all([
    wants('interaction') ? memberInteractions(db, memberId, limit) : [],
    wants('survey') ? memberResponses(db, memberId, limit) : [],
    wants('feedback') ? memberFeedback(db, memberId, limit) : [],
  ]);
  for (const i of interactions) {
    entries.push({
      kind: 'interaction',
      at: i.at,
      allDay: false,
      interactionId: i.id,
      channel: i.channel,
      note: i.note,
      outcome: i.outcome,
      staff: i.staff,
    });
  }
  for (const r of responses) entries.push({ kind: 'survey', allDay: false, ...r });
  for (const f of feedback) entries.push({ kind: 'feedback', allDay: false, ...f });
  // Newest first; on the same instant, the order of TIMELINE_KINDS' sources is kept (Array.sort is stable).
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { timeline: entries.slice(0, TIMELINE_LIMIT), more: entries.length > TIMELINE_LIMIT };
}
