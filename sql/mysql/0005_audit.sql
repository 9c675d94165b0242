-- Who read members' and visitors' personal data, and when (UU PDP 27/2022; DESIGN.md 4): one row per read.
CREATE TABLE IF NOT EXISTS crm_audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  staff_uid INT NOT NULL,
  staff_name VARCHAR(100) NOT NULL,
  action VARCHAR(40) NOT NULL,
  subject VARCHAR(120) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY crm_audit_log_time (created_at),
  KEY crm_audit_log_subject (subject, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
