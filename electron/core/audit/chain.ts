import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  id: string;
  at: string;
  userId: string | null;
  deviceId: string;
  action: string;
  entity: string | null;
  rowId: string | null;
  clinicId: string | null;
  detail: string | null; // the JSON text exactly as stored
}

/** The hash of one entry: its content, chained to the entry before it. */
export function auditHash(prevHash: string, entry: AuditContent): string {
  const content = [entry.id, entry.at, entry.userId, entry.deviceId, entry.action, entry.entity, entry.rowId, entry.clinicId, entry.detail];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(content)).digest('hex');
}
