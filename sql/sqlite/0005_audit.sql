-- Who read members' and visitors' personal data, and when (UU PDP 27/2022; DESIGN.md 4): one row per read.
CREATE TABLE IF NOT EXISTS crm_audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_uid INTEGER NOT NULL,
  staff_name TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_audit_log_time ON crm_audit_log (created_at);
CREATE INDEX IF NOT EXISTS crm_audit_log_subject ON crm_audit_log (subject, created_at);
