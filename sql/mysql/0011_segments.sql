-- Saved segments (issue 11 §4): a named segment definition, evaluated each time it is used (counted, listed,
-- exported, later sent a campaign), never a frozen list of members. The definition is the JSON the segment
-- schema accepts (server/segments/segments.schemas.ts), stored as it validated; it names no member.
CREATE TABLE IF NOT EXISTS crm_segment (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(100) NOT NULL,
  definition TEXT NOT NULL,
  created_uid INT NOT NULL,
  created_name VARCHAR(100) NOT NULL,
  created_at DATETIME NOT NULL,
  updated_uid INT NOT NULL,
  updated_name VARCHAR(100) NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_segment_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How many rows a read handed over (a segment's CSV export: how many members), null for a read of one record.
ALTER TABLE crm_audit_log ADD COLUMN row_count INT NULL;
