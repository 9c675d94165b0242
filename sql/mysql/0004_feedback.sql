-- The suggestion box: items from members and visitors, their history, votes, watchers, and spent proofs of work.
-- code is the tracking code shown to the submitter; whoever holds it may read the item and its replies.
-- submitter_key is 'm:<member_id>' or 'd:<device id>', like a survey's voter_key. An item's votes are counted from
-- crm_feedback_vote, so a vote writes one row and no hot counter.
CREATE TABLE IF NOT EXISTS crm_feedback (
  id BIGINT NOT NULL AUTO_INCREMENT,
  code VARCHAR(16) NOT NULL,
  kind VARCHAR(12) NOT NULL,
  body TEXT NOT NULL,
  purchase_title VARCHAR(300) NULL,
  purchase_author VARCHAR(200) NULL,
  purchase_isbn VARCHAR(20) NULL,
  category VARCHAR(60) NULL,
  status VARCHAR(12) NOT NULL DEFAULT 'new',
  published TINYINT NOT NULL DEFAULT 0,
  member_id VARCHAR(20) NULL,
  submitter_key VARCHAR(90) NOT NULL,
  anonymous TINYINT NOT NULL DEFAULT 1,
  contact_email VARCHAR(254) NULL,
  contact_phone VARCHAR(20) NULL,
  consent_at DATETIME NULL,
  consent_version VARCHAR(20) NULL,
  lang VARCHAR(5) NOT NULL DEFAULT 'id',
  network VARCHAR(32) NULL,
  idempotency_key VARCHAR(64) NOT NULL,
  assigned_uid INT NULL,
  assigned_name VARCHAR(100) NULL,
  merged_into BIGINT NULL,
  public_reply TEXT NULL,
  public_reply_at DATETIME NULL,
  first_response_at DATETIME NULL,
  closed_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_feedback_code (code),
  UNIQUE KEY crm_feedback_idempotency (idempotency_key),
  KEY crm_feedback_inbox (status, created_at),
  KEY crm_feedback_board (published, merged_into, created_at),
  KEY crm_feedback_member (member_id),
  KEY crm_feedback_submitter (submitter_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Everything that happened to an item: created, status, reply_public, reply_private, note, assign, category,
-- publish, hide, merged_into, merged_from. Staff are named as they were at the time.
CREATE TABLE IF NOT EXISTS crm_feedback_event (
  id BIGINT NOT NULL AUTO_INCREMENT,
  feedback_id BIGINT NOT NULL,
  type VARCHAR(16) NOT NULL,
  from_value VARCHAR(100) NULL,
  to_value VARCHAR(100) NULL,
  text TEXT NULL,
  staff_uid INT NULL,
  staff_name VARCHAR(100) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_feedback_event_item (feedback_id, id),
  CONSTRAINT crm_feedback_event_item_fk FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_feedback_vote (
  id BIGINT NOT NULL AUTO_INCREMENT,
  feedback_id BIGINT NOT NULL,
  voter_key VARCHAR(90) NOT NULL,
  member_id VARCHAR(20) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_feedback_vote_voter (feedback_id, voter_key),
  CONSTRAINT crm_feedback_vote_item_fk FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who hears about an item by e-mail: its submitter when they gave an address and consented, and the
-- submitters of duplicates merged into it.
CREATE TABLE IF NOT EXISTS crm_feedback_watcher (
  id BIGINT NOT NULL AUTO_INCREMENT,
  feedback_id BIGINT NOT NULL,
  email VARCHAR(254) NOT NULL,
  lang VARCHAR(5) NOT NULL DEFAULT 'id',
  consent_at DATETIME NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_feedback_watcher_email (feedback_id, email),
  CONSTRAINT crm_feedback_watcher_item_fk FOREIGN KEY (feedback_id) REFERENCES crm_feedback (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Proof-of-work challenges already used: the primary key refuses a second use, across sidecars.
CREATE TABLE IF NOT EXISTS crm_pow_spent (
  challenge VARCHAR(64) NOT NULL,
  expires_at DATETIME NOT NULL,
  PRIMARY KEY (challenge),
  KEY crm_pow_spent_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
