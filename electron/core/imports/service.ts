import type { SessionUser } from '../../../common/account';
import type { CellProblem, ReportRow, SavedMapping } from '../../../common/imports';
import { statement } from '../../../db/statements';
import type { Core } from '../core';
import { readSetting, writeSetting } from '../settings/store';
import { get } from './run';

const MAPPINGS_KEY = 'imports.mappings';

export function mappings(core: Core): SavedMapping[] {
  return readSetting<SavedMapping[]>(core.store.db, MAPPINGS_KEY) ?? [];
}

/** Saved by name: a mapping of the same name and kind is replaced. */
export function saveMapping(core: Core, user: SessionUser, mapping: SavedMapping): SavedMapping[] {
  const kept = mappings(core).filter((m) => !(m.name === mapping.name && m.kind === mapping.kind));
  const next = [...kept, mapping].sort((a, b) => a.name.localeCompare(b.name));
  core.write({ userId: user.id }, (tx) => {
    writeSetting(tx.db, MAPPINGS_KEY, next, tx.now.toISOString(), user.id);
    tx.audit({ action: 'imports.saveMapping', detail: { name: mapping.name, kind: mapping.kind } });
  });
  return next;
}

export function deleteMapping(core: Core, user: SessionUser, name: string): SavedMapping[] {
  const next = mappings(core).filter((m) => m.name !== name);
  core.write({ userId: user.id }, (tx) => {
    writeSetting(tx.db, MAPPINGS_KEY, next, tx.now.toISOString(), user.id);
    tx.audit({ action: 'imports.deleteMapping', detail: { name } });
  });
  return next;
}

const outcomes = { create: 'imported', update: 'updated', skip: 'skipped', reject: 'rejected' } as const;

/** What happened to each row, with the reasons: the renderer turns it into a CSV download. */
export function report(core: Core, user: SessionUser, id: string, offset: number, limit: number): ReportRow[] {
  get(core, user, id);
  const rows = statement(
    core.store.sqlite,
    `select r.row, r.action, r.state, r.reason, coalesce(b.code, sb.code) as code from import_rows r
       left join beneficiaries b on b.id = r.target_id
       left join session_attendees a on a.session_id = r.target_id
       left join beneficiaries sb on sb.id = a.beneficiary_id
       where r.import_id = ? order by r.row limit ? offset ?`,
  ).all(id, limit, offset) as { row: number; action: keyof typeof outcomes; state: string; reason: string | null; code: string | null }[];
  return rows.map((r) => ({
    row: r.row,
    outcome: r.state === 'rolledBack' ? 'rolledBack' : r.state === 'pending' ? 'pending' : outcomes[r.action],
    recordCode: r.code,
    problems: r.reason ? (JSON.parse(r.reason) as CellProblem[]) : [],
  }));
}
