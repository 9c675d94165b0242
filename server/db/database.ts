// The one Database type: the SLiMS tables the sidecar reads and the crm_* tables it owns.
import type { Generated } from 'kysely';
import type { SlimsTables } from './slims-tables.ts';

export type QuestionType = 'single' | 'multiple' | 'rating' | 'nps' | 'text';
export type Audience = 'anyone' | 'members';
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type ResultsVisibility = 'after_answer' | 'after_close' | 'staff';

export interface CrmMigrationTable {
  name: string;
  applied_at: string;
}

export interface CrmSurveyTable {
  id: Generated<number>;
  slug: string;
  kind: 'poll' | 'survey';
  title: string;
  description: string | null;
  audience: Audience;
  status: SurveyStatus;
  opens_at: string | null;
  closes_at: string | null;
  results_visibility: ResultsVisibility;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CrmSurveyQuestionTable {
  id: Generated<number>;
  survey_id: number;
  position: number;
  type: QuestionType;
  prompt: string;
  required: number;
  max_length: number | null;
}

export interface CrmSurveyOptionTable {
  id: Generated<number>;
  question_id: number;
  position: number;
  label: string;
}

export interface CrmSurveyResponseTable {
  id: Generated<number>;
  survey_id: number;
  voter_key: string;
  member_id: string | null;
  network: string | null;
  idempotency_key: string;
  lang: string;
  created_at: string;
}

export interface CrmSurveyAnswerTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  option_id: number | null;
  value: number | null;
  text: string | null;
}

export interface CrmAuthFailureTable {
  id: Generated<number>;
  subject: string;
  created_at: string;
}

export type WebhookEventName =
  'circulation.transaction' | 'member.saved' | 'member.updated' | 'biblio.saved' | 'biblio.deleted';

/** A signed event from the SLiMS plugin; `payload` is the body exactly as it was signed. */
export interface CrmWebhookEventTable {
  id: string;
  event: WebhookEventName;
  occurred_at: string;
  received_at: string;
  payload: string;
}

export type OutboxChannel = 'email';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One message to send; see sql/<dialect>/0003_outbox.sql for how the lease and the dedupe key work. */
export interface CrmOutboxTable {
  id: Generated<number>;
  /** Names the message by what caused it (rule, member, period): enqueueing the same key twice keeps one row. */
  dedupe_key: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  /** `<uuid@host>`, fixed at enqueue: a repeat after a crash carries the same Message-ID. */
  message_id: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  available_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  sent_at: string | null;
  created_at: string;
}

export type FeedbackKind = 'suggestion' | 'complaint' | 'praise' | 'question' | 'purchase';
export type FeedbackStatus = 'new' | 'in_review' | 'planned' | 'done' | 'declined';
export type FeedbackEventType =
  | 'created'
  | 'status'
  | 'reply_public'
  | 'reply_private'
  | 'note'
  | 'assign'
  | 'category'
  | 'publish'
  | 'hide'
  | 'merged_into'
  | 'merged_from';

