import { sql } from 'drizzle-orm';
import { pullEntities, type ConflictRecord, type PullEntity, type PulledChange } from '../../common/sync';
import { rowsOf, type Db } from '../store/open';
import { clinicsHash, decodeCursor, encodeCursor } from './cursor';

export interface PullPage {
  changes: PulledChange[];
  conflicts: ConflictRecord[];
  cursor: string;
  has_more: boolean;
}

export class ResyncRequired extends Error {}

/** The rows a user's devices receive: their clinics' rows, and rows for every clinic (session types). */
export function inScope(clinicIds: string[]) {
  return sql`(clinic_ids && ${toArray(clinicIds)}::text[] or clinic_ids = '{}')`;
}

/** A Postgres array literal: drizzle would otherwise expand a JS array into a row of parameters. */
export function toArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Rows with version above the cursor, in version order. Writers are
 * serialised (sync/versions.ts), so every version below the highest one a
 * reader sees is already committed: nothing is skipped.
 */
export async function pullPage(
  db: Db,
  epoch: string,
  clinicIds: string[],
  cursorText: string | undefined,
  limit: number,
): Promise<PullPage> {
  const scope = clinicsHash(clinicIds);
  let after = 0;
  if (cursorText !== undefined) {
    const cursor = decodeCursor(cursorText);
    if (!cursor || cursor.e !== epoch || cursor.c !== scope) throw new ResyncRequired();
    const [top] = rowsOf<{ v: string | null }>(await db.execute(sql`select max(version) as v from rows`));
    if (cursor.v > Number(top?.v ?? 0)) throw new ResyncRequired();
    after = cursor.v;
  }
  const found = rowsOf<{ entity: PullEntity; row_id: string; version: string | number; deleted: boolean; data: Record<string, unknown> }>(
    await db.execute(sql`
      select entity, row_id, version, deleted, data from rows
      where version > ${after} and ${inScope(clinicIds)}
        and entity in (${sql.join(
          pullEntities.map((e) => sql`${e}`),
          sql`, `,
        )})
      order by version
      limit ${limit + 1}`),
  );
  const page = found.slice(0, limit);
  const changes: PulledChange[] = page.map((r) => ({
    entity: r.entity,
    row_id: r.row_id,
    version: Number(r.version),
    deleted: r.deleted,
    data: r.data,
  }));
  const last = changes.at(-1)?.version ?? after;
  return {
    changes,
    conflicts: changes.filter((c) => c.entity === 'conflicts' && !c.deleted && !c.data.resolvedAt).map(toConflictRecord),
    cursor: encodeCursor({ v: last, e: epoch, c: scope }),
    has_more: found.length > limit,
  };
}

function toConflictRecord(c: PulledChange): ConflictRecord {
  const d = c.data;
  return {
    id: c.row_id,
    entity: d.entity as ConflictRecord['entity'],
    row_id: String(d.rowId),
    field: String(d.field),
    kept_value: d.keptValue,
    lost_value: d.lostValue,
    kept_by: (d.keptBy as string | null) ?? null,
    lost_by: (d.lostBy as string | null) ?? null,
    kept_hlc: String(d.keptHlc),
    lost_hlc: String(d.lostHlc),
  };
}
