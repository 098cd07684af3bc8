import { z } from 'zod';

/**
 * The sync protocol v1 (../shared/SYNC.md): the wire shapes both the client
 * (electron/core/sync) and the reference server (server/) validate with.
 * Row data travels as the local store's camelCase column keys.
 */

export interface SyncStatus {
  /** Pending outbox entries per entity. */
  pending: Record<string, number>;
  /** Audit entries the server has not acknowledged yet (pushed after the changes, never pulled). */
  pendingAudit: number;
  rejected: number;
  lastSyncedAt: string | null;
  serverUrl: string | null;
  /** When the checksums last matched the server's after catching up; null since any later change. */
  lastVerifiedAt: string | null;
  /** Open (unresolved) conflicts. */
  conflicts: number;
  activity: SyncActivity;
  reportsIncomplete: ReportsIncomplete;
}

/**
 * Why report figures may fall short of the organisation's records, for a notice beside them (on screen and on paper):
 * `firstSync`, this computer has not finished its first sync; `preparing`, the report summaries are being rebuilt
 * from rows a sync wrote in bulk.
 */
export type ReportsIncomplete = 'firstSync' | 'preparing' | null;

/** What the sync engine is doing now, for the progress shown while a sync runs. */
export interface SyncActivity {
  /** `preparing`: after a first sync, the lists' indexes and the report summaries are built from the rows. */
  phase: 'idle' | 'pushing' | 'pulling' | 'preparing' | 'verifying' | 'waiting' | 'stopped';
  /** Mutations sent and rows received in the current (or last) run. */
  pushed: number;
  pulled: number;
  /** Rows the server held for this computer when a pull from the start began (its checksums' counts); null otherwise. */
  pullTotal: number | null;
  /** Why the last run stopped or is waiting; codes: the server's, NETWORK, BAD_ANSWER, SIGN_IN_NEEDED, MASS_DELETE, SEQ_GAP. */
  error: { code: string; message: string } | null;
  /** After a transient failure: when the next attempt runs. */
  nextAttemptAt: string | null;
  /** A pull stopped because it would delete most of a table: waits for an admin. */
  massDelete: { entity: string; deleting: number; live: number } | null;
}

/** The phases of a sync under way (the others: none runs). */
export const syncRunning = (phase: SyncActivity['phase']) =>
  phase === 'pushing' || phase === 'pulling' || phase === 'preparing' || phase === 'verifying';

/** Synced both ways. (The audit trail goes one way, by its own endpoint: `auditPushRequest`.) */
export const pushEntities = ['beneficiaries', 'sessions', 'session_attendees', 'conflicts'] as const;
/** What a device receives. */
export const pullEntities = ['beneficiaries', 'sessions', 'session_attendees', 'conflicts', 'clinics', 'users', 'session_types'] as const;
export const syncEntities = [...new Set([...pushEntities, ...pullEntities])] as unknown as readonly [
  'beneficiaries',
  'sessions',
  'session_attendees',
  'conflicts',
  'clinics',
  'users',
  'session_types',
];
export type PushEntity = (typeof pushEntities)[number];
export type PullEntity = (typeof pullEntities)[number];

const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
/** `formatHlc` in common/hlc.ts: 15-digit wall ms, base-36 counter, device id. */
export const hlcString = z.string().regex(/^\d{15}:[0-9a-z]{5}:[A-Za-z0-9-]{1,64}$/);
const fields = z.record(z.string().max(64), z.unknown());

export const loginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  device_id: id,
  device_name: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const serverUser = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'manager', 'staff']),
  clinic_ids: z.array(id),
});
export type ServerUser = z.infer<typeof serverUser>;

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
export const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The server's number for a device as its code in beneficiary codes (KIS-7F3-0042): three characters, more past 32,767. */
export function deviceCodeOf(number: number): string {
  let code = '';
  for (let n = number; n > 0; n = Math.floor(n / 32)) code = crockford[n % 32] + code;
  return code.padStart(3, '0');
}

