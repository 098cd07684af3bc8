import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ChangeTopic } from '../../../common/changes';
import type { ConflictRecord, PulledChange, PullEntity, PullResponse } from '../../../common/sync';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { indexBeneficiary, unindexBeneficiary, type IndexedFields } from '../beneficiaries/search-index';
import type { Core } from '../core';
import { withoutSummaryTriggers } from '../reports/summaries';
import { columnsOf, toDriver } from './tables';

/** A pull that would tombstone most of a table: the engine stops and an admin decides (SYNC.md fail-safe 8). */
export class MassDeleteError extends Error {
  constructor(
    readonly entity: PullEntity,
    readonly deleting: number,
    readonly live: number,
  ) {
    super(`The server would delete ${deleting} of ${live} ${entity} on this computer.`);
    this.name = 'MassDeleteError';
  }
}

export interface ApplyOptions {
  /** Apply only these entities (a re-pull after a checksum mismatch); the rest of the page is skipped. */
  only?: ReadonlySet<PullEntity>;
  /** Store the page's cursor as this device's position; false for a re-pull, which has its own. */
  storeCursor: boolean;
  /** An admin confirmed that this pull may delete many rows. */
  allowMassDelete?: boolean;
  /**
   * A bulk load (a pull from the start): sessions and attendees are written without the report summary triggers,
   * and the caller rebuilds the summaries once the pull ends (reports/summaries.ts).
   */
  bulk?: boolean;
}

const MASS_DELETE_MIN = 100;

const isDeletion = (change: PulledChange) => change.deleted || change.data.deletedAt != null;

function refuseMassDelete(sqlite: Sqlite, changes: PulledChange[]): void {
  const byEntity = new Map<PullEntity, string[]>();
  for (const change of changes) {
    if (!isDeletion(change)) continue;
    const ids = byEntity.get(change.entity) ?? [];
    ids.push(change.row_id);
    byEntity.set(change.entity, ids);
  }
  for (const [entity, ids] of byEntity) {
    if (ids.length <= MASS_DELETE_MIN) continue;
    const isLive = statement(sqlite, `select 1 from ${entity} where id = ? and deleted_at is null`).pluck();
    const deleting = ids.filter((id) => isLive.get(id) !== undefined).length;
    const live = statement(sqlite, `select count(*) from ${entity} where deleted_at is null`).pluck().get() as number;
    if (deleting > MASS_DELETE_MIN && deleting > live / 2) throw new MassDeleteError(entity, deleting, live);
  }
}

/**
 * How an entity's pulled rows become a statement: each of the data's keys, in order, with its column (none for a key
 * the device does not store) and its place among the values; the statements' texts. The server sends an entity's
 * rows with the same keys in the same order, so a page computes this once per entity rather than once per row.
 */
interface RowShape {
  keys: string[];
  columns: (SQLiteColumn | undefined)[];
  slots: number[];
  /** The columns written, server_version aside; `deleted_at` added when a tombstone's data has no deletedAt. */
  names: string[];
  deletedAt: number;
  /** The stored server version and `names` of one row. */
  current: string;
  /** `names` then server_version, written over the stored row unless that is newer. */
  upsert: string;
}

const shapes = new Map<string, RowShape>();

function shapeOf(entity: PullEntity, data: Record<string, unknown>, deleted: boolean): RowShape {
  const cacheKey = deleted ? `${entity}:deleted` : entity;
  const last = shapes.get(cacheKey);
  if (last && sameKeys(last.keys, data)) return last;
  const { byKey } = columnsOf(entity);
  const keys = Object.keys(data);
  const columns = keys.map((key) => (key === 'id' || key === 'serverVersion' ? undefined : byKey.get(key)));
  const names = columns.flatMap((column) => (column ? [column.name] : []));
  if (deleted && !names.includes('deleted_at')) names.push('deleted_at');
  const slots = columns.map((column) => (column ? names.indexOf(column.name) : -1));
  const written = [...names, 'server_version'];
  const shape: RowShape = {
    keys,
    columns,
    slots,
    names,
    deletedAt: names.indexOf('deleted_at'),
    current: `select server_version, ${names.join(', ')} from ${entity} where id = ?`,
    upsert: `insert into ${entity} (id, ${written.join(', ')}) values (?, ${written.map(() => '?').join(', ')})
     on conflict (id) do update set ${written.map((n) => `${n} = excluded.${n}`).join(', ')}
     where coalesce(${entity}.server_version, 0) <= excluded.server_version`,
  };
  shapes.set(cacheKey, shape);
  return shape;
}

function sameKeys(keys: string[], data: Record<string, unknown>): boolean {
  let i = 0;
  for (const key in data) if (keys[i++] !== key) return false;
  return i === keys.length;
}

/**
 * Writes the server's row over ours, unless ours is already newer: `row` when it wrote the row, `version` when the
 * row already held every pulled value and only its server version moved (a device's own pushes coming back), or
 * nothing. Outside a bulk load the row is read first for that check: rewriting every column touches every index.
 */
function upsertRow(sqlite: Sqlite, change: PulledChange, serverTime: string, bulk: boolean): 'row' | 'version' | null {
  const shape = shapeOf(change.entity, change.data, change.deleted);
  const values: unknown[] = new Array(shape.names.length).fill(null);
  for (let i = 0; i < shape.keys.length; i++) {
    const column = shape.columns[i];
    if (column) values[shape.slots[i]!] = toDriver(column, change.data[shape.keys[i]!]);
  }
  if (change.deleted && values[shape.deletedAt] == null) values[shape.deletedAt] = change.data.updatedAt ?? serverTime;
  if (!bulk) {
    const stored = statement(sqlite, shape.current).raw().get(change.row_id) as unknown[] | undefined;
    if (stored && values.every((value, i) => stored[i + 1] === value)) {
      if (stored[0] != null && (stored[0] as number) >= change.version) return null;
      statement(sqlite, `update ${change.entity} set server_version = ? where id = ?`).run(change.version, change.row_id);
      return 'version';
    }
  }
  return statement(sqlite, shape.upsert).run(change.row_id, ...values, change.version).changes > 0 ? 'row' : null;
}

