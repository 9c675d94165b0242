-- What a member says about themselves (issue 11 §2 and §5): stated interests, media preferences, the preferred
-- channel and a contact address when SLiMS has none, consent per channel and purpose, and erasure requests.
-- Keyed by SLiMS's card number (member_id) like the 0008 tables, so erasing a member is a DELETE on each.

-- The member's preferred channel (email, whatsapp, sms, letter, none; NULL: never said) and the e-mail address
-- or WhatsApp number they gave the CRM themselves, for when SLiMS holds none. One row per member.
CREATE TABLE IF NOT EXISTS crm_member_preference (
  member_id TEXT NOT NULL,
  channel TEXT NULL,
  contact_email TEXT NULL,
  contact_whatsapp TEXT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member_id)
);

-- Stated interests: a topic of SLiMS's mst_topic (topic_id, tag NULL) or a free tag of the member's own words
-- (tag, topic_id NULL). The topic and tag keys let a segment find the members of one interest.
CREATE TABLE IF NOT EXISTS crm_member_interest (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  topic_id INTEGER NULL,
  tag TEXT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT crm_member_interest_member_topic UNIQUE (member_id, topic_id),
  CONSTRAINT crm_member_interest_member_tag UNIQUE (member_id, tag)
);

CREATE INDEX IF NOT EXISTS crm_member_interest_topic ON crm_member_interest (topic_id, member_id);
CREATE INDEX IF NOT EXISTS crm_member_interest_tag ON crm_member_interest (tag, member_id);

-- Media preferences: print, ebook, audio, video, or a SLiMS GMD as 'gmd:<gmd_id>'. One row per member and medium.
CREATE TABLE IF NOT EXISTS crm_member_media (
  member_id TEXT NOT NULL,
  media TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (member_id, media)
);

CREATE INDEX IF NOT EXISTS crm_member_media_media ON crm_member_media (media, member_id);

-- Consent per channel (email, whatsapp, sms, letter) and purpose (service: service notices, news: news and
-- events, recommendations: personal recommendations), appended and never updated: one row per change, granted
-- (1) or withdrawn (0), when, the version of the wording the member was shown, and who made it (member, staff,
-- unsubscribe: the link in a notice). The current consent is a pair's newest row (highest id); no row: none.
CREATE TABLE IF NOT EXISTS crm_member_consent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  purpose TEXT NOT NULL,
  granted INTEGER NOT NULL,
  wording_version TEXT NOT NULL,
  source TEXT NOT NULL,
  staff_uid INTEGER NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_member_consent_member ON crm_member_consent (member_id, channel, purpose, id);
CREATE INDEX IF NOT EXISTS crm_member_consent_pair ON crm_member_consent (channel, purpose, member_id);

-- A member's request to erase what the CRM holds about them (UU PDP 27/2022: within 3 x 24 hours, so due_at is
-- requested_at + 72 hours), waiting for staff to confirm: status pending, done or declined, with who decided.
CREATE TABLE IF NOT EXISTS crm_erasure_request (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  decided_uid INTEGER NULL,
  decided_at TEXT NULL
);

CREATE INDEX IF NOT EXISTS crm_erasure_request_member ON crm_erasure_request (member_id, status);
CREATE INDEX IF NOT EXISTS crm_erasure_request_queue ON crm_erasure_request (status, due_at);
