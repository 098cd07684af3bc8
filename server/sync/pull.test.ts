import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, pullResponse, type PulledChange } from '../../common/sync';
import { rowsOf } from '../store/open';
import { beneficiary, TestDevice } from '../test-client';
import { startTestServer, type TestServer, type TestUser } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const device = (user: TestUser = server.users.staff) => new TestDevice(server, user).signIn();

async function register(d: TestDevice, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await d.push(ids.map((id) => d.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })));
  return ids;
}

describe('pull pages in version order and resumes from its cursor (guarantee 5)', () => {
  it('delivers every row once, in increasing versions, page by page, and a later pull only what changed', async () => {
    const writer = await device();
    const ids = await register(writer, 25);
    const reader = await device();
    const pages: PulledChange[][] = [];
    for (;;) {
      const page = pullResponse.parse(await reader.pull(7));
      pages.push(page.changes);
      expect(page.changes.length).toBeLessThanOrEqual(7);
      if (!page.has_more) break;
      expect(page.changes).toHaveLength(7);
    }
    const versions = pages.flat().map((c) => c.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(pages.flat().map((c) => c.row_id)).toEqual(expect.arrayContaining(ids));

    // Caught up: nothing more; then one edit brings exactly that row.
    expect((await reader.pull()).changes).toEqual([]);
    await writer.push([writer.mutation({ entity: 'beneficiaries', row_id: ids[3]!, fields: { phone: '+254700123456' } })]);
    const next = await reader.pull();
    expect(next.changes.map((c) => [c.row_id, c.data.phone])).toEqual([[ids[3], '+254700123456']]);
    expect(next.has_more).toBe(false);
  });

  it('a device of another clinic, caught up, moves its cursor past the rows it does not receive, and still gets its own', async () => {
    const clinic = await server.createClinic({ name: 'Lakeside', code: 'LKS' });
    const colleague = await server.createUser({ clinics: [clinic.id] });
    const reader = await device(colleague);
    await reader.pullAll();
    await register(await device(), 5);
    const caughtUp = await reader.pull();
    expect(caughtUp).toMatchObject({ changes: [], has_more: false });
    const [top] = rowsOf<{ v: string }>(await server.app.database.db.execute(sql`select max(version) as v from rows`));
    expect(JSON.parse(Buffer.from(caughtUp.cursor, 'base64url').toString()).v).toBe(Number(top!.v));

    const own = randomUUID();
    const writer = await device(colleague);
    await writer.push([writer.mutation({ entity: 'beneficiaries', row_id: own, fields: beneficiary(clinic.id) })]);
    expect((await reader.pull()).changes.map((c) => c.row_id)).toEqual([own]);
  });

  it('a cursor can be resumed by a later request, as after a restart', async () => {
    const writer = await device();
    await register(writer, 5);
    const first = await device();
    const all = await first.pullAll();
    const resumed = await device();
    resumed.cursor = undefined;
    const head = await resumed.pull(2);
    const again = new TestDevice(server, server.users.staff, resumed.id);
    again.token = resumed.token;
    again.cursor = head.cursor;
    const rest = await again.pullAll(3);
    expect([...head.changes, ...rest].map((c) => c.version)).toEqual(all.map((c) => c.version));
  });

  it.each([
    ['garbled', () => '!!!not a cursor'],
    ['not JSON', () => Buffer.from('v=3').toString('base64url')],
    ['from another server', (c: string) => forge(c, { e: randomUUID() })],
    ['from the future (a restored server)', (c: string) => forge(c, { v: 10 ** 12 })],
    ['for other clinics', (c: string) => forge(c, { c: 'someone-else' })],
  ])('answers 409 RESYNC_REQUIRED to a cursor %s', async (_name, make) => {
    const d = await device();
    const { cursor } = await d.pull(1);
    const response = await d.request('GET', `/v1/sync/pull?cursor=${encodeURIComponent(make(cursor))}`);
    expect(response.status).toBe(409);
    expect(errorResponse.parse(response.body).error.code).toBe('RESYNC_REQUIRED');
  });
});

function forge(cursor: string, change: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), ...change })).toString('base64url');
}

