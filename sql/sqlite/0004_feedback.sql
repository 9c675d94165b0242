-- The suggestion box: items from members and visitors, their history, votes, watchers, and spent proofs of work.
-- code is the tracking code shown to the submitter; whoever holds it may read the item and its replies.
-- submitter_key is 'm:<member_id>' or 'd:<device id>', like a survey's voter_key. An item's votes are counted from
-- crm_feedback_vote, so a vote writes one row and no hot counter.
CREATE TABLE IF NOT EXISTS crm_feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  purchase_title TEXT NULL,
  purchase_author TEXT NULL,
  purchase_isbn TEXT NULL,
  category TEXT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  published INTEGER NOT NULL DEFAULT 0,
  member_id TEXT NULL,
  submitter_key TEXT NOT NULL,
  anonymous INTEGER NOT NULL DEFAULT 1,
  contact_email TEXT NULL,
  contact_phone TEXT NULL,
  consent_at TEXT NULL,
  consent_version TEXT NULL,
  lang TEXT NOT NULL DEFAULT 'id',
  network TEXT NULL,
  idempotency_key TEXT NOT NULL,
  assigned_uid INTEGER NULL,
  assigned_name TEXT NULL,
  merged_into INTEGER NULL,
  public_reply TEXT NULL,
  public_reply_at TEXT NULL,
  first_response_at TEXT NULL,
  closed_at TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT crm_feedback_code UNIQUE (code),
  CONSTRAINT crm_feedback_idempotency UNIQUE (idempotency_key)
);

CREATE INDEX IF NOT EXISTS crm_feedback_inbox ON crm_feedback (status, created_at);
CREATE INDEX IF NOT EXISTS crm_feedback_board ON crm_feedback (published, merged_into, created_at);
CREATE INDEX IF NOT EXISTS crm_feedback_member ON crm_feedback (member_id);
CREATE INDEX IF NOT EXISTS crm_feedback_submitter ON crm_feedback (submitter_key);

-- Everything that happened to an item: created, status, reply_public, reply_private, note, assign, category,
-- publish, hide, merged_into, merged_from. Staff are named as they were at the time.
CREATE TABLE IF NOT EXISTS crm_feedback_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feedback_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  from_value TEXT NULL,
  to_value TEXT NULL,
  text TEXT NULL,
  staff_uid INTEGER NULL,
  staff_name TEXT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS crm_feedback_event_item ON crm_feedback_event (feedback_id, id);

CREATE TABLE IF NOT EXISTS crm_feedback_vote (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feedback_id INTEGER NOT NULL,
  voter_key TEXT NOT NULL,
  member_id TEXT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT crm_feedback_vote_voter UNIQUE (feedback_id, voter_key),
  FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
);

-- Who hears about an item by e-mail: its submitter when they gave an address and consented, and the
-- submitters of duplicates merged into it.
CREATE TABLE IF NOT EXISTS crm_feedback_watcher (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feedback_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'id',
  consent_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT crm_feedback_watcher_email UNIQUE (feedback_id, email),
  FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
);

-- Proof-of-work challenges already used: the primary key refuses a second use, across sidecars.
CREATE TABLE IF NOT EXISTS crm_pow_spent (
  challenge TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (challenge)
);

CREATE INDEX IF NOT EXISTS crm_pow_spent_expiry ON crm_pow_spent (expires_at);
