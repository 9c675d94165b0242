// Kysely types for the SLiMS 9 tables slims-crm reads, typed as SLiMS declares them (sql/slims/ holds the DDL).
// DATE columns are 'YYYY-MM-DD' strings and DATETIME columns 'YYYY-MM-DD HH:MM:SS' strings in both dialects;
// int(1)/smallint flags are numbers (0/1), never booleans. Keys are strings where SLiMS makes them strings.
import type { Generated } from 'kysely';

export interface MemberTable {
  /** The library card number: free text chosen by staff, the join key of loan and visitor_count. */
  member_id: string;
  member_name: string;
  /** 1 = male, 0 = female. */
  gender: number;
  birth_date: string | null;
  member_type_id: number | null;
  member_address: string | null;
  /** A postal address, not an e-mail address. */
  member_mail_address: string | null;
  member_email: string | null;
  postal_code: string | null;
  inst_name: string | null;
  is_new: number | null;
  member_image: string | null;
  /** Identity-card number printed on the member card; not a password. */
  pin: string | null;
  member_phone: string | null;
  member_fax: string | null;
  member_since_date: string | null;
  register_date: string | null;
  expire_date: string;
  member_notes: string | null;
  /** 1 = membership suspended ("pending"). */
  is_pending: Generated<number>;
  /** OPAC password: bcrypt `$2y$10$…` (legacy rows may hold MD5 hex); null = no OPAC login. */
  mpasswd: string | null;
  last_login: string | null;
  last_login_ip: string | null;
  input_date: string | null;
  last_update: string | null;
}

export interface MstMemberTypeTable {
  member_type_id: Generated<number>;
  member_type_name: string;
  loan_limit: number;
  /** Days. */
  loan_periode: number;
  enable_reserve: Generated<number>;
  reserve_limit: Generated<number>;
  /** Days of membership granted by a registration or renewal. */
  member_periode: number;
  reborrow_limit: number;
  fine_each_day: number;
  grace_periode: Generated<number | null>;
  input_date: string;
  last_update: string | null;
}

export interface LoanTable {
  loan_id: Generated<number>;
  /** Joins item.item_code (not item_id). */
  item_code: string | null;
  member_id: string | null;
  loan_date: string;
  due_date: string;
  /** Number of extensions; extending does not touch last_update. */
  renewed: Generated<number>;
  loan_rules_id: Generated<number>;
  actual: string | null;
  /** An open loan is is_lent = 1 AND is_return = 0. */
  is_lent: Generated<number>;
  is_return: Generated<number>;
  return_date: string | null;
  input_date: string | null;
  last_update: string | null;
  /** Staff user who made the loan. */
  uid: number | null;
}

export interface ItemTable {
  item_id: Generated<number>;
  biblio_id: number | null;
  call_number: string | null;
  coll_type_id: number | null;
  /** The barcode; unique, and what loan refers to. */
  item_code: string | null;
  inventory_code: string | null;
  received_date: string | null;
  supplier_id: string | null;
  order_no: string | null;
  location_id: string | null;
  order_date: string | null;
  item_status_id: string | null;
  site: string | null;
  source: Generated<number>;
  invoice: string | null;
  price: number | null;
  price_currency: string | null;
  invoice_date: string | null;
  input_date: string;
  last_update: string | null;
  uid: number | null;
}

export interface BiblioTable {
  biblio_id: Generated<number>;
  gmd_id: number | null;
  title: string;
  /** Statement of responsibility. */
  sor: string | null;
  edition: string | null;
  isbn_issn: string | null;
  publisher_id: number | null;
  /** A string in SLiMS ('2019', 'c1998', '[2005?]'), not a number. */
  publish_year: string | null;
  collation: string | null;
  series_title: string | null;
  call_number: string | null;
  language_id: Generated<string | null>;
  source: string | null;
  publish_place_id: number | null;
  /** DDC class number, e.g. '005.133'. */
  classification: string | null;
  notes: string | null;
  /** Cover file name under SLiMS's images/docs/. */
  image: string | null;
  file_att: string | null;
  /** 1 = hidden from the OPAC (and from public widgets). */
  opac_hide: Generated<number | null>;
  promoted: Generated<number | null>;
  /** PHP-serialized label list. */
  labels: string | null;
  frequency_id: Generated<number>;
  spec_detail_info: string | null;
  content_type_id: number | null;
  media_type_id: number | null;
  carrier_type_id: number | null;
  /** When it was catalogued: the "new arrivals" date. */
  input_date: string | null;
  last_update: string | null;
  uid: number | null;
}

export interface BiblioTopicTable {
  biblio_id: number;
  topic_id: number;
  /** 1 = primary subject, 2 = additional. */
  level: Generated<number>;
}

