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
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  note TEXT NOT NULL,
  outcome VARCHAR(200) NULL,
  staff_uid INT NOT NULL,
  staff_name VARCHAR(100) NOT NULL,
  occurred_at DATETIME NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_member_interaction_member (member_id, occurred_at),
  KEY crm_member_interaction_time (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The staff's own note on a member (one text, edited in place), with who changed it last and when.
CREATE TABLE IF NOT EXISTS crm_member_note (
  member_id VARCHAR(20) NOT NULL,
  note TEXT NOT NULL,
  updated_uid INT NOT NULL,
  updated_name VARCHAR(100) NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Labels staff give members ("guru", "peneliti", "komunitas baca"): one row per member and label, so a
-- segment can later filter on a label through crm_member_label_label.
CREATE TABLE IF NOT EXISTS crm_member_label (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  label VARCHAR(40) NOT NULL,
  created_uid INT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_member_label_member (member_id, label),
  KEY crm_member_label_label (label, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
