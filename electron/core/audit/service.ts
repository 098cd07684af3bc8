import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry, auditQuery } from '../../../common/audit';
import type { Core } from '../core';

type Query = z.output<typeof auditQuery>;

const columns = `a.id, a.at, a.user_id as userId, u.name as userName, a.action, a.entity, a.row_id as rowId, a.detail`;

type Filters = Omit<Partial<Query>, 'offset' | 'limit'>;

/** The where clause of the viewer's filters, narrowed for a manager to their clinics; null when they can see nothing. */
export function auditWhere(query: Filters, user?: SessionUser): { sql: string; params: unknown[] } | null {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (query.entity) add('a.entity = ?', query.entity);
  if (query.rowId) add('a.row_id = ?', query.rowId);
  if (query.userId) add('a.user_id = ?', query.userId);
  if (query.action) add("a.action like ? escape '\\'", `${query.action.replace(/[\\%_]/g, '\\$&')}%`);
  if (query.from) add('a.at >= ?', query.from);
  if (query.to) add("a.at < date(?, '+1 day')", query.to);
  if (user && user.role !== 'admin') {
    const clinics = user.clinicIds;
    if (clinics.length === 0) return null;
    const marks = clinics.map(() => '?').join(', ');
    // Records of their clinics; and for entries about no clinic (sign-ins, settings), what their clinics' people did.
    add(
      `(a.clinic_id in (${marks}) or (a.clinic_id is null and a.user_id in (select id from users where exists (select 1 from json_each(users.clinic_ids) where value in (${marks})))))`,
      ...clinics,
      ...clinics,
    );
  }
  return { sql: where.length ? `where ${where.join(' and ')}` : '', params };
}

function search(core: Core, query: Partial<Query>, user?: SessionUser): AuditEntry[] {
  const where = auditWhere(query, user);
  if (!where) return [];
  const rows = core.store.sqlite
    .prepare(`select ${columns} from audit_log a left join users u on u.id = a.user_id ${where.sql} order by a.seq desc limit ? offset ?`)
    .all(...where.params, query.limit ?? 50, query.offset ?? 0) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
  return rows.map((row) => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>) }));
}

/** Entries about one record, for its history; the caller has checked the user may see the record. */
export function recent(core: Core, query: Partial<Query>): AuditEntry[] {
  return search(core, query);
}

/**
 * The audit viewer: admins read the whole trail; managers read what concerns
 * their clinics' records, and their clinics' people's actions that concern no clinic.
 */
export function list(core: Core, user: SessionUser, query: Query): AuditEntry[] {
  return search(core, query, user);
}
