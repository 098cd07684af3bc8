import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from './open';
import { rows } from './schema';

describe('the PGlite store', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
  }, 60_000);
  afterAll(() => database.close());

  // jsonb parameters travel as bytes in binary format (open.ts): any text, whatever its characters, arrives as sent.
  const data = { givenName: 'Zoë Ñandú', familyName: 'علي', notes: 'line\nbreak "quoted" \\ ✓ 😀', tags: ['a', 'ß'], n: 1.5, none: null };

  it('takes jsonb parameters as sent: multi-byte text, escapes, nesting, through raw SQL and the query builder', async () => {
    const [raw] = rowsOf<{ value: unknown; length: number }>(
      await database.db.execute(sql`select ${JSON.stringify(data)}::jsonb as value, jsonb_array_length(${'["é", 2]'}::jsonb) as length`),
    );
    expect(raw).toEqual({ value: data, length: 2 });

    await database.db.insert(rows).values({ entity: 'beneficiaries', rowId: 'b-1', clinicIds: ['c-1'], version: 1, data, fieldMeta: {} });
    const [stored] = await database.db.select().from(rows).where(eq(rows.rowId, 'b-1'));
    expect(stored!.data).toEqual(data);
  });
});
