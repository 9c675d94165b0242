-- What a member says about themselves (issue 11 §2 and §5): stated interests, media preferences, the preferred
-- channel and a contact address when SLiMS has none, consent per channel and purpose, and erasure requests.
-- Keyed by SLiMS's card number (member_id) like the 0008 tables, so erasing a member is a DELETE on each.

-- The member's preferred channel (email, whatsapp, sms, letter, none; NULL: never said) and the e-mail address
-- or WhatsApp number they gave the CRM themselves, for when SLiMS holds none. One row per member.
CREATE TABLE IF NOT EXISTS crm_member_preference (
  member_id VARCHAR(20) NOT NULL,
  channel VARCHAR(16) NULL,
  contact_email VARCHAR(254) NULL,
  contact_whatsapp VARCHAR(20) NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Stated interests: a topic of SLiMS's mst_topic (topic_id, tag NULL) or a free tag of the member's own words
-- (tag, topic_id NULL). The topic and tag keys let a segment find the members of one interest.
CREATE TABLE IF NOT EXISTS crm_member_interest (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  topic_id INT NULL,
  tag VARCHAR(40) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_member_interest_member_topic (member_id, topic_id),
  UNIQUE KEY crm_member_interest_member_tag (member_id, tag),
  KEY crm_member_interest_topic (topic_id, member_id),
  KEY crm_member_interest_tag (tag, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Media preferences: print, ebook, audio, video, or a SLiMS GMD as 'gmd:<gmd_id>'. One row per member and medium.
CREATE TABLE IF NOT EXISTS crm_member_media (
  member_id VARCHAR(20) NOT NULL,
  media VARCHAR(16) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (member_id, media),
  KEY crm_member_media_media (media, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Consent per channel (email, whatsapp, sms, letter) and purpose (service: service notices, news: news and
-- events, recommendations: personal recommendations), appended and never updated: one row per change, granted
-- (1) or withdrawn (0), when, the version of the wording the member was shown, and who made it (member, staff,
-- unsubscribe: the link in a notice). The current consent is a pair's newest row (highest id); no row: none.
CREATE TABLE IF NOT EXISTS crm_member_consent (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  purpose VARCHAR(16) NOT NULL,
  granted TINYINT(1) NOT NULL,
  wording_version VARCHAR(40) NOT NULL,
  source VARCHAR(16) NOT NULL,
  staff_uid INT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_member_consent_member (member_id, channel, purpose, id),
  KEY crm_member_consent_pair (channel, purpose, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A member's request to erase what the CRM holds about them (UU PDP 27/2022: within 3 x 24 hours, so due_at is
-- requested_at + 72 hours), waiting for staff to confirm: status pending, done or declined, with who decided.
CREATE TABLE IF NOT EXISTS crm_erasure_request (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  source VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  requested_at DATETIME NOT NULL,
  due_at DATETIME NOT NULL,
  decided_uid INT NULL,
  decided_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY crm_erasure_request_member (member_id, status),
  KEY crm_erasure_request_queue (status, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
