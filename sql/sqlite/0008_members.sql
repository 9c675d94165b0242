-- What the CRM keeps about a member beside SLiMS's own member row (issue 11, the member profile): the
-- interactions staff log by hand, one staff note per member and the member's labels. Every table names the
-- member by SLiMS's card number (member_id, varchar(20) as in SLiMS), never by a copy of their name, so the
-- later tables of the same profile (stated interests, consents appended one row per change, scores and tier
-- history, saved segments, erasure requests) sit beside these keyed the same way, and erasing a member is a
-- DELETE ... WHERE member_id = ? on each crm_member_* table. SLiMS's member table gets no key of ours.

-- One contact with a member, logged by staff: when it happened (occurred_at, which staff may set in the past),
-- over which channel (desk, phone, letter, email, whatsapp, social, consultation, event, other), what was said
-- (note) and what came of it (outcome). Staff are named as they were at the time.
CREATE TABLE IF NOT EXISTS crm_member_interaction (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  note TEXT NOT NULL,
  outcome TEXT NULL,
  staff_uid INTEGER NOT NULL,
  staff_name TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_member_interaction_member ON crm_member_interaction (member_id, occurred_at);
CREATE INDEX IF NOT EXISTS crm_member_interaction_time ON crm_member_interaction (occurred_at);

-- The staff's own note on a member (one text, edited in place), with who changed it last and when.
CREATE TABLE IF NOT EXISTS crm_member_note (
  member_id TEXT NOT NULL,
  note TEXT NOT NULL,
  updated_uid INTEGER NOT NULL,
  updated_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member_id)
);

-- Labels staff give members ("guru", "peneliti", "komunitas baca"): one row per member and label, so a
-- segment can later filter on a label through crm_member_label_label.
CREATE TABLE IF NOT EXISTS crm_member_label (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  label TEXT NOT NULL,
  created_uid INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT crm_member_label_member UNIQUE (member_id, label)
);

CREATE INDEX IF NOT EXISTS crm_member_label_label ON crm_member_label (label, member_id);

-- A member's survey and poll answers on their profile's timeline (MariaDB has had this key since 0001).
CREATE INDEX IF NOT EXISTS crm_survey_response_member ON crm_survey_response (member_id);
