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

/** The viewer's filters, for a CSV of every entry they match. */
export const auditExportInput = auditQuery.omit({ offset: true, limit: true });
export type AuditExportInput = z.input<typeof auditExportInput>;

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
