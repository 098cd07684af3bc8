import fs from 'node:fs';
import type { SessionUser } from '../../../common/account';
import type { AuditExportInput } from '../../../common/audit';
import type { ExportStatus } from '../../../common/exports';
import { openEncrypted } from '../../../db/open';
import type { Core } from '../core';
import type { Cell } from '../exports/cells';
import { CsvWriter } from '../exports/csv';
import { launch } from '../exports/service';
import { auditWhere } from './service';

const header = ['seq', 'at', 'user', 'userId', 'device', 'action', 'entity', 'rowId', 'clinicId', 'detail', 'hash'];
// Rows between progress reports and turns given back to other calls (a cancel among them).
const BATCH = 2000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The audit trail as the viewer filters it, oldest first, as CSV: streamed from a read-only connection
 * to the file, with the hash of each entry so a copy can be checked against the chain. Managers get their clinics only.
 */
export function startAuditExport(core: Core, user: SessionUser, filters: AuditExportInput): ExportStatus {
  return launch(core, user, {
    fileName: `audit-${core.now().toISOString().slice(0, 10)}.csv`,
    contentType: 'text/csv; charset=utf-8',
    audit: { action: 'audit.export', entity: 'audit_log', clinicId: null, detail: { filters } },
    async run({ file, signal, progress }) {
      const where = auditWhere(filters, user) ?? { sql: 'where 0', params: [] };
      const from = `from audit_log a left join users u on u.id = a.user_id ${where.sql}`;
      const reader = openEncrypted(core.databaseFile, core.key, { readonly: true });
      const out = fs.createWriteStream(file, { mode: 0o600 });
      try {
        // One snapshot: entries written meanwhile (this export's own among them) are not half in the file.
        reader.exec('begin');
        const total = reader
          .prepare(`select count(*) ${from}`)
          .pluck()
          .get(...where.params) as number;
        progress(0, total);
        const csv = new CsvWriter(out);
        await csv.header(header);
        const rows = reader
          .prepare(
            `select a.seq, a.at, u.name, a.user_id, a.device_id, a.action, a.entity, a.row_id, a.clinic_id, a.detail, a.hash
             ${from} order by a.seq`,
          )
          .raw()
          .iterate(...where.params) as IterableIterator<Cell[]>;
        let done = 0;
        let batch: Cell[][] = [];
        for (const row of rows) {
          batch.push(row);
          if (batch.length < BATCH) continue;
          await csv.rows(batch);
          done += batch.length;
          batch = [];
          progress(done, total);
          await turn();
          signal.throwIfAborted();
        }
        await csv.rows(batch);
        done += batch.length;
        progress(done, total);
        return done;
      } finally {
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        reader.close();
      }
    },
  });
}