/** One item in the suggestion box; see sql/<dialect>/0004_feedback.sql. */
export interface CrmFeedbackTable {
  id: Generated<number>;
  /** The tracking code shown to the submitter: whoever holds it may read the item and its replies. */
  code: string;
  kind: FeedbackKind;
  body: string;
  purchase_title: string | null;
  purchase_author: string | null;
  purchase_isbn: string | null;
  category: string | null;
  status: Generated<FeedbackStatus>;
  /** 1 when staff chose to show it on the public board. */
  published: Generated<number>;
  member_id: string | null;
  /** 'm:<member_id>' or 'd:<device id>'. */
  submitter_key: string;
  /** 1 unless a signed-in member chose to send it under their membership. */
  anonymous: Generated<number>;
  contact_email: string | null;
  contact_phone: string | null;
  consent_at: string | null;
  consent_version: string | null;
  lang: string;
  network: string | null;
  idempotency_key: string;
  assigned_uid: number | null;
  assigned_name: string | null;
  merged_into: number | null;
  public_reply: string | null;
  public_reply_at: string | null;
  first_response_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CrmFeedbackEventTable {
  id: Generated<number>;
  feedback_id: number;
  type: FeedbackEventType;
  from_value: string | null;
  to_value: string | null;
  text: string | null;
  staff_uid: number | null;
  staff_name: string | null;
  created_at: string;
}

export interface CrmFeedbackVoteTable {
  id: Generated<number>;
  feedback_id: number;
  voter_key: string;
  member_id: string | null;
  created_at: string;
}

export interface CrmFeedbackWatcherTable {
  id: Generated<number>;
  feedback_id: number;
  email: string;
  lang: string;
  consent_at: string;
  created_at: string;
}

export interface CrmPowSpentTable {
  challenge: string;
  expires_at: string;
}

/** One read of personal data by a staff member (server/audit.ts). */
export interface CrmAuditLogTable {
  id: Generated<number>;
  staff_uid: number;
  staff_name: string;
  action: string;
  subject: string;
  /** How many rows the read handed over (an export); null for one record's view (migration 0011). */
  row_count: Generated<number | null>;
  created_at: string;
}

export type PlacementWidget = 'poll' | 'survey' | 'suggestion-box' | 'feedback-board';
export type PlacementPlace = 'home' | 'sidebar' | 'footer' | 'detail' | 'member' | 'page';

/** A widget the SLiMS plugin shows in the OPAC (migration 0006_placements). */
export interface CrmPlacementTable {
  id: Generated<number>;
  widget: PlacementWidget;
  survey_id: number | null;
  place: PlacementPlace;
  /** page: the OPAC page's p= value; detail: one biblio_id, or null for every title. */
  target: string | null;
  reserve_px: number;
  created_by: number | null;
  created_at: string;
}

/** A staff token revoked by sign-out (migration 0007_revoked_tokens), until it would have expired. */
export interface CrmRevokedTokenTable {
  /** SHA-256 (hex) of the token string. */
  token_hash: string;
  expires_at: string;
}

/** How a staff-logged contact with a member happened (migration 0008_members). */
export type InteractionChannel =
  'desk' | 'phone' | 'letter' | 'email' | 'whatsapp' | 'social' | 'consultation' | 'event' | 'other';

/** One contact with a member, logged by staff; members are named by SLiMS's card number only. */
export interface CrmMemberInteractionTable {
  id: Generated<number>;
  member_id: string;
  channel: InteractionChannel;
  note: string;
  outcome: string | null;
  staff_uid: number;
  staff_name: string;
  /** When the contact happened (staff may log one afterwards); created_at is when it was written. */
  occurred_at: string;
  created_at: string;
}

/** The staff's one note on a member, edited in place. */
export interface CrmMemberNoteTable {
  member_id: string;
  note: string;
  updated_uid: number;
  updated_name: string;
  updated_at: string;
}

/** A label staff gave a member ("guru", "peneliti"); one row per member and label. */
export interface CrmMemberLabelTable {
  id: Generated<number>;
  member_id: string;
  label: string;
  created_uid: number;
  created_at: string;
}

/** How a member prefers to hear from the library (migration 0010_member_preferences). */
export type PreferredChannel = 'email' | 'whatsapp' | 'sms' | 'letter' | 'none';
/** The channels a consent is given for: every preferred channel but none. */
export type ConsentChannel = Exclude<PreferredChannel, 'none'>;
/** What the library may write for: service notices, news and events, personal recommendations. */
export type ConsentPurpose = 'service' | 'news' | 'recommendations';
/** Who made a consent change: the member (their widget), staff, or the unsubscribe link in a notice. */
export type ConsentSource = 'member' | 'staff' | 'unsubscribe';
export type ErasureStatus = 'pending' | 'done' | 'declined';

/** The member's channel and the contact they gave the CRM when SLiMS has none; one row per member. */
export interface CrmMemberPreferenceTable {
  member_id: string;
  /** null: the member never said. */
  channel: PreferredChannel | null;
  contact_email: string | null;
  /** Digits with a leading +, as the member gave it. */
  contact_whatsapp: string | null;
  updated_at: string;
}

/** One stated interest: a SLiMS topic (topic_id) or a free tag, never both. */
export interface CrmMemberInterestTable {
  id: Generated<number>;
  member_id: string;
  topic_id: number | null;
  tag: string | null;
  created_at: string;
}

/** One media preference: print, ebook, audio, video, or 'gmd:<gmd_id>'. */
export interface CrmMemberMediaTable {
  member_id: string;
  media: string;
  created_at: string;
}

/** One consent change, appended; a pair's current consent is its newest row. */
export interface CrmMemberConsentTable {
  id: Generated<number>;
  member_id: string;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  /** 1 granted, 0 withdrawn. */
  granted: number;
  wording_version: string;
  source: ConsentSource;
  staff_uid: number | null;
  created_at: string;
}

/** A member's request to be erased, queued for staff; due 72 hours after it was made (UU PDP). */
export interface CrmErasureRequestTable {
  id: Generated<number>;
  member_id: string;
  source: 'member' | 'staff';
  status: ErasureStatus;
  requested_at: string;
  due_at: string;
  decided_uid: number | null;
  decided_at: string | null;
}

/** A member's tier (migration 0009_member_tiers); the codes are written once in server/members/codes.ts. */
export type TierCode = 'new' | 'active' | 'loyal' | 'at_risk' | 'lapsed';
export type TierRunKind = 'full' | 'incremental';

/** A member's score and tier with the parts and counts behind them, as of one library date. */
export interface CrmMemberScoreTable {
  member_id: string;
  score: number;
  tier: TierCode;
  recency_points: number;
  loan_points: number;
  visit_points: number;
  breadth_points: number;
  engagement_points: number;
  loans_window: number;
  loans_total: number;
  visits_window: number;
  topics_window: number;
  engagement_window: number;
  /** SLiMS's loan_date of the member's last loan. */
  last_loan: string | null;
  /** SLiMS's checkin_date of the last visit (the library's wall-clock time). */
  last_visit: string | null;
  /** member_since_date, else register_date. */
  joined: string | null;
  /** The library date the window and recency are counted back from ('YYYY-MM-DD'). */
  as_of: string;
  tier_since: string;
  computed_at: string;
}

/** One change of a member's tier; from_tier is null for the member's first. */
export interface CrmMemberTierHistoryTable {
  id: Generated<number>;
  member_id: string;
  from_tier: TierCode | null;
  to_tier: TierCode;
  score: number;
  changed_at: string;
}

/** The library's tier thresholds (one row, id 1, once staff change them). */
export interface CrmTierSettingsTable {
  id: number;
  window_days: number;
  new_days: number;
  new_max_loans: number;
  active_score: number;
  loyal_score: number;
  at_risk_days: number;
  lapsed_days: number;
  loans_target: number;
  visits_target: number;
  topics_target: number;
  engagement_target: number;
  updated_uid: number;
  updated_name: string;
  updated_at: string;
}

/** A saved segment: a named definition, evaluated when used (migration 0011_segments). */
export interface CrmSegmentTable {
  id: Generated<number>;
  name: string;
  /** The definition's JSON as the segment schema output it. */
  definition: string;
  created_uid: number;
  created_name: string;
  created_at: string;
  updated_uid: number;
  updated_name: string;
  updated_at: string;
}

/** A scheduled job's lease: its holder runs it until lease_until. */
export interface CrmJobLeaseTable {
  name: string;
  owner: string | null;
  lease_until: string | null;
}

/** The tier job's state (one row, id 1). */
export interface CrmTierRunTable {
  id: number;
  running_kind: TierRunKind | null;
  running_since: string | null;
  done: Generated<number>;
  total: Generated<number>;
  requested_kind: TierRunKind | null;
  requested_at: string | null;
  last_kind: TierRunKind | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_duration_ms: number | null;
  last_members: number | null;
  last_error: string | null;
  loan_mark: Generated<number>;
  visit_mark: Generated<number>;
  response_mark: Generated<number>;
  feedback_mark: Generated<number>;
  full_as_of: string | null;
  full_settings_at: string | null;
}

export interface CrmTables {
  crm_migrations: CrmMigrationTable;
  crm_survey: CrmSurveyTable;
  crm_survey_question: CrmSurveyQuestionTable;
  crm_survey_option: CrmSurveyOptionTable;
  crm_survey_response: CrmSurveyResponseTable;
  crm_survey_answer: CrmSurveyAnswerTable;
  crm_auth_failure: CrmAuthFailureTable;
  crm_webhook_event: CrmWebhookEventTable;
  crm_outbox: CrmOutboxTable;
  crm_feedback: CrmFeedbackTable;
  crm_feedback_event: CrmFeedbackEventTable;
  crm_feedback_vote: CrmFeedbackVoteTable;
  crm_feedback_watcher: CrmFeedbackWatcherTable;
  crm_pow_spent: CrmPowSpentTable;
  crm_audit_log: CrmAuditLogTable;
  crm_placement: CrmPlacementTable;
  crm_revoked_token: CrmRevokedTokenTable;
  crm_member_interaction: CrmMemberInteractionTable;
  crm_member_note: CrmMemberNoteTable;
  crm_member_label: CrmMemberLabelTable;
  crm_member_preference: CrmMemberPreferenceTable;
  crm_member_interest: CrmMemberInterestTable;
  crm_member_media: CrmMemberMediaTable;
  crm_member_consent: CrmMemberConsentTable;
  crm_erasure_request: CrmErasureRequestTable;
  crm_member_score: CrmMemberScoreTable;
  crm_member_tier_history: CrmMemberTierHistoryTable;
  crm_tier_settings: CrmTierSettingsTable;
  crm_job_lease: CrmJobLeaseTable;
  crm_tier_run: CrmTierRunTable;
  crm_segment: CrmSegmentTable;
}

export interface Database extends SlimsTables, CrmTables {}