export const tokenPair = z.object({
  access_token: z.string().min(1),
  /** Seconds until the access token expires (15 minutes). */
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  /**
   * This device's code for the beneficiary codes it makes, distinct among the organisation's devices. Optional:
   * a server that gives none leaves the device its own random code.
   */
  device_code: z
    .string()
    .regex(new RegExp(`^[${crockford}]{3,8}$`))
    .optional(),
});
export type TokenPair = z.infer<typeof tokenPair>;

/** A clinic the signed-in user belongs to on the server: a standalone installation's clinics are matched to these. */
export const serverClinic = z.object({ id, code: z.string(), name: z.string() });
export type ServerClinic = z.infer<typeof serverClinic>;

/** A session type by name: a standalone installation's own types with the same name become these. */
export const serverSessionType = z.object({ id, name: z.string() });

/**
 * `clinics`: the user's clinics, and `session_types`: every clinic's; optional, since a server may not send them
 * (then a standalone installation cannot match its own to them).
 */
export const loginResponse = tokenPair.extend({
  user: serverUser,
  clinics: z.array(serverClinic).optional(),
  session_types: z.array(serverSessionType).optional(),
  server_time: isoTime,
});
export type LoginResponse = z.infer<typeof loginResponse>;

/**
 * Connecting a standalone installation when some of its clinics match none of the server's by code: the
 * CONFLICT error's details, so the admin can choose which server clinic each becomes.
 */
export interface ClinicChoice {
  local: ServerClinic[];
  server: ServerClinic[];
}

export const refreshRequest = z.object({
  refresh_token: z.string().min(1).max(512),
  /**
   * A device restored from a backup takes a new id (its mutation numbers start afresh): its sign-in moves to
   * that id, which the server registers as it does at sign-in. Absent, the tokens stay with their device.
   */
  device_id: id.optional(),
});
export const refreshResponse = tokenPair.extend({ server_time: isoTime });

export const mutation = z.object({
  seq: z.number().int().positive(),
  /** The row's id, repeated so a mutation is self-describing in logs and results. */
  id,
  entity: z.enum(pushEntities),
  row_id: id,
  op: z.enum(['upsert', 'delete']),
  fields,
  hlc: hlcString,
  /** The server version this device last saw of the row; null for a row it created. */
  base_version: z.number().int().nonnegative().nullable(),
});
export type Mutation = z.infer<typeof mutation>;

export const maxPushBatch = 500;
export const pushRequest = z.object({ device_id: id, mutations: z.array(mutation).min(1).max(maxPushBatch) });
export type PushRequest = z.infer<typeof pushRequest>;

/** A losing value, kept so a manager can restore it (SYNC.md guarantee 4). */
export const conflictRecord = z.object({
  id,
  entity: z.enum(pushEntities),
  row_id: id,
  field: z.string(),
  kept_value: z.unknown(),
  lost_value: z.unknown(),
  kept_by: z.string().nullable(),
  lost_by: z.string().nullable(),
  kept_hlc: hlcString,
  lost_hlc: hlcString,
});
export type ConflictRecord = z.infer<typeof conflictRecord>;

export const rejectionReasons = ['VALIDATION', 'FORBIDDEN', 'UNKNOWN_ROW', 'CLOCK_SKEW', 'SEQ_GAP'] as const;

export const pushResult = z.object({
  seq: z.number().int().positive(),
  status: z.enum(['applied', 'rejected']),
  /** The row's server version after this mutation (applied), or null. */
  version: z.number().int().nonnegative().nullable(),
  reason: z.object({ code: z.enum(rejectionReasons), message: z.string() }).optional(),
  conflicts: z.array(conflictRecord).optional(),
});
export type PushResult = z.infer<typeof pushResult>;

export const pushResponse = z.object({ results: z.array(pushResult), server_time: isoTime });
export type PushResponse = z.infer<typeof pushResponse>;

/**
 * One entry of a device's audit trail, as the device stored and hashed it (common/auditChain.ts): `detail` is the
 * JSON text itself, so the server can recompute the hash; `seq` is the entry's place in the device's trail.
 */
