// The member score and tier of issue 11 §3, as plain functions of what a member did and the library's thresholds:
// the job feeds them counts from SLiMS and the CRM, the profile and the settings view explain them in words.
// Every rule counts whole library days back from one date (as_of), so a score changes only with new loans,
// visits or answers, or when the date moves on.
import type { TierCode } from '../db/database.ts';
import type { Lang } from '../errors.ts';

/** The library's thresholds; TIER_DEFAULTS until staff change them. */
export interface TierSettings {
  /** Loans, visits, topics and answers count over this many days back from today (today included). */
  windowDays: number;
  /** A member who joined within this many days and has borrowed at most newMaxLoans times is new. */
  newDays: number;
  newMaxLoans: number;
  /** Score from which a member who came recently is active, and loyal. */
  activeScore: number;
  loyalScore: number;
  /** No loan or visit in this many days: at risk (if not lapsed); in lapsedDays: lapsed. */
  atRiskDays: number;
  lapsedDays: number;
  /** The counts in the window that earn a part's full points. */
  loansTarget: number;
  visitsTarget: number;
  topicsTarget: number;
  engagementTarget: number;
}

export const TIER_DEFAULTS: TierSettings = {
  windowDays: 365,
  newDays: 90,
  newMaxLoans: 3,
  activeScore: 25,
  loyalScore: 60,
  atRiskDays: 60,
  lapsedDays: 180,
  loansTarget: 24,
  visitsTarget: 24,
  topicsTarget: 8,
  engagementTarget: 3,
};

/** The most points each part gives; they add up to 100. */
export const MAX_POINTS = { recency: 30, loans: 30, visits: 20, breadth: 10, engagement: 10 } as const;

/** What one member did, as the job counts it for one library date. */
export interface MemberFacts {
  memberId: string;
  /** 'YYYY-MM-DD': member_since_date, else register_date; null when SLiMS has neither. */
  joined: string | null;
  loansTotal: number;
  loansWindow: number;
  /** SLiMS's loan_date of the last loan ('YYYY-MM-DD'). */
  lastLoan: string | null;
  visitsWindow: number;
  /** SLiMS's checkin_date of the last visit ('YYYY-MM-DD HH:MM:SS', the library's wall clock). */
  lastVisit: string | null;
  /** Distinct topics (biblio_topic) of the titles borrowed in the window. */
  topicsWindow: number;
  /** Survey and poll answers and suggestion-box items the member sent, in the window. */
  engagementWindow: number;
}

export interface ScoreParts {
  recency: number;
  loans: number;
  visits: number;
  breadth: number;
  engagement: number;
}

export interface Scored {
  score: number;
  tier: TierCode;
  parts: ScoreParts;
}

const DAY_MS = 86_400_000;

/** Whole days from `day` to `today` (both start with 'YYYY-MM-DD'). */
export function daysBetween(day: string, today: string): number {
  return Math.round(
    (Date.parse(`${today.slice(0, 10)}T00:00:00Z`) - Date.parse(`${day.slice(0, 10)}T00:00:00Z`)) / DAY_MS,
  );
}

/** The later of the last loan's and the last visit's day; null when the member did neither. */
export function lastActivity(facts: Pick<MemberFacts, 'lastLoan' | 'lastVisit'>): string | null {
  const days = [facts.lastLoan, facts.lastVisit].filter((d): d is string => d !== null).map((d) => d.slice(0, 10));
  return days.length === 0 ? null : days.reduce((a, b) => (a > b ? a : b));
}

/** `max` points for `count` of `target`, whole points, never more than `max`. */
const share = (count: number, target: number, max: number) => Math.round(max * Math.min(1, count / target));

export function scoreParts(facts: MemberFacts, settings: TierSettings, today: string): ScoreParts {
  const last = lastActivity(facts);
  const quiet = last === null ? null : daysBetween(last, today);
  return {
    // Full points for today, falling evenly to none at the window's start.
    recency:
      quiet === null || quiet >= settings.windowDays
        ? 0
        : Math.round(MAX_POINTS.recency * (1 - Math.max(0, quiet) / settings.windowDays)),
    loans: share(facts.loansWindow, settings.loansTarget, MAX_POINTS.loans),
    visits: share(facts.visitsWindow, settings.visitsTarget, MAX_POINTS.visits),
    breadth: share(facts.topicsWindow, settings.topicsTarget, MAX_POINTS.breadth),
    engagement: share(facts.engagementWindow, settings.engagementTarget, MAX_POINTS.engagement),
  };
}

