-- Polls and surveys: a poll is a survey with one question.
CREATE TABLE IF NOT EXISTS crm_survey (
  id INT NOT NULL AUTO_INCREMENT,
  slug VARCHAR(64) NOT NULL,
  kind VARCHAR(10) NOT NULL,
  title VARCHAR(200) NOT NULL,
  description TEXT NULL,
  audience VARCHAR(10) NOT NULL DEFAULT 'anyone',
  status VARCHAR(10) NOT NULL DEFAULT 'draft',
  opens_at DATETIME NULL,
  closes_at DATETIME NULL,
  results_visibility VARCHAR(12) NOT NULL DEFAULT 'after_answer',
  -- Bumped by every change, so an answer checked against an older definition is refused.
  version INT NOT NULL DEFAULT 1,
  created_by INT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_survey_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_survey_question (
  id INT NOT NULL AUTO_INCREMENT,
  survey_id INT NOT NULL,
  position INT NOT NULL,
  type VARCHAR(10) NOT NULL,
  prompt VARCHAR(500) NOT NULL,
  required TINYINT NOT NULL DEFAULT 1,
  max_length INT NULL,
  PRIMARY KEY (id),
  KEY crm_survey_question_survey (survey_id, position),
  CONSTRAINT crm_survey_question_survey_fk FOREIGN KEY (survey_id) REFERENCES crm_survey (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS crm_survey_option (
  id INT NOT NULL AUTO_INCREMENT,
  question_id INT NOT NULL,
  position INT NOT NULL,
  label VARCHAR(200) NOT NULL,
  PRIMARY KEY (id),
  KEY crm_survey_option_question (question_id, position),
  CONSTRAINT crm_survey_option_question_fk FOREIGN KEY (question_id) REFERENCES crm_survey_question (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- voter_key is 'm:<member_id>' for a signed-in member, 'd:<device id>' otherwise: one response each.
CREATE TABLE IF NOT EXISTS crm_survey_response (
  id BIGINT NOT NULL AUTO_INCREMENT,
  survey_id INT NOT NULL,
  voter_key VARCHAR(90) NOT NULL,
  member_id VARCHAR(20) NULL,
  network VARCHAR(32) NULL,
  idempotency_key VARCHAR(64) NOT NULL,
  lang VARCHAR(5) NOT NULL DEFAULT 'id',
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_survey_response_voter (survey_id, voter_key),
  UNIQUE KEY crm_survey_response_idempotency (survey_id, idempotency_key),
  KEY crm_survey_response_time (survey_id, created_at),
  KEY crm_survey_response_member (member_id),
  CONSTRAINT crm_survey_response_survey_fk FOREIGN KEY (survey_id) REFERENCES crm_survey (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per chosen option, rating, score or text; multiple choice gives several rows.
CREATE TABLE IF NOT EXISTS crm_survey_answer (
  id BIGINT NOT NULL AUTO_INCREMENT,
  response_id BIGINT NOT NULL,
  question_id INT NOT NULL,
  option_id INT NULL,
  value INT NULL,
  text TEXT NULL,
  PRIMARY KEY (id),
  KEY crm_survey_answer_response (response_id),
  KEY crm_survey_answer_tally (question_id, option_id, value),
  CONSTRAINT crm_survey_answer_response_fk FOREIGN KEY (response_id) REFERENCES crm_survey_response (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed staff sign-ins, for throttling; old rows are pruned by the sidecar.
CREATE TABLE IF NOT EXISTS crm_auth_failure (
  id BIGINT NOT NULL AUTO_INCREMENT,
  subject VARCHAR(120) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_auth_failure_subject (subject, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
