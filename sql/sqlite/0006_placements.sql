-- Where the SLiMS plugin shows a widget in the OPAC without template edits (Tampilkan di OPAC): one row per
-- widget and place. The plugin reads this table on SLiMS's own connection; only the sidecar writes it.
CREATE TABLE IF NOT EXISTS crm_placement (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  widget TEXT NOT NULL,
  survey_id INTEGER NULL REFERENCES crm_survey (id) ON DELETE CASCADE,
  place TEXT NOT NULL,
  target TEXT NULL,
  reserve_px INTEGER NOT NULL,
  created_by INTEGER NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_placement_place ON crm_placement (place, id);
CREATE INDEX IF NOT EXISTS crm_placement_survey ON crm_placement (survey_id);
