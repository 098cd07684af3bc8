import { sql } from 'drizzle-orm';
import { formatHlc } from '../common/hlc';
import type { PullEntity } from '../common/sync';
import type { Sqlite } from '../db/open';
import { columnsOf } from '../electron/core/sync/tables';
import type { Db } from '../server/store/open';

/** The demo store's synced rows, in the order a device would have pushed them (a session before its attendees). */
export const seededEntities = ['beneficiaries', 'sessions', 'session_attendees'] as const satisfies readonly PullEntity[];

const CHUNK = 5000;

/** A local row (snake_case, driver values) as the wire's camelCase data, the clinic set to the server's. */
function wireRow(entity: PullEntity, row: Record<string, unknown>, clinicId: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(entity).byKey) {
    if (key === 'serverVersion' || !(column.name in row)) continue;
    const value = row[column.name];
    data[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  if ('clinicId' in data) data.clinicId = clinicId;
  return data;
}

/**
 * Copies the demo store's people, sessions and attendees into the server's `rows` table by bulk SQL, as if
 * one device had pushed them: pushing 2.5 million mutations through the API would take longer than the sync
 * being measured. Every field is stamped with one old HLC at version 0 (one constant per entity, the cheap
 * way to fill field_meta), so any later edit wins without a conflict. Returns the rows copied.
 */
export async function seedServerRows(db: Db, store: Sqlite, clinicId: string): Promise<number> {
  const hlc = formatHlc({ wallMs: Date.now() - 24 * 3600_000, counter: 0, deviceId: 'bench-seed' });
  let copied = 0;
  for (const entity of seededEntities) {
    const meta = JSON.stringify(Object.fromEntries([...columnsOf(entity).byKey.keys()].map((key) => [key, { hlc, version: 0, by: null }])));
    const read = store.prepare(`select * from ${entity} order by rowid`);
    let chunk: Record<string, unknown>[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await db.execute(sql`
        insert into rows (entity, row_id, clinic_ids, version, deleted, data, field_meta)
        select ${entity}, r.data->>'id', ${`{${clinicId}}`}::text[], r.version, r.data->>'deletedAt' is not null, r.data, ${meta}::jsonb
        from (select value as data, nextval('row_version') as version from jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) with ordinality e(value, n) order by n) r`);
      copied += chunk.length;
      chunk = [];
    };
    for (const row of read.iterate() as Iterable<Record<string, unknown>>) {
      chunk.push(wireRow(entity, row, clinicId));
      if (chunk.length === CHUNK) await flush();
    }
    await flush();
  }
  return copied;
}