/**
 * The tier, by the first rule that holds: new (joined recently, few loans), lapsed (no loan or visit in
 * lapsedDays), loyal or active (a score that reaches the threshold and a loan or visit within atRiskDays),
 * else at risk (still seen within lapsedDays, but gone quiet or below the active score: falling).
 */
export function tierOf(facts: MemberFacts, score: number, settings: TierSettings, today: string): TierCode {
  if (
    facts.joined !== null &&
    daysBetween(facts.joined, today) < settings.newDays &&
    facts.loansTotal <= settings.newMaxLoans
  )
    return 'new';
  const last = lastActivity(facts);
  const quiet = last === null ? Infinity : daysBetween(last, today);
  if (quiet >= settings.lapsedDays) return 'lapsed';
  if (quiet < settings.atRiskDays && score >= settings.loyalScore) return 'loyal';
  if (quiet < settings.atRiskDays && score >= settings.activeScore) return 'active';
  return 'at_risk';
}

export function scoreMember(facts: MemberFacts, settings: TierSettings, today: string): Scored {
  const parts = scoreParts(facts, settings, today);
  const score = parts.recency + parts.loans + parts.visits + parts.breadth + parts.engagement;
  return { score, tier: tierOf(facts, score, settings, today), parts };
}

/** "12 bulan" for a window of whole months (of 365/12 days, rounded), else "200 hari". */
export function windowWords(days: number, lang: Lang): string {
  const months = Math.round((days * 12) / 365);
  const whole = months > 0 && Math.round((months * 365) / 12) === days;
  if (whole) return lang === 'id' ? `${months} bulan` : `${months} month${months === 1 ? '' : 's'}`;
  return lang === 'id' ? `${days} hari` : `${days} day${days === 1 ? '' : 's'}`;
}

function ago(days: number, lang: Lang): string {
  if (days <= 0) return lang === 'id' ? 'hari ini' : 'today';
  if (days === 1) return lang === 'id' ? 'kemarin' : 'yesterday';
  return lang === 'id' ? `${days} hari lalu` : `${days} days ago`;
}

function count(n: number, id: string, en: string, enPlural: string, lang: Lang): string {
  return lang === 'id' ? `${n} ${id}` : `${n} ${n === 1 ? en : enPlural}`;
}

/**
 * The reasons behind a score and tier in words, the tier's own first: "14 pinjaman dalam 12 bulan",
 * "kunjungan terakhir 3 hari lalu", and so on for each part that counted.
 */
