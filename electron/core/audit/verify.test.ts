import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import type { ChainReport } from './verify';

let core: Core;
afterEach(() => core?.close());

async function coreWithHistory() {
  core = await openTestCore();
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  const [clinic] = dataOf<{ id: string }[]>(await admin.query('clinics.list'));
  for (const name of ['Kisumu A', 'Kisumu B', 'Kisumu C']) await admin.mutate('clinics.update', { id: clinic!.id, name, code: 'KIS' });
  return admin;
}

describe('the audit trail is tamper-evident', () => {
  it('verifies an untouched chain', async () => {
    const admin = await coreWithHistory();
    const report = dataOf<ChainReport>(await admin.query('audit.verify'));
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(5);
  });

  it('refuses edits and deletions at the database itself', async () => {
    await coreWithHistory();
    expect(() => core.store.sqlite.prepare("update audit_log set action = 'x' where seq = 2").run()).toThrow(/append-only/);
    expect(() => core.store.sqlite.prepare('delete from audit_log where seq = 2').run()).toThrow(/append-only/);
  });

  it('names the first broken link when a row is changed by hand behind the triggers', async () => {
    const admin = await coreWithHistory();
    const { sqlite } = core.store;
    const target = sqlite.prepare("select seq, id from audit_log where action = 'clinics.update' order by seq limit 1").get() as {
      seq: number;
      id: string;
    };
    sqlite.exec('drop trigger audit_log_no_update');
    sqlite.prepare(`update audit_log set detail = '{"diff":{"name":["x","y"]}}' where seq = ?`).run(target.seq);

    const report = dataOf<ChainReport>(await admin.query('audit.verify'));
    expect(report).toMatchObject({ ok: false, firstBroken: { seq: target.seq, id: target.id, reason: 'hash' } });
  });

  it('notices a row removed from the middle', async () => {
    const admin = await coreWithHistory();
    const { sqlite } = core.store;
    sqlite.exec('drop trigger audit_log_no_delete');
    sqlite.prepare('delete from audit_log where seq = 3').run();
    expect(dataOf<ChainReport>(await admin.query('audit.verify'))).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'link' } });
  });
});
