// The codes of a member's interaction channels, timeline entries and tiers, written once: the server's schemas check them and the
// staff app offers them. Pure data that imports nothing at run time, so the staff app may import it
// (test/server/architecture.test.ts).
import type { ConsentChannel, ConsentPurpose, InteractionChannel, PreferredChannel } from '../db/database.ts';

export const INTERACTION_CHANNELS = [
  'desk',
  'phone',
  'letter',
  'email',
  'whatsapp',
  'social',
  'consultation',
  'event',
  'other',
] as const satisfies readonly InteractionChannel[];

/** What a profile's timeline holds: staff's interactions and what SLiMS and the CRM recorded. */
export const TIMELINE_KINDS = ['interaction', 'loan', 'return', 'visit', 'survey', 'feedback'] as const;

/**
 * The tiers of issue 11 §3 (baru, aktif, setia, berisiko, tidak aktif). No member has one until the tiers are
 * computed, so a search by tier finds nobody yet; the codes are fixed now so links and scripts keep working.
 */
export const MEMBER_TIERS = ['new', 'active', 'loyal', 'at_risk', 'lapsed'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];

/** How a member prefers to hear from the library (issue 11 §1): none says "do not contact me". */
export const PREFERRED_CHANNELS = [
  'email',
  'whatsapp',
  'sms',
  'letter',
  'none',
] as const satisfies readonly PreferredChannel[];

/** The channels a consent is asked for, each with every purpose. */
export const CONSENT_CHANNELS = ['email', 'whatsapp', 'sms', 'letter'] as const satisfies readonly ConsentChannel[];

/** Service notices (loans due, replies), news and events, personal recommendations. */
export const CONSENT_PURPOSES = ['service', 'news', 'recommendations'] as const satisfies readonly ConsentPurpose[];

/** The media a member may prefer besides SLiMS's own GMDs (stored as 'gmd:<gmd_id>'). */
export const MEDIA_KINDS = ['print', 'ebook', 'audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
