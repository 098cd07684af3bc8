import { createHash } from 'node:crypto';
import { auditHashInput, type AuditContent } from '../../../common/auditChain';

export { GENESIS_HASH, type AuditContent } from '../../../common/auditChain';

/** The hash of one entry: its content, chained to the entry before it. */
export function auditHash(prevHash: string, entry: AuditContent): string {
  return createHash('sha256').update(auditHashInput(prevHash, entry)).digest('hex');
}
