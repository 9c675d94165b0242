-- The outbox: one row per message to send. The unique dedupe key makes enqueueing idempotent; a sender
-- leases due rows (lease_owner, lease_until) so a second sidecar never takes a row that is in flight.
-- message_id is fixed at enqueue, so a repeat after a crash carries the same Message-ID and mail clients fold it.
CREATE TABLE IF NOT EXISTS crm_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL,
  channel TEXT NOT NULL DEFAULT 'email',
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT,
  message_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  available_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT crm_outbox_dedupe UNIQUE (dedupe_key)
);

CREATE INDEX IF NOT EXISTS crm_outbox_due ON crm_outbox (status, available_at);