const hash = z.string().regex(/^[0-9a-f]{64}$/);
export const auditEntry = z.object({
  id,
  seq: z.number().int().positive(),
  at: z.string().max(100),
  // Lenient beyond the hash's format: an entry the server refused would hold back every later one.
  user_id: z.string().max(200).nullable(),
  device_id: z.string().max(200),
  action: z.string().max(200),
  entity: z.string().max(200).nullable(),
  row_id: z.string().max(200).nullable(),
  clinic_id: z.string().max(200).nullable(),
  detail: z.string().max(1_000_000).nullable(),
  prev_hash: hash,
  hash,
});
export type AuditEntryWire = z.infer<typeof auditEntry>;

export const maxAuditBatch = 500;
export const auditPushRequest = z.object({ device_id: id, entries: z.array(auditEntry).min(1).max(maxAuditBatch) });
export type AuditPushRequest = z.infer<typeof auditPushRequest>;

/** Every entry sent is in one of the lists: `stored` now, or `duplicates` (stored by an earlier push, kept as first sent). */
export const auditPushResponse = z.object({ stored: z.array(id), duplicates: z.array(id), server_time: isoTime });
export type AuditPushResponse = z.infer<typeof auditPushResponse>;

export const maxPullLimit = 1000;
export const pullQuery = z.object({
  /** Opaque; absent on a first pull. */
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(maxPullLimit).default(maxPullLimit),
});
export type PullQuery = z.infer<typeof pullQuery>;

/**
 * A pulled row's values: checked as an object, not key by key. The device writes only the keys its columns know
 * (electron/core/sync/tables.ts) and ignores the rest; checking each key's length cost about 2 s of a first sync's
 * 170,000 rows.
 */
const rowData = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'Expected an object.');

export const pulledChange = z.object({
  entity: z.enum(pullEntities),
  row_id: id,
  version: z.number().int().positive(),
  deleted: z.boolean(),
  data: rowData,
});
export type PulledChange = z.infer<typeof pulledChange>;

export const pullResponse = z.object({
  changes: z.array(pulledChange),
  conflicts: z.array(conflictRecord),
  cursor: z.string(),
  has_more: z.boolean(),
  server_time: isoTime,
});
export type PullResponse = z.infer<typeof pullResponse>;

export const checksumQuery = z.object({ entity: z.enum(pullEntities) });
/**
 * One entity as the caller's devices hold it (docs/sync-api.md): every row in
 * the caller's clinics, tombstones included. `count` = their number; `digest`
 * = the XOR over them of the first 8 bytes of md5("row_id:version") as a 64-bit
 * integer, 16 lowercase hex digits (order-independent, so both sides keep it as
 * rows change). No rows: count 0, sixteen zeros.
 */
export const checksumResponse = z.object({ count: z.number().int().nonnegative(), digest: z.string() });
export type ChecksumResponse = z.infer<typeof checksumResponse>;

export const healthResponse = z.object({ status: z.literal('ok'), version: z.string(), min_client_version: z.string() });

/** Error answers: `{ error: { code, message } }` with these codes. */
export const syncErrorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION',
  'RATE_LIMITED',
  'RESYNC_REQUIRED',
  'TOO_LARGE',
  'INTERNAL',
] as const;
export const errorResponse = z.object({ error: z.object({ code: z.enum(syncErrorCodes), message: z.string() }) });

/** A local change the server refused: shown in the Sync view until fixed and resubmitted. */
/** The record a rejected change or a conflict is about, as a reader recognises it. */
export interface SyncRecord {
  /** A beneficiary's name and code (an attendee's too); a session's type. */
  label: string;
  /** When the session starts, for a session or an attendee; null otherwise. */
  when: string | null;
  /** The session to open, for a session or an attendee. */
  sessionId: string | null;
}

export interface RejectedChange extends SyncRecord {
  seq: number;
  entity: string;
  rowId: string;
  op: 'upsert' | 'delete';
  /** The fields the change carried. */
  fields: string[];
  reason: { code: string; message: string };
  at: string;
}

/** A value that lost a concurrent edit, side by side with the one that won. */
export interface OpenConflict extends SyncRecord {
  id: string;
  entity: string;
  rowId: string;
  field: string;
  keptValue: unknown;
  lostValue: unknown;
  /** Names of the users, where this device knows them. */
  keptBy: string | null;
  lostBy: string | null;
  keptAt: string;
  lostAt: string;
}
