import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { ServerMessage } from '../../../common/rpc';
import { startTestServer, type TestServer } from '../../../server/testing';
import { connectedDevice, editable, type Device } from './testing';

// 3 clients, 1 server, randomized offline edits, archive/restore and erasure, interleaved with partial syncs.
// Each run takes about four seconds against the real server: OUTPOST_SYNC_RUNS=200 for the full 200 (about 15 minutes).
const numRuns = Number(process.env.OUTPOST_SYNC_RUNS ?? 10);
const seed = Number(process.env.OUTPOST_SYNC_SEED ?? 20261122);

const fields = ['familyName', 'phone', 'address', 'notes'] as const;
type Field = (typeof fields)[number];

type Op =
  | { kind: 'edit'; device: number; row: number; field: Field }
  | { kind: 'archive' | 'restore'; device: number; row: number }
  | { kind: 'erase'; row: number }
  | { kind: 'sync'; device: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.nat(2), row: fc.nat(3), field: fc.constantFrom(...fields) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('archive' as const, 'restore' as const), device: fc.nat(2), row: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), row: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(2) }) },
);

let server: TestServer;
let devices: Device[];

beforeAll(async () => {
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
  // Device 0 is an admin's (only an admin erases), 1 a manager's, 2 a staff member's.
  devices = [
    await connectedDevice(server, server.users.admin),
    await connectedDevice(server, server.users.manager),
    await connectedDevice(server, server.users.staff),
  ];
}, 120_000);
afterAll(async () => {
  for (const d of devices) d.close();
  await server.close();
});

const ok = (m: ServerMessage) => m.type === 'data';

function snapshot(d: Device, ids: string[]) {
  return d.core.store.sqlite
    .prepare(
      `select id, code, given_name, family_name, phone, address, notes, status, deleted_at, server_version
       from beneficiaries where id in (${ids.map(() => '?').join(',')}) order by id`,
    )
    .all(...ids);
}

interface Written {
  row: string;
  field: Field;
  value: unknown;
  device: number;
  step: number;
}

describe('convergence', () => {
  it(
    'after everyone syncs, every device holds the same data, checksums match, and every lost value is a conflict record',
    { timeout: 30 * 60_000 },
    async () => {
      let counter = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 24 }), async (ops) => {
          const run = ++counter;
          // Four fresh beneficiaries every device has.
          const rows: Beneficiary[] = [];
          for (let i = 0; i < 4; i++) rows.push(await devices[i % 3]!.register({ givenName: `Run${run}-${i}` }));
          for (const d of devices) expect((await d.sync()).ok).toBe(true);
          for (const d of devices) expect((await d.sync()).ok).toBe(true);
          const ids = rows.map((r) => r.id);

          const written: Written[] = [];
          const syncs: { device: number; step: number }[] = [];
          for (const [step, o] of ops.entries()) {
            if (o.kind === 'sync') {
              expect((await devices[o.device]!.sync()).ok).toBe(true);
              syncs.push({ device: o.device, step });
              continue;
            }
            const device = o.kind === 'erase' ? 0 : o.device;
            const d = devices[device]!;
            const id = ids[o.row]!;
            const current = await d.client.query('beneficiaries.get', { id });
            if (current.type !== 'data') continue; // erased here already
            const b = current.data as Beneficiary;
            if (o.kind === 'edit') {
              const value = o.field === 'familyName' ? `Fam-${run}-${step}` : `${o.field}-${run}-${step}`;
              if (ok(await d.client.mutate('beneficiaries.update', { ...editable(b), [o.field]: value }))) {
                written.push({ row: id, field: o.field, value, device, step });
              }
            } else if (o.kind === 'erase') {
              if (ok(await d.client.mutate('beneficiaries.erase', { id, reason: 'Property test' }))) {
                // Erasure blanks these fields; one already blank is not changed, so not written.
                for (const field of fields) {
                  const value = field === 'familyName' ? '' : null;
                  if ((b[field] ?? null) !== value) written.push({ row: id, field, value, device, step });
                }
              }
            } else {
              await d.client.mutate('beneficiaries.setStatus', { id, status: o.kind === 'archive' ? 'archived' : 'active' });
            }
          }

          // Everyone syncs until quiet: pushes first, then a round that pulls everything.
          const end = ops.length;
          for (let round = 0; round < 2; round++) {
            for (const [i, d] of devices.entries()) {
              d.core.store.sqlite.prepare('update sync_state set last_verified_at = null').run();
              expect(await d.sync()).toEqual({ ok: true });
              syncs.push({ device: i, step: end + round });
            }
          }

          const reference = snapshot(devices[0]!, ids);
          for (const d of devices.slice(1)) expect(snapshot(d, ids)).toEqual(reference);
          for (const d of devices) {
            expect(d.core.store.sqlite.prepare('select last_verified_at from sync_state').pluck().get()).not.toBeNull();
            expect(d.core.store.sqlite.prepare('select count(*) from outbox where status = ?').pluck().get('pending')).toBe(0);
          }

          // A written value may disappear only if it won, was knowingly overwritten (by a device that had
          // received it), or is kept as the lost side of a conflict.
          const conflicts = devices[0]!.core.store.sqlite
            .prepare(`select row_id, field, lost_value, kept_value from conflicts where row_id in (${ids.map(() => '?').join(',')})`)
            .all(...ids) as { row_id: string; field: string; lost_value: string; kept_value: string }[];
          const finalRows = devices[0]!.core.store.sqlite
            .prepare(`select * from beneficiaries where id in (${ids.map(() => '?').join(',')})`)
            .all(...ids) as Record<string, unknown>[];
          const column = (f: Field) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          const pushedAfter = (device: number, step: number) => syncs.find((s) => s.device === device && s.step > step)?.step;
          const saw = (w: Written, by: number, at: number) => {
            if (by === w.device) return true;
            const pushed = pushedAfter(w.device, w.step);
            return pushed !== undefined && syncs.some((s) => s.device === by && s.step > pushed && s.step < at);
          };
          for (const w of written) {
            const final = finalRows.find((r) => r.id === w.row)![column(w.field)];
            if ((final ?? null) === w.value) continue;
            const lost = conflicts.some((c) => c.row_id === w.row && c.field === w.field && JSON.parse(c.lost_value) === w.value);
            const overwritten = written.some((o) => o.row === w.row && o.field === w.field && o.step > w.step && saw(w, o.device, o.step));
            expect(lost || overwritten, `${w.field}=${JSON.stringify(w.value)} by device ${w.device} at step ${w.step} vanished`).toBe(
              true,
            );
          }
        }),
        { numRuns, seed, endOnFailure: true },
      );
    },
  );
});
