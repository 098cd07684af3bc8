import { pushEntities, type Mutation, type PushResult } from '../../../common/sync';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import type { Core } from '../core';
import { readSetting, writeSetting } from '../settings/store';
import { storeConflict } from './apply';

/**
 * The server wants each device's seqs without gaps (SYNC.md guarantee 2), but the outbox seq has gaps:
 * entries for pull-only tables (clinics, session types) are never sent, and a restored backup keeps its
 * outbox under a new device id. So the wire seq counts on from the last acknowledged one: the pending
 * entries after `outboxSeq`, in order, are `wireSeq + 1, + 2, ...`. Both move together when results
 * come back, in the same transaction that removes the acknowledged entries, so a resend reuses its seq.
 */
interface Acked {
  deviceId: string;
  wireSeq: number;
  outboxSeq: number;
}

const ACKED = 'sync.acked';

function acked(core: Core): Acked {
  const stored = readSetting<Acked>(core.store.db, ACKED);
  return stored && stored.deviceId === core.deviceId ? stored : { deviceId: core.deviceId, wireSeq: 0, outboxSeq: 0 };
}

const pushable = `(${pushEntities.map((e) => `'${e}'`).join(', ')})`;

interface OutboxRow {
  seq: number;
  entity: Mutation['entity'];
  rowId: string;
  op: Mutation['op'];
  fields: string;
  hlc: string;
  baseVersion: number | null;
}

export interface Batch {
  mutations: Mutation[];
  /** Wire seq → outbox seq. */
  outboxSeqOf: Map<number, number>;
}

/** The next pending entries to send, oldest first, numbered for the wire. */
export function nextBatch(core: Core, limit: number): Batch {
  const from = acked(core);
  const rows = statement(
    core.store.sqlite,
    `select seq, entity, row_id as rowId, op, fields, hlc, base_version as baseVersion from outbox
     where status = 'pending' and seq > ? and entity in ${pushable} order by seq limit ?`,
  ).all(from.outboxSeq, limit) as OutboxRow[];
  const outboxSeqOf = new Map<number, number>();
  const mutations = rows.map((row, i): Mutation => {
    const seq = from.wireSeq + i + 1;
    outboxSeqOf.set(seq, row.seq);
    return {
      seq,
      id: row.rowId,
      entity: row.entity,
      row_id: row.rowId,
      op: row.op,
      fields: JSON.parse(row.fields) as Record<string, unknown>,
      hlc: row.hlc,
      base_version: row.baseVersion,
    };
  });
  return { mutations, outboxSeqOf };
}

function versionOf(sqlite: Sqlite, entity: string, rowId: string): number | null | undefined {
  return statement(sqlite, `select server_version from ${entity} where id = ?`).pluck().get(rowId) as number | null | undefined;
}

export interface Acknowledged {
  applied: number;
  rejected: number;
  /** The server refused a seq as out of order: this device's numbering is off, so sending stops. */
  gap: boolean;
}

/**
 * Records the server's answers in one transaction, in seq order: applied entries leave the outbox,
 * refused ones stay as `rejected` with the reason (the local data is kept for the user to fix).
 * Stops at the first seq with no answer, so an unanswered entry is sent again with the same seq.
 */
export function acknowledge(core: Core, batch: Batch, results: PushResult[], at: string): Acknowledged {
  const { sqlite } = core.store;
  const bySeq = new Map(results.map((r) => [r.seq, r]));
  const done: Acknowledged = { applied: 0, rejected: 0, gap: false };
  sqlite
    .transaction(() => {
      const position = acked(core);
      for (const mutation of batch.mutations) {
        const result = bySeq.get(mutation.seq);
        if (!result) break;
        if (result.status === 'rejected' && result.reason?.code === 'SEQ_GAP') {
          done.gap = true;
          break;
        }
        const outboxSeq = batch.outboxSeqOf.get(mutation.seq)!;
        if (result.status === 'applied') {
          statement(sqlite, 'delete from outbox where seq = ?').run(outboxSeq);
          // If a pull already brought a version with this edit in it, the patch was laid over the server's merge
          // and may hide a field another device won: forget the version so the checksum sends for the row again.
          const local = versionOf(sqlite, mutation.entity, mutation.row_id);
          if (local != null && result.version != null && local >= result.version) {
            statement(sqlite, `update ${mutation.entity} set server_version = null where id = ?`).run(mutation.row_id);
          }
          for (const conflict of result.conflicts ?? []) storeConflict(sqlite, conflict, at);
          done.applied++;
        } else {
          statement(sqlite, "update outbox set status = 'rejected', reason = ? where seq = ?").run(
            JSON.stringify(result.reason ?? { code: 'VALIDATION', message: '' }),
            outboxSeq,
          );
          done.rejected++;
        }
        position.wireSeq = mutation.seq;
        position.outboxSeq = outboxSeq;
      }
      writeSetting(core.store.db, ACKED, position, at, null);
    })
    .immediate();
  return done;
}

/** Pending entries the engine will send (pull-only tables excluded). */
export function pendingCount(sqlite: Sqlite): number {
  return statement(sqlite, `select count(*) from outbox where status = 'pending' and entity in ${pushable}`).pluck().get() as number;
}
