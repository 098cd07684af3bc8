import { hash } from 'node:crypto';
import { auditHashInput, type AuditContent } from '../../../common/auditChain';

export { GENESIS_HASH, type AuditContent } from '../../../common/auditChain';

/** The hash of one entry: its content, chained to the entry before it. One-shot hash(): an import hashes 100,000 entries. */
export function auditHash(prevHash: string, entry: AuditContent): string {
  return hash('sha256', auditHashInput(prevHash, entry), 'hex');
}
