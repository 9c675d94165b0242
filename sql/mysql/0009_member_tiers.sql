-- Loyal, at risk, lapsed (issue 11 §3): each member's score and tier with the parts behind them, the history of
-- tier changes, the library's thresholds, and the state of the job that computes them. Members are named by
-- SLiMS's card number only, as in 0008; SLiMS's own tables get nothing of ours.

-- One row per member SLiMS has: the score (0-100) as the sum of its parts' points, the tier, the counts the
-- points come from (so the profile can say them in words), the library date they hold for (as_of: the window and
-- the recency are counted back from it) and when the tier last changed.
CREATE TABLE IF NOT EXISTS crm_member_score (
  member_id VARCHAR(20) NOT NULL,
  score SMALLINT NOT NULL,
  tier VARCHAR(10) NOT NULL,
  recency_points SMALLINT NOT NULL,
  loan_points SMALLINT NOT NULL,
  visit_points SMALLINT NOT NULL,
  breadth_points SMALLINT NOT NULL,
  engagement_points SMALLINT NOT NULL,
  loans_window INT NOT NULL,
  loans_total INT NOT NULL,
  visits_window INT NOT NULL,
  topics_window INT NOT NULL,
  engagement_window INT NOT NULL,
  last_loan DATE NULL,
  last_visit DATETIME NULL,
  joined DATE NULL,
  as_of DATE NOT NULL,
  tier_since DATETIME NOT NULL,
  computed_at DATETIME NOT NULL,
  PRIMARY KEY (member_id),
  KEY crm_member_score_tier (tier, score),
  KEY crm_member_score_score (score)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A row each time a member's tier changes (from_tier NULL: the member's first tier), so "moved from setia to
-- berisiko this month" is a query on (to_tier, changed_at) or (member_id, changed_at).
CREATE TABLE IF NOT EXISTS crm_member_tier_history (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id VARCHAR(20) NOT NULL,
  from_tier VARCHAR(10) NULL,
  to_tier VARCHAR(10) NOT NULL,
  score SMALLINT NOT NULL,
  changed_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_member_tier_history_member (member_id, changed_at),
  KEY crm_member_tier_history_time (changed_at, to_tier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The library's thresholds, one row (id 1) once staff change them; until then the sidecar's defaults hold.
CREATE TABLE IF NOT EXISTS crm_tier_settings (
  id TINYINT NOT NULL,
  window_days SMALLINT NOT NULL,
  new_days SMALLINT NOT NULL,
  new_max_loans SMALLINT NOT NULL,
  active_score SMALLINT NOT NULL,
  loyal_score SMALLINT NOT NULL,
  at_risk_days SMALLINT NOT NULL,
  lapsed_days SMALLINT NOT NULL,
  loans_target SMALLINT NOT NULL,
  visits_target SMALLINT NOT NULL,
  topics_target SMALLINT NOT NULL,
  engagement_target SMALLINT NOT NULL,
  updated_uid INT NOT NULL,
  updated_name VARCHAR(100) NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Leases on scheduled jobs, one row per job name: the sidecar whose owner id stands here until lease_until runs
-- the job; another takes it over only once the lease has run out (its holder crashed or stalled).
CREATE TABLE IF NOT EXISTS crm_job_lease (
  name VARCHAR(40) NOT NULL,
  owner VARCHAR(80) NULL,
  lease_until DATETIME NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The tier job's state, one row (id 1): the run under way and its progress (members done of total), the last
-- run's outcome, a run staff asked for, and the high-water marks an incremental run reads new rows after
-- (SLiMS has no change feed). full_as_of is the library date of the last full run: a new day starts with a full one.
CREATE TABLE IF NOT EXISTS crm_tier_run (
  id TINYINT NOT NULL,
  running_kind VARCHAR(12) NULL,
  running_since DATETIME NULL,
  done INT NOT NULL DEFAULT 0,
  total INT NOT NULL DEFAULT 0,
  requested_kind VARCHAR(12) NULL,
  requested_at DATETIME NULL,
  last_kind VARCHAR(12) NULL,
  last_started_at DATETIME NULL,
  last_finished_at DATETIME NULL,
  last_duration_ms INT NULL,
  last_members INT NULL,
  last_error VARCHAR(500) NULL,
  loan_mark BIGINT NOT NULL DEFAULT 0,
  visit_mark BIGINT NOT NULL DEFAULT 0,
  response_mark BIGINT NOT NULL DEFAULT 0,
  feedback_mark BIGINT NOT NULL DEFAULT 0,
  full_as_of DATE NULL,
  full_settings_at DATETIME NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
