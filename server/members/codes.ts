// The codes of a member's interaction channels, timeline entries and tiers, written once: the server's schemas check them and the
// staff app offers them. Pure data that imports nothing at run time, so the staff app may import it
// (test/server/architecture.test.ts).
import type { InteractionChannel, TierCode } from '../db/database.ts';

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

/** The tiers of issue 11 §3 (baru, aktif, setia, berisiko, tidak aktif), as server/tiers/ computes them. */
export const MEMBER_TIERS = ['new', 'active', 'loyal', 'at_risk', 'lapsed'] as const satisfies readonly TierCode[];
export type MemberTier = (typeof MEMBER_TIERS)[number];
