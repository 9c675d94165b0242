-- Signed events from the SLiMS plugin, kept as received for later work. The id is the plugin's random
-- event id: the primary key is what turns a redelivery into a refused replay.
CREATE TABLE IF NOT EXISTS crm_webhook_event (
  id TEXT NOT NULL PRIMARY KEY,
  event TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_webhook_event_event ON crm_webhook_event (event, occurred_at);

CREATE INDEX IF NOT EXISTS crm_webhook_event_received ON crm_webhook_event (received_at);
