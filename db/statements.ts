import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/** A prepared statement, prepared once per connection: hot paths prepare nothing. */
export function statement(sqlite: Sqlite, sql: string): Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = sqlite.prepare(sql)));
  return prepared;
}