export interface MstTopicTable {
  topic_id: Generated<number>;
  topic: string;
  /** t topic, g geographic, n name, tm temporal, gr genre, oc occupation. */
  topic_type: 't' | 'g' | 'n' | 'tm' | 'gr' | 'oc';
  auth_list: string | null;
  /** NOT NULL on a fresh install, NULL-able after SLiMS's 9.5.0 upgrade: read it as possibly null. */
  classification: string | null;
  input_date: string | null;
  last_update: string | null;
}

export interface BiblioAuthorTable {
  biblio_id: number;
  author_id: number;
  /** 1 primary author, 2 additional author, 3 editor, 4 translator, … 10 contributor. */
  level: Generated<number>;
}

export interface MstAuthorTable {
  author_id: Generated<number>;
  author_name: string;
  author_year: string | null;
  /** p personal, o organisation, c conference. */
  authority_type: Generated<'p' | 'o' | 'c' | null>;
  auth_list: string | null;
  input_date: string;
  last_update: string | null;
}

export interface MstGmdTable {
  gmd_id: Generated<number>;
  gmd_code: string | null;
  gmd_name: string;
  icon_image: string | null;
  input_date: string;
  last_update: string | null;
}

export interface MstCollTypeTable {
  coll_type_id: Generated<number>;
  coll_type_name: string;
  input_date: string | null;
  last_update: string | null;
}

export interface MstLocationTable {
  location_id: string;
  location_name: string | null;
  input_date: string;
  last_update: string;
}

export interface MstPublisherTable {
  publisher_id: Generated<number>;
  publisher_name: string;
  input_date: string | null;
  last_update: string | null;
}

export interface MstLanguageTable {
  /** e.g. 'id', 'en'. */
  language_id: string;
  language_name: string;
  input_date: string | null;
  last_update: string | null;
}

export interface VisitorCountTable {
  visitor_id: Generated<number>;
  /** Null for a guest who typed a name at the visitor counter. */
  member_id: string | null;
  member_name: string;
  institution: string | null;
  /** From SLiMS 9.6 on: absent on 9.4 and 9.5. */
  room_code?: string | null;
  checkin_date: string;
}

/** Staff accounts (SLiMS calls them users). */
export interface UserTable {
  user_id: Generated<number>;
  username: string;
  realname: string;
  /** bcrypt `$2y$10$…`. */
  passwd: string;
  '2fa': string | null;
  email: string | null;
  /** 1 librarian, 2 senior librarian, 3 library staff. */
  user_type: number | null;
  user_image: string | null;
  social_media: string | null;
  last_login: string | null;
  last_login_ip: string | null;
  /** PHP-serialized array of group ids as strings, e.g. `a:1:{i:0;s:1:"1";}`. */
  groups: string | null;
  admin_template: string | null;
  forgot: string | null;
  input_date: string | null;
  last_update: string | null;
}

export interface UserGroupTable {
  group_id: Generated<number>;
  group_name: string;
  input_date: string | null;
  last_update: string | null;
}

export interface GroupAccessTable {
  group_id: number;
  module_id: number;
  /** JSON array of md5(submenu URL) the group may open; null = every submenu of the module. */
  menus: string | null;
  r: Generated<number>;
  w: Generated<number>;
}

export interface MstModuleTable {
  module_id: Generated<number>;
  module_name: string;
  /** The module folder, e.g. 'membership'; privileges are keyed by it. */
  module_path: string | null;
  module_desc: string | null;
}

/** SLiMS's settings: one row per name, the value PHP-serialize()d. */
export interface SettingTable {
  setting_id: Generated<number>;
  setting_name: string;
  setting_value: string | null;
}

/** Plugins enabled in System > Plugins; no primary key. */
export interface PluginsTable {
  /** md5 of the plugin file's absolute path. */
  id: string;
  /** JSON, e.g. {"version":"1.0.0","db_version":2}. */
  options: string | null;
  path: string;
  created_at: string;
  updated_at: string | null;
  /** Set when the plugin was disabled without running its migrations down. */
  deleted_at: string | null;
  uid: number;
}

/** Staff "remember me" tokens (SLiMS 9.7). */
export interface UserTokensTable {
  id: Generated<number>;
  selector: string;
  hashed_validator: string;
  user_id: number;
  expires_at: string;
  created_at: string;
}

export interface SlimsTables {
  member: MemberTable;
  mst_member_type: MstMemberTypeTable;
  loan: LoanTable;
  item: ItemTable;
  biblio: BiblioTable;
  biblio_topic: BiblioTopicTable;
  mst_topic: MstTopicTable;
  biblio_author: BiblioAuthorTable;
  mst_author: MstAuthorTable;
  mst_gmd: MstGmdTable;
  mst_coll_type: MstCollTypeTable;
  mst_location: MstLocationTable;
  mst_publisher: MstPublisherTable;
  mst_language: MstLanguageTable;
  visitor_count: VisitorCountTable;
  user: UserTable;
  user_group: UserGroupTable;
  group_access: GroupAccessTable;
  mst_module: MstModuleTable;
  plugins: PluginsTable;
  setting: SettingTable;
  user_tokens: UserTokensTable;
}
