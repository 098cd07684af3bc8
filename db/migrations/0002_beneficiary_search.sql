-- Search for the beneficiary registry. Local only, never synced: the core keeps
-- it in step with beneficiaries in the same transaction as each write.
-- Its own INTEGER PRIMARY KEY, because VACUUM (and so every backup) may renumber
-- the implicit rowids of beneficiaries.
CREATE TABLE beneficiaries_search (
  rowid INTEGER PRIMARY KEY,
  beneficiary_id TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  name_key TEXT NOT NULL,
  phone_key TEXT,
  birth_year TEXT
);
--> statement-breakpoint
CREATE INDEX beneficiaries_search_name_key ON beneficiaries_search (name_key);
--> statement-breakpoint
CREATE INDEX beneficiaries_search_phone_key ON beneficiaries_search (phone_key) WHERE phone_key IS NOT NULL;
--> statement-breakpoint
-- Trigram: any fragment of three characters or more matches, in any script,
-- with no word segmentation to get wrong (Arabic, phone and ID fragments).
-- Case and diacritics are already folded by the core before indexing.
CREATE VIRTUAL TABLE beneficiaries_fts USING fts5(
  text,
  content = 'beneficiaries_search',
  content_rowid = 'rowid',
  tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER beneficiaries_search_ai AFTER INSERT ON beneficiaries_search BEGIN
  INSERT INTO beneficiaries_fts (rowid, text) VALUES (new.rowid, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER beneficiaries_search_ad AFTER DELETE ON beneficiaries_search BEGIN
  INSERT INTO beneficiaries_fts (beneficiaries_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER beneficiaries_search_au AFTER UPDATE ON beneficiaries_search BEGIN
  INSERT INTO beneficiaries_fts (beneficiaries_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO beneficiaries_fts (rowid, text) VALUES (new.rowid, new.text);
END;
--> statement-breakpoint
CREATE INDEX beneficiaries_name_order ON beneficiaries (clinic_id, family_name COLLATE NOCASE, given_name COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX beneficiaries_name_order_all ON beneficiaries (family_name COLLATE NOCASE, given_name COLLATE NOCASE);