export function reasonsInWords(facts: MemberFacts, scored: Scored, settings: TierSettings, today: string, lang: Lang) {
  const id = lang === 'id';
  const span = windowWords(settings.windowDays, lang);
  const reasons: string[] = [];
  const last = lastActivity(facts);
  const quiet = last === null ? null : daysBetween(last, today);
  if (scored.tier === 'new' && facts.joined !== null)
    reasons.push(
      id
        ? `bergabung ${ago(daysBetween(facts.joined, today), lang)}`
        : `joined ${ago(daysBetween(facts.joined, today), lang)}`,
    );
  if (scored.tier === 'lapsed')
    reasons.push(
      quiet === null
        ? id
          ? 'belum pernah meminjam atau berkunjung'
          : 'never borrowed or visited'
        : id
          ? `tidak ada pinjaman atau kunjungan selama ${quiet} hari`
          : `no loan or visit for ${quiet} days`,
    );
  if (scored.tier === 'at_risk' && quiet !== null && quiet >= settings.atRiskDays)
    reasons.push(id ? `tidak ada pinjaman atau kunjungan selama ${quiet} hari` : `no loan or visit for ${quiet} days`);
  else if (scored.tier === 'at_risk')
    reasons.push(
      id
        ? `skor ${scored.score}, di bawah ${settings.activeScore} untuk aktif`
        : `a score of ${scored.score}, below ${settings.activeScore} for active`,
    );
  reasons.push(`${count(facts.loansWindow, 'pinjaman', 'loan', 'loans', lang)} ${id ? 'dalam' : 'in'} ${span}`);
  if (facts.lastLoan !== null)
    reasons.push(
      id
        ? `pinjaman terakhir ${ago(daysBetween(facts.lastLoan, today), lang)}`
        : `last loan ${ago(daysBetween(facts.lastLoan, today), lang)}`,
    );
  if (facts.visitsWindow > 0)
    reasons.push(`${count(facts.visitsWindow, 'kunjungan', 'visit', 'visits', lang)} ${id ? 'dalam' : 'in'} ${span}`);
  reasons.push(
    facts.lastVisit === null
      ? id
        ? 'belum pernah berkunjung'
        : 'no visits'
      : id
        ? `kunjungan terakhir ${ago(daysBetween(facts.lastVisit, today), lang)}`
        : `last visit ${ago(daysBetween(facts.lastVisit, today), lang)}`,
  );
  if (facts.topicsWindow > 0)
    reasons.push(count(facts.topicsWindow, 'subjek berbeda', 'topic', 'different topics', lang));
  if (facts.engagementWindow > 0)
    reasons.push(
      count(
        facts.engagementWindow,
        'jawaban survei dan saran',
        'survey answer or suggestion',
        'survey answers and suggestions',
        lang,
      ),
    );
  return reasons;
}

/** What each threshold means, for the settings view and the API's reference. */
export const SETTING_WORDS: Record<keyof TierSettings, { id: string; en: string }> = {
  windowDays: {
    id: 'Jendela: pinjaman, kunjungan, subjek dan jawaban dihitung selama sekian hari terakhir.',
    en: 'Window: loans, visits, topics and answers count over this many past days.',
  },
  newDays: {
    id: 'Baru: anggota yang bergabung kurang dari sekian hari lalu…',
    en: 'New: a member who joined less than this many days ago…',
  },
  newMaxLoans: {
    id: '…dan paling banyak meminjam sekian kali.',
    en: '…and has borrowed at most this many times.',
  },
  activeScore: {
    id: 'Aktif: skor minimal ini, dengan pinjaman atau kunjungan dalam batas berisiko.',
    en: 'Active: at least this score, with a loan or visit within the at-risk limit.',
  },
  loyalScore: {
    id: 'Setia: skor minimal ini, dengan pinjaman atau kunjungan dalam batas berisiko.',
    en: 'Loyal: at least this score, with a loan or visit within the at-risk limit.',
  },
  atRiskDays: {
    id: 'Berisiko: tidak ada pinjaman atau kunjungan selama sekian hari (atau skor di bawah batas aktif).',
    en: 'At risk: no loan or visit for this many days (or a score below the active one).',
  },
  lapsedDays: {
    id: 'Tidak aktif: tidak ada pinjaman atau kunjungan selama sekian hari.',
    en: 'Lapsed: no loan or visit for this many days.',
  },
  loansTarget: {
    id: `Pinjaman dalam jendela untuk nilai penuh (${MAX_POINTS.loans} poin).`,
    en: `Loans in the window for full points (${MAX_POINTS.loans}).`,
  },
  visitsTarget: {
    id: `Kunjungan dalam jendela untuk nilai penuh (${MAX_POINTS.visits} poin).`,
    en: `Visits in the window for full points (${MAX_POINTS.visits}).`,
  },
  topicsTarget: {
    id: `Subjek berbeda yang dipinjam dalam jendela untuk nilai penuh (${MAX_POINTS.breadth} poin).`,
    en: `Different topics borrowed in the window for full points (${MAX_POINTS.breadth}).`,
  },
  engagementTarget: {
    id: `Jawaban survei dan saran dalam jendela untuk nilai penuh (${MAX_POINTS.engagement} poin).`,
    en: `Survey answers and suggestions in the window for full points (${MAX_POINTS.engagement}).`,
  },
};
