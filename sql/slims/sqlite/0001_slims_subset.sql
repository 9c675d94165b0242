-- The part of SLiMS 9's own schema that slims-crm reads, for the embedded demo library and the tests only.
-- Same tables, column names, NULL-ability, defaults and keys as the MySQL file; dates and times are TEXT
-- ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS'), enums are CHECKs, and SLiMS's FULLTEXT keys are left out.

CREATE TABLE IF NOT EXISTS member (
  member_id TEXT NOT NULL PRIMARY KEY,
  member_name TEXT NOT NULL,
  gender INTEGER NOT NULL,
  birth_date TEXT DEFAULT NULL,
  member_type_id INTEGER DEFAULT NULL,
  member_address TEXT DEFAULT NULL,
  member_mail_address TEXT DEFAULT NULL,
  member_email TEXT DEFAULT NULL,
  postal_code TEXT DEFAULT NULL,
  inst_name TEXT DEFAULT NULL,
  is_new INTEGER DEFAULT NULL,
  member_image TEXT DEFAULT NULL,
  pin TEXT DEFAULT NULL,
  member_phone TEXT DEFAULT NULL,
  member_fax TEXT DEFAULT NULL,
  member_since_date TEXT DEFAULT NULL,
  register_date TEXT DEFAULT NULL,
  expire_date TEXT NOT NULL,
  member_notes TEXT,
  is_pending INTEGER NOT NULL DEFAULT 0,
  mpasswd TEXT DEFAULT NULL,
  last_login TEXT DEFAULT NULL,
  last_login_ip TEXT DEFAULT NULL,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS member_member_name ON member (member_name);
CREATE INDEX IF NOT EXISTS member_member_type_id ON member (member_type_id);

CREATE TABLE IF NOT EXISTS mst_member_type (
  member_type_id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_type_name TEXT NOT NULL UNIQUE,
  loan_limit INTEGER NOT NULL,
  loan_periode INTEGER NOT NULL,
  enable_reserve INTEGER NOT NULL DEFAULT 0,
  reserve_limit INTEGER NOT NULL DEFAULT 0,
  member_periode INTEGER NOT NULL,
  reborrow_limit INTEGER NOT NULL,
  fine_each_day INTEGER NOT NULL,
  grace_periode INTEGER DEFAULT 0,
  input_date TEXT NOT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS loan (
  loan_id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_code TEXT DEFAULT NULL,
  member_id TEXT DEFAULT NULL,
  loan_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  renewed INTEGER NOT NULL DEFAULT 0,
  loan_rules_id INTEGER NOT NULL DEFAULT 0,
  actual TEXT DEFAULT NULL,
  is_lent INTEGER NOT NULL DEFAULT 0,
  is_return INTEGER NOT NULL DEFAULT 0,
  return_date TEXT DEFAULT NULL,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL,
  uid INTEGER DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS loan_item_code ON loan (item_code);
CREATE INDEX IF NOT EXISTS loan_member_id ON loan (member_id);
CREATE INDEX IF NOT EXISTS loan_input_date ON loan (input_date, last_update, uid);

CREATE TABLE IF NOT EXISTS item (
  item_id INTEGER PRIMARY KEY AUTOINCREMENT,
  biblio_id INTEGER DEFAULT NULL,
  call_number TEXT DEFAULT NULL,
  coll_type_id INTEGER DEFAULT NULL,
  item_code TEXT DEFAULT NULL UNIQUE,
  inventory_code TEXT DEFAULT NULL,
  received_date TEXT DEFAULT NULL,
  supplier_id TEXT DEFAULT NULL,
  order_no TEXT DEFAULT NULL,
  location_id TEXT DEFAULT NULL,
  order_date TEXT DEFAULT NULL,
  item_status_id TEXT DEFAULT NULL,
  site TEXT DEFAULT NULL,
  source INTEGER NOT NULL DEFAULT 0,
  invoice TEXT DEFAULT NULL,
  price INTEGER DEFAULT NULL,
  price_currency TEXT DEFAULT NULL,
  invoice_date TEXT DEFAULT NULL,
  input_date TEXT NOT NULL,
  last_update TEXT DEFAULT NULL,
  uid INTEGER DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS item_uid ON item (uid);
CREATE INDEX IF NOT EXISTS item_references_idx ON item (coll_type_id, location_id, item_status_id);
CREATE INDEX IF NOT EXISTS item_biblio_id_idx ON item (biblio_id);

CREATE TABLE IF NOT EXISTS biblio (
  biblio_id INTEGER PRIMARY KEY AUTOINCREMENT,
  gmd_id INTEGER DEFAULT NULL,
  title TEXT NOT NULL,
  sor TEXT DEFAULT NULL,
  edition TEXT DEFAULT NULL,
  isbn_issn TEXT DEFAULT NULL,
  publisher_id INTEGER DEFAULT NULL,
  publish_year TEXT DEFAULT NULL,
  collation TEXT DEFAULT NULL,
  series_title TEXT DEFAULT NULL,
  call_number TEXT DEFAULT NULL,
  language_id TEXT DEFAULT 'en',
  source TEXT DEFAULT NULL,
  publish_place_id INTEGER DEFAULT NULL,
  classification TEXT DEFAULT NULL,
  notes TEXT,
  image TEXT DEFAULT NULL,
  file_att TEXT DEFAULT NULL,
  opac_hide INTEGER DEFAULT 0,
  promoted INTEGER DEFAULT 0,
  labels TEXT,
  frequency_id INTEGER NOT NULL DEFAULT 0,
  spec_detail_info TEXT,
  content_type_id INTEGER DEFAULT NULL,
  media_type_id INTEGER DEFAULT NULL,
  carrier_type_id INTEGER DEFAULT NULL,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL,
  uid INTEGER DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS biblio_references_idx ON biblio (gmd_id, publisher_id, language_id, publish_place_id);
CREATE INDEX IF NOT EXISTS biblio_classification ON biblio (classification);
CREATE INDEX IF NOT EXISTS biblio_flag_idx ON biblio (opac_hide, promoted);
CREATE INDEX IF NOT EXISTS biblio_rda_idx ON biblio (content_type_id, media_type_id, carrier_type_id);
CREATE INDEX IF NOT EXISTS biblio_uid ON biblio (uid);

CREATE TABLE IF NOT EXISTS biblio_topic (
  biblio_id INTEGER NOT NULL DEFAULT 0,
  topic_id INTEGER NOT NULL DEFAULT 0,
  level INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (biblio_id, topic_id)
);
CREATE INDEX IF NOT EXISTS biblio_topic_topic_id ON biblio_topic (topic_id);

CREATE TABLE IF NOT EXISTS mst_topic (
  topic_id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  topic_type TEXT NOT NULL CHECK (topic_type IN ('t', 'g', 'n', 'tm', 'gr', 'oc')),
  auth_list TEXT DEFAULT NULL,
  classification TEXT NOT NULL,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL,
  UNIQUE (topic, topic_type)
);

CREATE TABLE IF NOT EXISTS biblio_author (
  biblio_id INTEGER NOT NULL DEFAULT 0,
  author_id INTEGER NOT NULL DEFAULT 0,
  level INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (biblio_id, author_id)
);
CREATE INDEX IF NOT EXISTS biblio_author_author_id ON biblio_author (author_id);

CREATE TABLE IF NOT EXISTS mst_author (
  author_id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_name TEXT NOT NULL,
  author_year TEXT DEFAULT NULL,
  authority_type TEXT DEFAULT 'p' CHECK (authority_type IN ('p', 'o', 'c')),
  auth_list TEXT DEFAULT NULL,
  input_date TEXT NOT NULL,
  last_update TEXT DEFAULT NULL,
  UNIQUE (author_name, authority_type)
);

CREATE TABLE IF NOT EXISTS mst_gmd (
  gmd_id INTEGER PRIMARY KEY AUTOINCREMENT,
  gmd_code TEXT DEFAULT NULL UNIQUE,
  gmd_name TEXT NOT NULL UNIQUE,
  icon_image TEXT DEFAULT NULL,
  input_date TEXT NOT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS mst_coll_type (
  coll_type_id INTEGER PRIMARY KEY AUTOINCREMENT,
  coll_type_name TEXT NOT NULL UNIQUE,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS mst_location (
  location_id TEXT NOT NULL PRIMARY KEY,
  location_name TEXT DEFAULT NULL UNIQUE,
  input_date TEXT NOT NULL,
  last_update TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS mst_publisher (
  publisher_id INTEGER PRIMARY KEY AUTOINCREMENT,
  publisher_name TEXT NOT NULL UNIQUE,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS mst_language (
  language_id TEXT NOT NULL PRIMARY KEY,
  language_name TEXT NOT NULL UNIQUE,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS visitor_count (
  visitor_id INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id TEXT DEFAULT NULL,
  member_name TEXT NOT NULL,
  institution TEXT DEFAULT NULL,
  room_code TEXT DEFAULT NULL,
  checkin_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS visitor_count_member_id ON visitor_count (member_id);
CREATE INDEX IF NOT EXISTS visitor_count_room_code ON visitor_count (room_code);

CREATE TABLE IF NOT EXISTS user (
  user_id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  realname TEXT NOT NULL,
  passwd TEXT NOT NULL,
  "2fa" TEXT DEFAULT NULL,
  email TEXT DEFAULT NULL,
  user_type INTEGER DEFAULT NULL,
  user_image TEXT DEFAULT NULL,
  social_media TEXT DEFAULT NULL,
  last_login TEXT DEFAULT NULL,
  last_login_ip TEXT DEFAULT NULL,
  groups TEXT DEFAULT NULL,
  admin_template TEXT DEFAULT NULL,
  forgot TEXT DEFAULT NULL,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);
CREATE INDEX IF NOT EXISTS user_realname ON user (realname);

CREATE TABLE IF NOT EXISTS user_group (
  group_id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_name TEXT NOT NULL UNIQUE,
  input_date TEXT DEFAULT NULL,
  last_update TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS group_access (
  group_id INTEGER NOT NULL,
  module_id INTEGER NOT NULL,
  menus TEXT DEFAULT NULL CHECK (menus IS NULL OR json_valid(menus)),
  r INTEGER NOT NULL DEFAULT 0,
  w INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, module_id)
);

CREATE TABLE IF NOT EXISTS mst_module (
  module_id INTEGER PRIMARY KEY AUTOINCREMENT,
  module_name TEXT NOT NULL,
  module_path TEXT DEFAULT NULL,
  module_desc TEXT DEFAULT NULL,
  UNIQUE (module_name, module_path)
);

-- Two newer tables, so the sidecar's version probe sees SLiMS 9.7 (plugins: 9.3+, user_tokens: 9.7).
-- SLiMS's settings, PHP-serialize()d values; the CRM plugin keeps its sidecar URL and secret here.
CREATE TABLE IF NOT EXISTS setting (
  setting_id INTEGER PRIMARY KEY AUTOINCREMENT,
  setting_name TEXT NOT NULL UNIQUE,
  setting_value TEXT DEFAULT NULL
);

CREATE TABLE IF NOT EXISTS plugins (
  id TEXT NOT NULL UNIQUE,
  options TEXT DEFAULT NULL CHECK (options IS NULL OR json_valid(options)),
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT DEFAULT NULL,
  deleted_at TEXT DEFAULT NULL,
  uid INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS user_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  selector TEXT NOT NULL,
  hashed_validator TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- What a fresh SLiMS install holds: the eight core modules and the Administrator group with full rights.
INSERT OR IGNORE INTO mst_module (module_id, module_name, module_path, module_desc) VALUES
  (1, 'bibliography', 'bibliography', 'Bibliographic records and their items'),
  (2, 'circulation', 'circulation', 'Loans, returns and loan rules'),
  (3, 'membership', 'membership', 'Library members and member types'),
  (4, 'master_file', 'master_file', 'Reference data shared by the other modules'),
  (5, 'stock_take', 'stock_take', 'Stock taking of the collection'),
  (6, 'system', 'system', 'Settings, staff accounts and backups'),
  (7, 'reporting', 'reporting', 'Reports on the collection and circulation'),
  (8, 'serial_control', 'serial_control', 'Serial subscriptions and issues');

INSERT OR IGNORE INTO user_group (group_id, group_name, input_date, last_update) VALUES
  (1, 'Administrator', date('now'), date('now'));

INSERT OR IGNORE INTO group_access (group_id, module_id, r, w) VALUES
  (1, 1, 1, 1),
  (1, 2, 1, 1),
  (1, 3, 1, 1),
  (1, 4, 1, 1),
  (1, 5, 1, 1),
  (1, 6, 1, 1),
  (1, 7, 1, 1),
  (1, 8, 1, 1);
