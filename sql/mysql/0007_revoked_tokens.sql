-- Staff tokens ended by sign-out before their time, by SHA-256 of the token string (so tokens the SLiMS plugin
-- minted are revoked the same way); a row is kept only until the token would have expired anyway.
CREATE TABLE IF NOT EXISTS crm_revoked_token (
  token_hash CHAR(64) NOT NULL,
  expires_at DATETIME NOT NULL,
  PRIMARY KEY (token_hash),
  KEY crm_revoked_token_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
