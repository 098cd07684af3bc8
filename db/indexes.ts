import type { Sqlite } from './open';

/**
 * A bulk load (a device's first sync: a million sessions, two million attendees) writes rows in random key order
 * into every index of their table: each transaction dirties most index pages again, and the log and the checkpoint
 * write them again. Without their secondary indexes the same rows load several times faster, and building an index
 * afterwards is one sort. So a bulk writer sets them aside and builds them once at its end.
 *
 * Unique indexes stay: they are constraints, and a row that breaks one must fail where it is written.
 * The indexes set aside are kept in `settings` with the statements that create them, in the same transaction as the
 * drop, so that a load cut short (the app killed) has them built again when the store next opens, before its
 * migrations run (a migration may drop or change one).
 */

const SET_ASIDE_KEY = 'indexesSetAside';

interface SetAside {
  name: string;
  sql: string;
}

function recorded(sqlite: Sqlite): SetAside[] {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'settings'").get();
  if (!table) return [];
  const value = sqlite.prepare('select value from settings where key = ?').pluck().get(SET_ASIDE_KEY) as string | undefined;
  return value ? (JSON.parse(value) as SetAside[]) : [];
}

/** Drops the non-unique indexes of these tables and records them, in one transaction. */
export function setIndexesAside(sqlite: Sqlite, tables: readonly string[]): void {
  sqlite
    .transaction(() => {
      const indexes = sqlite
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%'
             and tbl_name in (select value from json_each(?)) order by name`,
        )
        .all(JSON.stringify(tables)) as SetAside[];
      if (indexes.length === 0) return;
      for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);
      sqlite
        .prepare(
          `insert into settings (key, value, updated_at) values (?, ?, datetime('now'))
           on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(SET_ASIDE_KEY, JSON.stringify([...recorded(sqlite), ...indexes]));
    })
    .immediate();
}

/** Whether a bulk load left indexes set aside (built again by restoreIndexSteps). */
export function indexesSetAside(sqlite: Sqlite): boolean {
  return recorded(sqlite).length > 0;
}

/**
 * Builds the indexes set aside again, one a transaction, each leaving the record as it is built: a caller may let
 * other work in between (a million sessions' indexes take about a minute in all, the largest a few seconds).
 */
export function* restoreIndexSteps(sqlite: Sqlite): Generator<void> {
  for (;;) {
    const [index, ...rest] = recorded(sqlite);
    if (!index) return;
    sqlite
      .transaction(() => {
        if (!sqlite.prepare("select 1 from sqlite_master where type = 'index' and name = ?").get(index.name)) sqlite.exec(index.sql);
        if (rest.length > 0) sqlite.prepare('update settings set value = ? where key = ?').run(JSON.stringify(rest), SET_ASIDE_KEY);
        else sqlite.prepare('delete from settings where key = ?').run(SET_ASIDE_KEY);
      })
      .immediate();
    yield;
  }
}

/** All of them at once: when the store opens. */
export function restoreIndexes(sqlite: Sqlite): void {
  for (const _ of restoreIndexSteps(sqlite));
}
