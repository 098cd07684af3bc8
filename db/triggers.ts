import type { Sqlite } from './open';

/** A trigger as the schema holds it: its name and the statement that creates it. */
export interface Trigger {
  name: string;
  sql: string;
}

/**
 * Runs `write` with these triggers dropped, inside the caller's transaction: they are created again from the text
 * the schema held before `write`'s result is returned (or its error thrown), so no committed state is without them.
 */
export function withoutTriggers<T>(sqlite: Sqlite, triggers: Trigger[], write: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withoutTriggers runs inside a transaction.');
  for (const trigger of triggers) sqlite.exec(`drop trigger ${trigger.name}`);
  try {
    return write();
  } finally {
    for (const trigger of triggers) sqlite.exec(trigger.sql);
  }
}
