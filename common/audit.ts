import { z } from 'zod';

export const auditQuery = z.object({
  entity: z.string().max(64).optional(),
  rowId: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.input<typeof auditQuery>;

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entity: string | null;
  rowId: string | null;
  detail: Record<string, unknown> | null;
}
