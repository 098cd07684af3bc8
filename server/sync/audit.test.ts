import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPushResponse, errorResponse, type AuditEntryWire } from '../../common/sync';
import { auditLog } from '../store/schema';
import { TestDevice } from '../test-client';
import { startTestServer, type TestServer, type TestUser } from '../testing';

let server: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    logger: { stream: new Writable({ write: (chunk, _enc, done) => done(void logLines.push(String(chunk))) }) },
  });
}, 120_000);
afterAll(() => server.close());

const device = (user: TestUser = server.users.staff) => new TestDevice(server, user).signIn();

async function pushAudit(d: TestDevice, entries: AuditEntryWire[]) {
  const response = await d.request('POST', '/v1/sync/audit', { device_id: d.id, entries });
  if (response.status !== 200) throw new Error(`audit ${response.status}: ${JSON.stringify(response.body)}`);
  return auditPushResponse.parse(response.body);
}

const stored = (ids: string[]) => server.app.database.db.select().from(auditLog).where(inArray(auditLog.id, ids));

async function metric(line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${line} `))
      ?.split(' ')[1] ?? 0,
  );
}

describe('POST /v1/sync/audit: the audit trail, push only and append-only', () => {
  it('stores each entry once, with who pushed it; a resend is answered as duplicates and changes nothing', async () => {
    const d = await device();
    const entries = [
      d.auditEntry({
        action: 'beneficiaries.register',
        entity: 'beneficiaries',
        row_id: 'b-1',
        detail: '{"diff":{"givenName":[null,"Amina"]}}',
      }),
      // A failed sign-in: no user, no clinic. The device's signed-in user still answers for it.
      d.auditEntry({ action: 'account.signInFailed', user_id: null, clinic_id: null, detail: '{"reason":"password"}' }),
      d.auditEntry(),
    ];
    expect(await pushAudit(d, entries)).toMatchObject({ stored: entries.map((e) => e.id), duplicates: [] });
    // The answer was lost: the same entries come again, one of them altered on the way. The first copy stands.
    const again = [entries[0]!, { ...entries[1]!, action: 'rewritten' }, entries[2]!];
    expect(await pushAudit(d, again)).toMatchObject({ stored: [], duplicates: entries.map((e) => e.id) });

    const rows = await stored(entries.map((e) => e.id));
    expect(rows).toHaveLength(3);
    const failed = rows.find((r) => r.id === entries[1]!.id)!;
    expect(failed).toMatchObject({
      action: 'account.signInFailed',
      userId: null,
      clinicId: null,
      pushedByDevice: d.id,
      pushedByUser: server.users.staff.id,
      chainBreak: null,
    });
    expect(rows.find((r) => r.id === entries[0]!.id)).toMatchObject({ seq: 1, detail: '{"diff":{"givenName":[null,"Amina"]}}' });
  });

  it('flags an altered entry and a gap in the chain, stores them all, and logs ids only', async () => {
    const d = await device();
    const before = {
      hash: await metric('outpost_audit_chain_breaks_total{reason="hash"}'),
      link: await metric('outpost_audit_chain_breaks_total{reason="link"}'),
    };
    const [one, two, , four, five] = Array.from({ length: 5 }, () =>
      d.auditEntry({ action: 'beneficiaries.update', detail: '{"diff":{"familyName":["Kamau","Wanjiru"]}}' }),
    );
    // `two` was edited after it was hashed; the third entry never arrives (a gap before `four`).
    const tampered = { ...two!, detail: '{"diff":{"familyName":["Kamau","Njeri"]}}' };
    expect((await pushAudit(d, [one!, tampered, four!, five!])).stored).toHaveLength(4);

    const rows = await stored([one!.id, two!.id, four!.id, five!.id]);
    const breakOf = (id: string) => rows.find((r) => r.id === id)!.chainBreak;
    expect([breakOf(one!.id), breakOf(two!.id), breakOf(four!.id), breakOf(five!.id)]).toEqual([null, 'hash', 'link', null]);
    expect(rows.find((r) => r.id === two!.id)!.detail).toContain('Njeri');

    expect(await metric('outpost_audit_chain_breaks_total{reason="hash"}')).toBe(before.hash + 1);
    expect(await metric('outpost_audit_chain_breaks_total{reason="link"}')).toBe(before.link + 1);
    const breaks = logLines.filter((l) => l.includes('audit_chain_break')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ device: d.id, entry: two!.id, seq: 2, reason: 'hash' }),
        expect.objectContaining({ device: d.id, entry: four!.id, seq: 4, reason: 'link' }),
      ]),
    );
    expect(logLines.join('')).not.toMatch(/Kamau|Wanjiru|Njeri|Amina/);
  });

  it('never sends entries back down, and takes no entries for another device', async () => {
    const d = await device();
    const other = await device(server.users.manager);
    const entry = d.auditEntry({ entity: 'beneficiaries', row_id: 'b-2' });
    await pushAudit(d, [entry]);
    expect((await d.pullAll()).find((c) => c.row_id === entry.id)).toBeUndefined();
    expect((await other.pullAll()).find((c) => c.row_id === entry.id)).toBeUndefined();

    const refused = await other.request('POST', '/v1/sync/audit', { device_id: d.id, entries: [d.auditEntry()] });
    expect(refused.status).toBe(403);
    expect(errorResponse.parse(refused.body).error.code).toBe('FORBIDDEN');
    expect(
      (
        await other.request('POST', '/v1/sync/push', {
          device_id: other.id,
          mutations: [other.mutation({ entity: 'audit_log' as never, row_id: entry.id })],
        })
      ).status,
    ).toBe(400);
    expect(await server.app.database.db.select().from(auditLog).where(eq(auditLog.pushedByDevice, other.id))).toEqual([]);
  });

  it('has no code path that updates or deletes an entry: the server only inserts them', () => {
    const serverDir = join(import.meta.dirname, '..');
    const sources = readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('migrations'),
    );
    for (const file of sources) {
      const text = readFileSync(join(serverDir, file), 'utf8');
      expect(text, file).not.toMatch(/\.(update|delete)\(auditLog\)|(update|delete from)\s+"?audit_log/i);
    }
  });
});
