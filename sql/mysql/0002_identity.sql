-- Signed events from the SLiMS plugin, kept as received for later work. The id is the plugin's random
-- event id: the primary key is what turns a redelivery into a refused replay.
-- MEDIUMTEXT: a body may be 64 KiB, one byte over TEXT's limit.
CREATE TABLE IF NOT EXISTS crm_webhook_event (
  id CHAR(32) NOT NULL,
  event VARCHAR(40) NOT NULL,
  occurred_at DATETIME NOT NULL,
  received_at DATETIME NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  PRIMARY KEY (id),
  KEY crm_webhook_event_event (event, occurred_at),
  KEY crm_webhook_event_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
