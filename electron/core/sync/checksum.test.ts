import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clinic } from '../../../common/clinics';
import { pullEntities, type PulledChange } from '../../../common/sync';
import { syncRowHash } from '../../../db/sync-digest';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { applyPage } from './apply';
import { checksumFromRows, localChecksum } from './checksum';

let core: Core;
let clinic: Clinic;
beforeAll(async () => {
  core = await openTestCore();
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
});
afterAll(() => core.close());

const at = '2026-11-22T10:00:00.000Z';
const ids = Array.from({ length: 6 }, () => uuidv7());
let codes = 0;

function pulled(row: number, version: number, deleted: boolean): PulledChange {
  const id = ids[row]!;
  const data = {
    id,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
    deletedAt: deleted ? at : null,
    clinicId: clinic.id,
    code: `KIS-SRV-${++codes}`,
    givenName: 'Remote',
    familyName: `Person ${version}`,
    sex: 'female',
    status: 'active',
    tags: [],
  };
  return { entity: 'beneficiaries', row_id: id, version, deleted, data };
}

type Op =
  | { kind: 'pull'; changes: { row: number; version: number; deleted: boolean }[]; bulk: boolean }
  | { kind: 'forget' | 'remove' | 'rekey'; row: number };

const row = fc.nat(ids.length - 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      changes: fc.array(fc.record({ row, version: fc.integer({ min: 1, max: 2 ** 40 }), deleted: fc.boolean() }), {
        minLength: 1,
        maxLength: 4,
      }),
      bulk: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constantFrom('forget' as const, 'remove' as const, 'rekey' as const), row }),
);

function run(o: Op): void {
  const { sqlite } = core.store;
  if (o.kind === 'pull') {
    const changes = o.changes.map((c) => pulled(c.row, c.version, c.deleted));
    applyPage(core, { changes, conflicts: [], cursor: 'c', has_more: false, server_time: at }, { storeCursor: false, bulk: o.bulk });
  } else if (o.kind === 'forget') {
    // What acknowledging a push does when a pull already brought a version with the edit in it.
    sqlite.prepare('update beneficiaries set server_version = null where id = ?').run(ids[o.row]);
  } else if (o.kind === 'remove') {
    sqlite.prepare('delete from beneficiaries where id = ?').run(ids[o.row]);
  } else {
    sqlite.prepare('update beneficiaries set id = ? where id = ?').run(uuidv7(), ids[o.row]);
  }
}

/** docs/sync-api.md, computed here in JavaScript from the rows' ids and versions. */
function digestOfRows(entity: string): { count: number; digest: string } {
  const rows = core.store.sqlite.prepare(`select id, server_version as v from ${entity} where server_version is not null`).all() as {
    id: string;
    v: number;
  }[];
  const hash = rows.reduce((x, r) => x ^ syncRowHash(r.id, r.v), 0n);
  return { count: rows.length, digest: BigInt.asUintN(64, hash).toString(16).padStart(16, '0') };
}

describe('the kept checksum', () => {
  it('equals the one computed from the rows after any pulls, forgotten versions, removals and changed ids', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        for (const o of ops) run(o);
        for (const entity of pullEntities) {
          expect(localChecksum(core.store.sqlite, entity)).toEqual(checksumFromRows(core.store.sqlite, entity));
          expect(localChecksum(core.store.sqlite, entity)).toEqual(digestOfRows(entity));
        }
      }),
      { numRuns: 60, seed: 5 },
    );
    expect(localChecksum(core.store.sqlite, 'beneficiaries').count).toBeGreaterThan(0);
  });
});
