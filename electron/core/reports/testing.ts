import { afterEach, beforeEach } from 'vitest';
import type { PulledChange, PullResponse } from '../../../common/sync';
import type { Core } from '../core';
import { openTestCore } from '../testing';

/** For tests that load the same pulled sessions two ways (row by row through the triggers, and as a first sync does). */
export const pulledAt = '2026-11-22T10:00:00.000Z';
let version = 0;

/** Two fresh cores for each test of the file: one takes pulled rows row by row through the triggers, one in bulk. */
export function rowByRowAndBulk(): { rowByRow: Core; bulk: Core } {
  const devices = {} as { rowByRow: Core; bulk: Core };
  beforeEach(async () => {
    [devices.rowByRow, devices.bulk] = await Promise.all([openTestCore(), openTestCore()]);
  });
  afterEach(() => {
    devices.rowByRow.close();
    devices.bulk.close();
  });
  return devices;
}

/** A pulled row of sessions or attendees with the stamps every row has; versions rise across a test file. */
function pulledRow(entity: 'sessions' | 'session_attendees', id: string, data: Record<string, unknown>): PulledChange {
  const row = { id, createdAt: pulledAt, updatedAt: pulledAt, createdBy: null, updatedBy: null, deletedAt: null, ...data };
  return { entity, row_id: id, version: ++version, deleted: row.deletedAt !== null, data: row };
}

/** A pulled session: `fields` give its clinic, type, staff, time and status; the rest as a plain visit. */
export const pulledSession = (id: string, fields: Record<string, unknown>) =>
  pulledRow('sessions', id, { location: null, durationMinutes: 30, notes: null, followUpDate: null, followUpDoneAt: null, ...fields });

/** A pulled attendee: `fields` give its session, person and attendance. */
export const pulledAttendee = (id: string, fields: Record<string, unknown>) =>
  pulledRow('session_attendees', id, { outcome: null, ...fields });

export const pulledPage = (changes: PulledChange[]): PullResponse => ({
  changes,
  conflicts: [],
  cursor: `cursor-${version}`,
  has_more: true,
  server_time: pulledAt,
});

/** The three report summaries' rows that count (those at zero are kept by the triggers, not by a rebuild). */
export const summaryRows = (core: Core) => ({
  daily: core.store.sqlite.prepare('select * from report_daily where held != 0 or attended != 0 or marked != 0 order by 1, 2, 3, 4').all(),
  served: core.store.sqlite.prepare('select * from report_served where n != 0 order by 1, 2, 3, 4, 5').all(),
  reach: core.store.sqlite.prepare('select * from report_reach where months != 0 order by 1, 2, 3, 4, 5').all(),
});
