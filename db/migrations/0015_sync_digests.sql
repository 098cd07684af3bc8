-- This device's checksum of each synced table, kept as rows change (db/schema/sync.ts).
CREATE TABLE `sync_digests` (
	`entity` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`hash` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- Every trigger keeps one rule: a table's entry in sync_digests is the count of its rows with a server_version and the
-- XOR of sync_row_hash(id, server_version) over them (SQLite has no XOR operator: (a | b) & ~(a & b)). A row leaves
-- the digest as it was and enters it as it is. sync_row_hash is registered on every connection (db/open.ts).
CREATE TRIGGER sync_digest_beneficiaries_insert AFTER INSERT ON beneficiaries WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('beneficiaries', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_beneficiaries_update AFTER UPDATE OF id, server_version ON beneficiaries
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'beneficiaries', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'beneficiaries', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_beneficiaries_delete AFTER DELETE ON beneficiaries WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('beneficiaries', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_sessions_insert AFTER INSERT ON sessions WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('sessions', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_sessions_update AFTER UPDATE OF id, server_version ON sessions
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'sessions', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'sessions', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_sessions_delete AFTER DELETE ON sessions WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('sessions', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_attendees_insert AFTER INSERT ON session_attendees WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('session_attendees', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_attendees_update AFTER UPDATE OF id, server_version ON session_attendees
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'session_attendees', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'session_attendees', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_attendees_delete AFTER DELETE ON session_attendees WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('session_attendees', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_conflicts_insert AFTER INSERT ON conflicts WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('conflicts', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_conflicts_update AFTER UPDATE OF id, server_version ON conflicts
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'conflicts', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'conflicts', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_conflicts_delete AFTER DELETE ON conflicts WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('conflicts', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_clinics_insert AFTER INSERT ON clinics WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('clinics', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_clinics_update AFTER UPDATE OF id, server_version ON clinics
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'clinics', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'clinics', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_clinics_delete AFTER DELETE ON clinics WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('clinics', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_users_insert AFTER INSERT ON users WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('users', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_users_update AFTER UPDATE OF id, server_version ON users
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'users', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'users', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_users_delete AFTER DELETE ON users WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('users', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_types_insert AFTER INSERT ON session_types WHEN NEW.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('session_types', 1, sync_row_hash(NEW.id, NEW.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_types_update AFTER UPDATE OF id, server_version ON session_types
WHEN OLD.server_version IS NOT NEW.server_version OR (OLD.id IS NOT NEW.id AND NEW.server_version IS NOT NULL)
BEGIN
  INSERT INTO sync_digests (entity, count, hash) SELECT 'session_types', -1, sync_row_hash(OLD.id, OLD.server_version) WHERE OLD.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
  INSERT INTO sync_digests (entity, count, hash) SELECT 'session_types', 1, sync_row_hash(NEW.id, NEW.server_version) WHERE NEW.server_version IS NOT NULL
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
CREATE TRIGGER sync_digest_session_types_delete AFTER DELETE ON session_types WHEN OLD.server_version IS NOT NULL
BEGIN
  INSERT INTO sync_digests (entity, count, hash) VALUES ('session_types', -1, sync_row_hash(OLD.id, OLD.server_version))
  ON CONFLICT (`entity`) DO UPDATE SET count = count + excluded.count, hash = (hash | excluded.hash) & ~(hash & excluded.hash);
END;
--> statement-breakpoint
-- The rows already there.
INSERT INTO sync_digests (entity, count, hash)
SELECT 'beneficiaries', count(*), sync_xor(sync_row_hash(id, server_version)) FROM beneficiaries WHERE server_version IS NOT NULL
UNION ALL SELECT 'sessions', count(*), sync_xor(sync_row_hash(id, server_version)) FROM sessions WHERE server_version IS NOT NULL
UNION ALL SELECT 'session_attendees', count(*), sync_xor(sync_row_hash(id, server_version)) FROM session_attendees WHERE server_version IS NOT NULL
UNION ALL SELECT 'conflicts', count(*), sync_xor(sync_row_hash(id, server_version)) FROM conflicts WHERE server_version IS NOT NULL
UNION ALL SELECT 'clinics', count(*), sync_xor(sync_row_hash(id, server_version)) FROM clinics WHERE server_version IS NOT NULL
UNION ALL SELECT 'users', count(*), sync_xor(sync_row_hash(id, server_version)) FROM users WHERE server_version IS NOT NULL
UNION ALL SELECT 'session_types', count(*), sync_xor(sync_row_hash(id, server_version)) FROM session_types WHERE server_version IS NOT NULL;
