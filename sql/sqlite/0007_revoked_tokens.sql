-- Staff tokens ended by sign-out before their time, by SHA-256 of the token string (so tokens the SLiMS plugin
-- minted are revoked the same way); a row is kept only until the token would have expired anyway.
CREATE TABLE IF NOT EXISTS crm_revoked_token (
  token_hash TEXT NOT NULL PRIMARY KEY,
  expires_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS crm_revoked_token_expiry ON crm_revoked_token (expires_at);
