CREATE TABLE "row_digests" (
	"entity" text NOT NULL,
	"clinic_ids" text[] NOT NULL,
	"count" bigint NOT NULL,
	"hash" bigint NOT NULL,
	CONSTRAINT "row_digests_entity_clinic_ids_pk" PRIMARY KEY("entity","clinic_ids")
);
--> statement-breakpoint
-- A row's share of its entity's checksum: the first 64 bits of md5('row_id:version'), signed (docs/sync-api.md).
CREATE FUNCTION row_digest_hash(row_id text, version bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ('x' || substr(md5(row_id || ':' || version), 1, 16))::bit(64)::bigint $$;
--> statement-breakpoint
-- One rule, kept by every statement that writes rows: row_digests holds, per entity and clinic_ids, the count and
-- the XOR of row_digest_hash over the current rows. Rows leave their bucket as they were and enter it as they are,
-- so a new version or a move to another clinic moves the row's share. Once per statement, from its transition tables.
CREATE FUNCTION rows_digest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO row_digests AS d (entity, clinic_ids, count, hash)
    SELECT entity, clinic_ids, -count(*), bit_xor(row_digest_hash(row_id, version)) FROM old_rows GROUP BY entity, clinic_ids
    ON CONFLICT (entity, clinic_ids) DO UPDATE SET count = d.count + excluded.count, hash = d.hash # excluded.hash;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO row_digests AS d (entity, clinic_ids, count, hash)
    SELECT entity, clinic_ids, count(*), bit_xor(row_digest_hash(row_id, version)) FROM new_rows GROUP BY entity, clinic_ids
    ON CONFLICT (entity, clinic_ids) DO UPDATE SET count = d.count + excluded.count, hash = d.hash # excluded.hash;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rows_digest_insert AFTER INSERT ON rows REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_digest();
--> statement-breakpoint
CREATE TRIGGER rows_digest_update AFTER UPDATE ON rows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_digest();
--> statement-breakpoint
CREATE TRIGGER rows_digest_delete AFTER DELETE ON rows REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rows_digest();
--> statement-breakpoint
CREATE FUNCTION rows_digest_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM row_digests; RETURN NULL; END $$;
--> statement-breakpoint
CREATE TRIGGER rows_digest_truncate AFTER TRUNCATE ON rows FOR EACH STATEMENT EXECUTE FUNCTION rows_digest_truncate();
--> statement-breakpoint
-- The rows already there.
INSERT INTO row_digests (entity, clinic_ids, count, hash)
SELECT entity, clinic_ids, count(*), bit_xor(row_digest_hash(row_id, version)) FROM rows GROUP BY entity, clinic_ids;
