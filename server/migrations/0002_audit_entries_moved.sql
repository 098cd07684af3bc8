-- Entries pushed as `audit_log` mutations before the audit endpoint existed move to audit_log as they were;
-- they came without a checkable chain, hence `unchecked`. Nothing is lost: the old table goes only after the copy.
INSERT INTO "audit_log" ("id", "pushed_by_device", "pushed_by_user", "seq", "at", "user_id", "device_id", "action", "entity", "row_id",
  "clinic_id", "detail", "prev_hash", "hash", "chain_break", "received_at")
SELECT "id", "device_id", "user_id", coalesce(("data"->>'seq')::bigint, 0), coalesce("data"->>'at', ''), "data"->>'userId',
  coalesce("data"->>'deviceId', "device_id"), coalesce("data"->>'action', ''), "data"->>'entity', "data"->>'rowId', "clinic_id",
  nullif(("data"->'detail')::text, 'null'), coalesce("data"->>'prevHash', ''), coalesce("data"->>'hash', ''), 'unchecked', "received_at"
FROM "audit_entries"
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
DROP TABLE "audit_entries" CASCADE;