const rowKey = (entity: string, rowId: string) => `${entity}\u0000${rowId}`;

/** This device's outbox entries (pending and refused) for the page's rows, by row, in seq order: one query a page, none when the outbox is empty. */
function pendingPatches(sqlite: Sqlite, changes: PulledChange[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (changes.length === 0 || statement(sqlite, 'select exists (select 1 from outbox)').pluck().get() === 0) return found;
  const keys = JSON.stringify(changes.map((c) => [c.entity, c.row_id]));
  const rows = statement(
    sqlite,
    `select entity, row_id as rowId, fields from outbox
     where (entity, row_id) in (select value ->> 0, value ->> 1 from json_each(?)) order by seq`,
  ).all(keys) as { entity: string; rowId: string; fields: string }[];
  for (const row of rows) {
    const key = rowKey(row.entity, row.rowId);
    const patches = found.get(key);
    if (patches) patches.push(row.fields);
    else found.set(key, [row.fields]);
  }
  return found;
}

/**
 * This device's own edits not yet acknowledged (and those refused, which the user still has to fix),
 * laid over the pulled row again so they stay visible until the server has them.
 */
function reapplyOutbox(sqlite: Sqlite, entity: PullEntity, rowId: string, patches: string[]): void {
  const { byKey } = columnsOf(entity);
  const values: Record<string, unknown> = {};
  for (const patch of patches) {
    for (const [key, value] of Object.entries(JSON.parse(patch) as Record<string, unknown>)) {
      const column = byKey.get(key);
      if (column && key !== 'id' && key !== 'serverVersion') values[column.name] = toDriver(column, value);
    }
  }
  const names = Object.keys(values).sort();
  if (names.length === 0) return;
  statement(sqlite, `update ${entity} set ${names.map((n) => `${n} = ?`).join(', ')} where id = ?`).run(
    ...names.map((n) => values[n]),
    rowId,
  );
}

function reindexBeneficiary(sqlite: Sqlite, id: string): void {
  const row = statement(
    sqlite,
    `select id, given_name as givenName, family_name as familyName, other_names as otherNames, code, national_id as nationalId,
       phone, birth_date as birthDate, deleted_at as deletedAt, merged_into as mergedInto from beneficiaries where id = ?`,
  ).get(id) as (IndexedFields & { deletedAt: string | null; mergedInto: string | null }) | undefined;
  if (!row || row.deletedAt || row.mergedInto) unindexBeneficiary(sqlite, id);
  else indexBeneficiary(sqlite, row);
}

/** A conflict the server reports alongside a page; a manager's resolution of it, if any, is kept. */
export function storeConflict(sqlite: Sqlite, conflict: ConflictRecord, at: string): void {
  statement(
    sqlite,
    `insert into conflicts (id, created_at, updated_at, entity, row_id, field, kept_value, lost_value, kept_by, lost_by, kept_hlc, lost_hlc)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
  ).run(
    conflict.id,
    at,
    at,
    conflict.entity,
    conflict.row_id,
    conflict.field,
    JSON.stringify(conflict.kept_value ?? null),
    JSON.stringify(conflict.lost_value ?? null),
    conflict.kept_by,
    conflict.lost_by,
    conflict.kept_hlc,
    conflict.lost_hlc,
  );
}

export interface ApplyResult {
  applied: number;
  topics: Set<ChangeTopic>;
}

/**
 * Applies one pulled page in ONE transaction: the server's rows, this device's pending patches over them,
 * the conflicts, and the new cursor. Pulled rows are not local mutations: no outbox entry, no audit entry.
 */
export function applyPage(core: Core, page: PullResponse, options: ApplyOptions): ApplyResult {
  const { sqlite } = core.store;
  const changes = options.only ? page.changes.filter((c) => options.only!.has(c.entity)) : page.changes;
  const topics = new Set<ChangeTopic>();
  let applied = 0;
  sqlite
    .transaction(() => {
      if (!options.allowMassDelete) refuseMassDelete(sqlite, changes);
      const pending = pendingPatches(sqlite, changes);
      const write = () => {
        for (const change of changes) {
          const wrote = upsertRow(sqlite, change, page.server_time, options.bulk ?? false);
          if (!wrote) continue;
          const patches = pending.get(rowKey(change.entity, change.row_id));
          if (patches) reapplyOutbox(sqlite, change.entity, change.row_id, patches);
          if (change.entity === 'beneficiaries' && wrote === 'row') reindexBeneficiary(sqlite, change.row_id);
          topics.add(change.entity);
          applied++;
        }
      };
      if (options.bulk && changes.some((c) => c.entity === 'sessions' || c.entity === 'session_attendees'))
        withoutSummaryTriggers(sqlite, write);
      else write();
      for (const conflict of page.conflicts) storeConflict(sqlite, conflict, page.server_time);
      if (page.conflicts.length > 0) topics.add('conflicts');
      if (options.storeCursor) statement(sqlite, 'update sync_state set cursor = ? where id = 1').run(page.cursor);
    })
    .immediate();
  core.notify(topics);
  return { applied, topics };
}
