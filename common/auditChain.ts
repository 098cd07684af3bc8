/**
 * The audit trail's hash chain, shared by the device that writes it (electron/core/audit) and the server
 * that checks each device's chain on arrival (server/sync/audit.ts): an entry's hash is the lowercase hex
 * sha256 of `auditHashInput(prevHash, entry)`, and its prevHash is the hash of the entry before it.
 */
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
  /** The JSON text exactly as stored: the hash covers these bytes, not a re-serialisation. */
  detail: string | null;
}

/** The text an entry's hash is taken over: the previous hash, a newline, then the content as a JSON array. */
export function auditHashInput(prevHash: string, entry: AuditContent): string {
  const content = [entry.id, entry.at, entry.userId, entry.deviceId, entry.action, entry.entity, entry.rowId, entry.clinicId, entry.detail];
  return `${prevHash}\n${JSON.stringify(content)}`;
}
