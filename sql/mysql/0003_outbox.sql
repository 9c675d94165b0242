-- The outbox: one row per message to send. The unique dedupe key makes enqueueing idempotent; a sender
-- leases due rows (lease_owner, lease_until) so a second sidecar never takes a row that is in flight.
-- message_id is fixed at enqueue, so a repeat after a crash carries the same Message-ID and mail clients fold it.
CREATE TABLE IF NOT EXISTS crm_outbox (
  id BIGINT NOT NULL AUTO_INCREMENT,
  dedupe_key VARCHAR(190) NOT NULL,
  channel VARCHAR(16) NOT NULL DEFAULT 'email',
  recipient VARCHAR(255) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NULL,
  message_id VARCHAR(255) NOT NULL,
  status VARCHAR(12) NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  last_error TEXT NULL,
  available_at DATETIME NOT NULL,
  lease_owner VARCHAR(64) NULL,
  lease_until DATETIME NULL,
  sent_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY crm_outbox_dedupe (dedupe_key),
  KEY crm_outbox_due (status, available_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