describe('checksum (guarantee 6)', () => {
  it('is the count and the XOR of the 64-bit hashes of id:version of what the device holds, tombstones included', async () => {
    const writer = await device(server.users.admin);
    const [gone] = await register(writer, 3);
    await writer.push([writer.mutation({ entity: 'beneficiaries', row_id: gone!, op: 'delete' })]);
    const reader = await device();
    const held = new Map<string, number>();
    for (const c of await reader.pullAll()) if (c.entity === 'beneficiaries') held.set(c.row_id, c.version);

    const response = await reader.request('GET', '/v1/sync/checksum?entity=beneficiaries');
    expect(response.body).toEqual(digestOf(held));
    expect(held.has(gone!)).toBe(true);

    // Any write changes it, to the digest of the rows as they now are.
    const [edited] = held.keys();
    const pushed = await writer.push([writer.mutation({ entity: 'beneficiaries', row_id: edited!, fields: { notes: 'x' } })]);
    held.set(edited!, pushed.results[0]!.version!);
    expect((await reader.request('GET', '/v1/sync/checksum?entity=beneficiaries')).body).toEqual(digestOf(held));
  });

  it('of an empty table is a count of 0 and a digest of zeros', async () => {
    const d = await device();
    const response = await d.request('GET', '/v1/sync/checksum?entity=session_attendees');
    expect(response.body).toEqual({ count: 0, digest: '0000000000000000' });
  });

  it('as kept by the triggers equals the digest computed from the rows after inserts, edits, clinic moves and deletes', async () => {
    const other = await server.createClinic({ name: 'Kitale', code: `K${randomUUID().slice(0, 4)}`.toUpperCase() });
    await server.updateUser({ email: server.users.admin.email, clinics: [server.clinic.id, other.id] });
    const writer = await device(server.users.admin);
    const ids = await register(writer, 4);
    await writer.push([writer.mutation({ entity: 'beneficiaries', row_id: ids[0]!, fields: { clinicId: other.id } })]);
    const { db } = server.app.database;
    await db.execute(sql`delete from rows where entity = 'beneficiaries' and row_id = ${ids[1]!}`);
    await db.execute(sql`update rows set clinic_ids = ${`{${server.clinic.id},${other.id}}`}::text[] where row_id = ${ids[2]!}`);
    const scratch = rowsOf<{ entity: string; count: string | number; hash: string }>(
      await db.execute(sql`select entity, count(*) as count, coalesce(bit_xor(row_digest_hash(row_id, version)), 0)::text as hash
        from rows group by entity order by entity`),
    );
    const kept = rowsOf<{ entity: string; count: string | number; hash: string }>(
      await db.execute(sql`select entity, sum(count) as count, bit_xor(hash)::text as hash from row_digests group by entity
        having sum(count) > 0 order by entity`),
    );
    expect(kept.map((k) => ({ ...k, count: Number(k.count) }))).toEqual(scratch.map((k) => ({ ...k, count: Number(k.count) })));
    // A row of two clinics counts once for a member of both.
    const both = await device(server.users.admin);
    const held = new Map<string, number>();
    for (const c of await both.pullAll()) if (c.entity === 'beneficiaries') held.set(c.row_id, c.version);
    expect(held.has(ids[2]!)).toBe(true);
    expect((await both.request('GET', '/v1/sync/checksum?entity=beneficiaries')).body).toEqual(digestOf(held));
  });
});

/** docs/sync-api.md: the count, and the XOR of the first 64 bits of md5('row_id:version') as 16 hex digits. */
function digestOf(held: Map<string, number>): { count: number; digest: string } {
  let hash = 0n;
  for (const [id, version] of held) hash ^= BigInt(`0x${createHash('md5').update(`${id}:${version}`).digest('hex').slice(0, 16)}`);
  return { count: held.size, digest: hash.toString(16).padStart(16, '0') };
}

describe('parallel pushers and pullers', () => {
  it('no puller ever misses a version', async () => {
    const pushers = await Promise.all([1, 2, 3, 4].map(() => device()));
    const pullers = await Promise.all([1, 2, 3].map(() => device()));
    const held = pullers.map(() => new Map<string, number>());
    let pushing = true;

    // Each pusher creates rows and edits its own earlier ones: transactions overlap without waiting on each other's rows.
    const push = async (d: TestDevice) => {
      const mine: string[] = [];
      for (let batch = 0; batch < 8; batch++) {
        const mutations = Array.from({ length: 10 }, (_, i) => {
          if (i % 2 === 1 && mine.length > 0) {
            return d.mutation({
              entity: 'beneficiaries',
              row_id: mine[(batch * 7 + i) % mine.length]!,
              fields: { notes: `${batch}:${i}` },
            });
          }
          const id = randomUUID();
          mine.push(id);
          return d.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) });
        });
        const { results } = await d.push(mutations);
        expect(results.every((r) => r.status === 'applied')).toBe(true);
      }
    };
    const pull = async (d: TestDevice, into: Map<string, number>) => {
      let last = 0;
      const drain = async () => {
        for (;;) {
          const page = await d.pull(13);
          for (const c of page.changes) {
            expect(c.version).toBeGreaterThan(last);
            last = c.version;
            into.set(c.row_id, c.version);
          }
          if (!page.has_more) return;
        }
      };
      while (pushing) await drain();
      await drain();
    };

    const pulling = pullers.map((d, i) => pull(d, held[i]!));
    await Promise.all(pushers.map((d) => push(d)));
    pushing = false;
    await Promise.all(pulling);

    const truth = new Map((await (await device()).pullAll()).map((c) => [c.row_id, c.version]));
    for (const map of held) expect(map).toEqual(truth);
  });
});

describe('a server restart', () => {
  it('keeps the data, the tokens and the cursors: a pull resumes where it stopped', { timeout: 120_000 }, async () => {
    const own = await startTestServer({ persistent: true });
    try {
      const d = await new TestDevice(own, own.users.staff).signIn();
      const ids = Array.from({ length: 6 }, () => randomUUID());
      await d.push(ids.map((id) => d.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(own.clinic.id) })));
      const head = await d.pull(4);
      expect(head.has_more).toBe(true);

      await own.restart();
      const rest = await d.pullAll(4);
      const seen = [...head.changes, ...rest].filter((c) => c.entity === 'beneficiaries').map((c) => c.row_id);
      expect(seen.sort()).toEqual([...ids].sort());
      const next = d.mutation({ entity: 'beneficiaries', row_id: ids[0]!, fields: { phone: '1' } });
      expect((await d.push([next])).results[0]).toMatchObject({ seq: 7, status: 'applied' });
    } finally {
      await own.close();
    }
  });
});
