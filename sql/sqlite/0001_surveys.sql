-- Polls and surveys: a poll is a survey with one question.
CREATE TABLE IF NOT EXISTS crm_survey (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NULL,
  audience TEXT NOT NULL DEFAULT 'anyone',
  status TEXT NOT NULL DEFAULT 'draft',
  opens_at TEXT NULL,
  closes_at TEXT NULL,
  results_visibility TEXT NOT NULL DEFAULT 'after_answer',
  -- Bumped by every change, so an answer checked against an older definition is refused.
  version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT crm_survey_slug UNIQUE (slug)
);

CREATE TABLE IF NOT EXISTS crm_survey_question (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  survey_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  prompt TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 1,
  max_length INTEGER NULL,
  FOREIGN KEY (survey_id) REFERENCES crm_survey (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS crm_survey_question_survey ON crm_survey_question (survey_id, position);

CREATE TABLE IF NOT EXISTS crm_survey_option (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  FOREIGN KEY (question_id) REFERENCES crm_survey_question (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS crm_survey_option_question ON crm_survey_option (question_id, position);

-- voter_key is 'm:<member_id>' for a signed-in member, 'd:<device id>' otherwise: one response each.
CREATE TABLE IF NOT EXISTS crm_survey_response (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  survey_id INTEGER NOT NULL,
  voter_key TEXT NOT NULL,
  member_id TEXT NULL,
  network TEXT NULL,
  idempotency_key TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'id',
  created_at TEXT NOT NULL,
  CONSTRAINT crm_survey_response_voter UNIQUE (survey_id, voter_key),
  CONSTRAINT crm_survey_response_idempotency UNIQUE (survey_id, idempotency_key),
  FOREIGN KEY (survey_id) REFERENCES crm_survey (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS crm_survey_response_time ON crm_survey_response (survey_id, created_at);

CREATE INDEX IF NOT EXISTS crm_survey_response_member ON crm_survey_response (member_id);

-- One row per chosen option, rating, score or text; multiple choice gives several rows.
CREATE TABLE IF NOT EXISTS crm_survey_answer (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id INTEGER NOT NULL,
  question_id INTEGER NOT NULL,
  option_id INTEGER NULL,
  value INTEGER NULL,
  text TEXT NULL,
  FOREIGN KEY (response_id) REFERENCES crm_survey_response (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS crm_survey_answer_response ON crm_survey_answer (response_id);

CREATE INDEX IF NOT EXISTS crm_survey_answer_tally ON crm_survey_answer (question_id, option_id, value);

-- Failed staff sign-ins, for throttling; old rows are pruned by the sidecar.
CREATE TABLE IF NOT EXISTS crm_auth_failure (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_auth_failure_subject ON crm_auth_failure (subject, created_at);
