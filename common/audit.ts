import { z } from 'zod';

export const auditQuery = z.object({
  entity: z.string().max(64).optional(),
  rowId: z.string().max(64).optional(),
  userId: z.uuid().optional(),
  /** An action or its prefix: `beneficiaries.` matches every beneficiary action. */
  action: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  offset: z.number().int().min(0).default(0),
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
