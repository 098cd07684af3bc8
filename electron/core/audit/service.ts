import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEntry, auditQuery } from '../../../common/audit';
import { auditLog, users } from '../../../db/schema';
import type { Core } from '../core';

export function recent(core: Core, query: z.output<typeof auditQuery>): AuditEntry[] {
  const where: SQL[] = [];
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.rowId) where.push(eq(auditLog.rowId, query.rowId));
  return core.store.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userName: users.name,
      action: auditLog.action,
      entity: auditLog.entity,
      rowId: auditLog.rowId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(query.limit)
    .all();
}
