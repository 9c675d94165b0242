-- Where the SLiMS plugin shows a widget in the OPAC without template edits (Tampilkan di OPAC): one row per
-- widget and place. The plugin reads this table on SLiMS's own connection; only the sidecar writes it.
CREATE TABLE IF NOT EXISTS crm_placement (
  id INT NOT NULL AUTO_INCREMENT,
  -- poll, survey, suggestion-box, feedback-board
  widget VARCHAR(20) NOT NULL,
  -- the poll or survey shown (widget poll or survey), else NULL
  survey_id INT NULL,
  -- home, sidebar, footer, detail, member, page
  place VARCHAR(10) NOT NULL,
  -- page: the OPAC page's p= value; detail: one biblio_id, or NULL for every title; else NULL
  target VARCHAR(50) NULL,
  -- the height kept free before the widget has drawn, so the page does not jump
  reserve_px INT NOT NULL,
  created_by INT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_placement_place (place, id),
  KEY crm_placement_survey (survey_id),
  CONSTRAINT crm_placement_survey_fk FOREIGN KEY (survey_id) REFERENCES crm_survey (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
