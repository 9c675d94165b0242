-- Saved segments (issue 11 §4): a named segment definition, evaluated each time it is used (counted, listed,
-- exported, later sent a campaign), never a frozen list of members. The definition is the JSON the segment
-- schema accepts (server/segments/segments.schemas.ts), stored as it validated; it names no member.
CREATE TABLE IF NOT EXISTS crm_segment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_uid INTEGER NOT NULL,
  created_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_uid INTEGER NOT NULL,
  updated_name TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Names are one segment's whatever their letter case, as MariaDB's collation sees them.
CREATE UNIQUE INDEX IF NOT EXISTS crm_segment_name ON crm_segment (name COLLATE NOCASE);

-- How many rows a read handed over (a segment's CSV export: how many members), null for a read of one record.
ALTER TABLE crm_audit_log ADD COLUMN row_count INTEGER NULL;
