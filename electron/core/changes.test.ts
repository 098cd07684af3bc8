import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit/verify';
import { fieldDiff } from './changes';
import type { Core } from './core';
import { openTestCore } from './testing';

let core: Core;
beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2026-11-22T09:00:00.000Z') });
});
afterEach(() => core.close());

const actor = { userId: null };
const change = (rowId: string) => ({
  action: 'test.write',
  entity: 'clinics' as const,
  rowId,
  before: null,
  after: { name: rowId, updatedAt: '2026-11-22T09:00:00.000Z', updatedBy: null },
  sync: true,
});
const stamps = () => core.store.sqlite.prepare('select hlc from outbox order by seq').pluck().all() as string[];
const savedHlc = () => core.store.sqlite.prepare('select hlc from sync_state where id = 1').pluck().get() as string;

describe('one write, many rows', () => {
  it('chains every entry of a write to the one before, with a later clock stamp for each outbox entry, the last one kept', () => {
    core.write(actor, (tx) => {
      for (let i = 0; i < 40; i++) tx.record(change(`row-${i}`));
    });
    core.write(actor, (tx) => tx.record(change('next')));

    expect(verifyAuditChain(core.store.sqlite)).toMatchObject({ ok: true, checked: 41 });
    const all = stamps();
    expect(all).toHaveLength(41);
    expect(new Set(all).size).toBe(41);
    expect([...all].sort()).toEqual(all);
    expect(savedHlc()).toBe(all.at(-1));
  });

  it('a write inside a write that fails leaves the chain whole and no stamp given twice', () => {
    core.write(actor, (tx) => {
      tx.record(change('before'));
      expect(() =>
        core.write({ userId: 'inner' }, (inner) => {
          inner.record(change('rolled back'));
          throw new Error('refused');
        }),
      ).toThrow('refused');
      core.write({ userId: 'inner' }, (inner) => inner.record(change('inner')));
      tx.record(change('after'));
    });
    core.write(actor, (tx) => tx.record(change('next')));

    expect(verifyAuditChain(core.store.sqlite)).toMatchObject({ ok: true, checked: 4 });
    const rows = core.store.sqlite.prepare('select row_id as rowId, user_id as userId from audit_log order by seq').all();
    expect(rows).toEqual([
      { rowId: 'before', userId: null },
      { rowId: 'inner', userId: 'inner' },
      { rowId: 'after', userId: null },
      { rowId: 'next', userId: null },
    ]);
    const all = stamps();
    expect(new Set(all).size).toBe(4);
    expect([...all].sort()).toEqual(all);
    expect(savedHlc()).toBe(all.at(-1));
  });
});

describe('what an entry holds', () => {
  it('the audit detail is the diff (or the field names, redacted) with the note; the outbox entry the new values with the stamps', () => {
    core.write(actor, (tx) => {
      tx.record({ ...change('plain'), note: { reason: 'typed "in" quotes', row: 7 } });
      tx.record({ ...change('redacted'), redact: true, note: { reason: 'erasure' } });
      tx.record({ ...change('bare'), after: { name: 'bare' }, sync: true });
    });
    const details = core.store.sqlite.prepare('select detail from audit_log order by seq').pluck().all() as string[];
    expect(details.map((d) => JSON.parse(d))).toEqual([
      { diff: { name: [null, 'plain'] }, reason: 'typed "in" quotes', row: 7 },
      { fields: ['name'], reason: 'erasure' },
      { diff: { name: [null, 'bare'] } },
    ]);
    const fields = core.store.sqlite.prepare('select fields from outbox order by seq').pluck().all() as string[];
    expect(fields.map((f) => JSON.parse(f))).toEqual([
      { name: 'plain', updatedAt: '2026-11-22T09:00:00.000Z', updatedBy: null },
      { name: 'redacted', updatedAt: '2026-11-22T09:00:00.000Z', updatedBy: null },
      { name: 'bare' },
    ]);
    expect(verifyAuditChain(core.store.sqlite)).toMatchObject({ ok: true, checked: 3 });
  });
});

describe('field diff', () => {
  it('names changed values, JSON columns by their content, never bookkeeping columns', () => {
    const before = { name: 'A', code: 1, clinicIds: ['x', 'y'], note: null, updatedAt: '2026-01-01' };
    const after = { name: 'A', code: '1', clinicIds: ['x', 'y'], note: { a: 1 }, updatedAt: '2026-01-02', added: 'new' };
    expect(fieldDiff(before, after)).toEqual({ code: [1, '1'], note: [null, { a: 1 }], added: [null, 'new'] });
    expect(fieldDiff(after, { ...after, clinicIds: ['y', 'x'] })).toEqual({
      clinicIds: [
        ['x', 'y'],
        ['y', 'x'],
      ],
    });
  });
});
