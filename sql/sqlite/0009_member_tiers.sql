-- Loyal, at risk, lapsed (issue 11 §3): each member's score and tier with the parts behind them, the history of
-- tier changes, the library's thresholds, and the state of the job that computes them. Members are named by
-- SLiMS's card number only, as in 0008; SLiMS's own tables get nothing of ours.

-- One row per member SLiMS has: the score (0-100) as the sum of its parts' points, the tier, the counts the
-- points come from (so the profile can say them in words), the library date they hold for (as_of: the window and
-- the recency are counted back from it) and when the tier last changed.
CREATE TABLE IF NOT EXISTS crm_member_score (
  member_id TEXT NOT NULL,
  score INTEGER NOT NULL,
  tier TEXT NOT NULL,
  recency_points INTEGER NOT NULL,
  loan_points INTEGER NOT NULL,
  visit_points INTEGER NOT NULL,
  breadth_points INTEGER NOT NULL,
  engagement_points INTEGER NOT NULL,
  loans_window INTEGER NOT NULL,
  loans_total INTEGER NOT NULL,
  visits_window INTEGER NOT NULL,
  topics_window INTEGER NOT NULL,
  engagement_window INTEGER NOT NULL,
  last_loan TEXT NULL,
  last_visit TEXT NULL,
  joined TEXT NULL,
  as_of TEXT NOT NULL,
  tier_since TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (member_id)
);

CREATE INDEX IF NOT EXISTS crm_member_score_tier ON crm_member_score (tier, score);
CREATE INDEX IF NOT EXISTS crm_member_score_score ON crm_member_score (score);

-- A row each time a member's tier changes (from_tier NULL: the member's first tier), so "moved from setia to
-- berisiko this month" is a query on (to_tier, changed_at) or (member_id, changed_at).
CREATE TABLE IF NOT EXISTS crm_member_tier_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT NOT NULL,
  from_tier TEXT NULL,
  to_tier TEXT NOT NULL,
  score INTEGER NOT NULL,
  changed_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_member_tier_history_member ON crm_member_tier_history (member_id, changed_at);
CREATE INDEX IF NOT EXISTS crm_member_tier_history_time ON crm_member_tier_history (changed_at, to_tier);

-- The library's thresholds, one row (id 1) once staff change them; until then the sidecar's defaults hold.
CREATE TABLE IF NOT EXISTS crm_tier_settings (
  id INTEGER NOT NULL,
  window_days INTEGER NOT NULL,
  new_days INTEGER NOT NULL,
  new_max_loans INTEGER NOT NULL,
  active_score INTEGER NOT NULL,
  loyal_score INTEGER NOT NULL,
  at_risk_days INTEGER NOT NULL,
  lapsed_days INTEGER NOT NULL,
  loans_target INTEGER NOT NULL,
  visits_target INTEGER NOT NULL,
  topics_target INTEGER NOT NULL,
  engagement_target INTEGER NOT NULL,
  updated_uid INTEGER NOT NULL,
  updated_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (id)
);

-- Leases on scheduled jobs, one row per job name: the sidecar whose owner id stands here until lease_until runs
-- the job; another takes it over only once the lease has run out (its holder crashed or stalled).
CREATE TABLE IF NOT EXISTS crm_job_lease (
  name TEXT NOT NULL,
  owner TEXT NULL,
  lease_until TEXT NULL,
  PRIMARY KEY (name)
);

-- The tier job's state, one row (id 1): the run under way and its progress (members done of total), the last
-- run's outcome, a run staff asked for, and the high-water marks an incremental run reads new rows after
-- (SLiMS has no change feed). full_as_of is the library date of the last full run: a new day starts with a full one.
CREATE TABLE IF NOT EXISTS crm_tier_run (
  id INTEGER NOT NULL,
  running_kind TEXT NULL,
  running_since TEXT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  requested_kind TEXT NULL,
  requested_at TEXT NULL,
  last_kind TEXT NULL,
  last_started_at TEXT NULL,
  last_finished_at TEXT NULL,
  last_duration_ms INTEGER NULL,
  last_members INTEGER NULL,
  last_error TEXT NULL,
  loan_mark INTEGER NOT NULL DEFAULT 0,
  visit_mark INTEGER NOT NULL DEFAULT 0,
  response_mark INTEGER NOT NULL DEFAULT 0,
  feedback_mark INTEGER NOT NULL DEFAULT 0,
  full_as_of TEXT NULL,
  full_settings_at TEXT NULL,
  PRIMARY KEY (id)
);
