import type { ClinicChoice, ServerClinic } from '../../../common/sync';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';

/*
 * A standalone installation joining a server: the clinics it made itself become the server's clinics, and its
 * admin the server's account, so that its rows go up under the server's ids, nothing lost and nothing twice.
 */

/** Local clinic id → the server clinic it becomes. */
export type ClinicMap = Map<string, ServerClinic>;

/** The clinics this installation made itself: they never came from a server. */
function ownClinics(sqlite: Sqlite): ServerClinic[] {
  return statement(sqlite, 'select id, code, name from clinics where server_version is null order by code').all() as ServerClinic[];
}

/**
 * Which of the user's server clinics each own clinic becomes: the admin's choice, else the one with the same
 * code, else the clinic the deploy config names. A clinic left over refuses the connection (CONFLICT, with
 * both lists as details) before anything is stored, so the admin can choose and connect again.
 */
export function planClinicMap(core: Core, server: ServerClinic[], chosen: Record<string, string> = {}): ClinicMap {
  const byId = new Map(server.map((c) => [c.id, c]));
  const byCode = new Map(server.map((c) => [c.code.toUpperCase(), c]));
  const deployed = core.deploy.config.clinicCode ? byCode.get(core.deploy.config.clinicCode.toUpperCase()) : undefined;
  const map: ClinicMap = new Map();
  const unmatched: ServerClinic[] = [];
  for (const clinic of ownClinics(core.store.sqlite)) {
    const target = byId.get(chosen[clinic.id] ?? '') ?? byCode.get(clinic.code.toUpperCase()) ?? deployed;
    if (target) map.set(clinic.id, target);
    else unmatched.push(clinic);
  }
  if (unmatched.length > 0) {
    const details: ClinicChoice = { local: unmatched, server };
    throw new CoreError('CONFLICT', server.length > 0 ? 'sync.errors.chooseClinic' : 'sync.errors.noServerClinic', undefined, {
      ...details,
    });
  }
  return map;
}

const count = (sqlite: Sqlite, sql: string, ...params: unknown[]) => statement(sqlite, sql).run(...params).changes;

/**
 * Re-points everything of each own clinic to its server clinic, in the caller's transaction: rows, users'
 * memberships, and the changes waiting to be sent (never sent: standalone), which then go up as the server's
 * clinic. The own clinic makes way for the server's (same code, unique); the pull fills in the rest of it.
 * One audit entry per clinic says what moved.
 */
export function joinClinics(sqlite: Sqlite, tx: WriteTx, map: ClinicMap): void {
  const at = tx.now.toISOString();
  for (const [localId, target] of map) {
    if (localId === target.id) continue;
    const from = statement(sqlite, 'select id, code, name from clinics where id = ?').get(localId) as ServerClinic;
    const beneficiaries = count(sqlite, 'update beneficiaries set clinic_id = ? where clinic_id = ?', target.id, localId);
    const sessions = count(sqlite, 'update sessions set clinic_id = ? where clinic_id = ?', target.id, localId);
    count(sqlite, 'update imports set clinic_id = ? where clinic_id = ?', target.id, localId);
    count(
      sqlite,
      "update outbox set fields = json_set(fields, '$.clinicId', ?) where json_extract(fields, '$.clinicId') = ?",
      target.id,
      localId,
    );
    const users = moveMemberships(sqlite, tx, localId, target.id);
    count(sqlite, 'delete from clinics where id = ?', localId);
    count(
      sqlite,
      'insert into clinics (id, code, name, created_at, updated_at) values (?, ?, ?, ?, ?) on conflict (id) do nothing',
      target.id,
      target.code,
      target.name,
      at,
      at,
    );
    tx.audit({
      action: 'sync.clinicJoined',
      entity: 'clinics',
      rowId: target.id,
      clinicId: target.id,
      detail: { from, to: target, beneficiaries, sessions, users },
    });
  }
  for (const topic of ['clinics', 'beneficiaries', 'sessions', 'users'] as const) tx.touch(topic);
}

/** Every local user of `from` belongs to `to` instead; each change audited. Returns how many users moved. */
function moveMemberships(sqlite: Sqlite, tx: WriteTx, from: string, to: string): number {
  const members = statement(
    sqlite,
    'select id, clinic_ids as clinicIds from users where exists (select 1 from json_each(users.clinic_ids) where value = ?)',
  ).all(from) as { id: string; clinicIds: string }[];
  for (const member of members) {
    const before = JSON.parse(member.clinicIds) as string[];
    const after = [...new Set(before.map((id) => (id === from ? to : id)))];
    statement(sqlite, 'update users set clinic_ids = ? where id = ?').run(JSON.stringify(after), member.id);
    tx.record({
      action: 'users.update',
      entity: 'users',
      rowId: member.id,
      before: { clinicIds: before },
      after: { clinicIds: after },
      sync: false,
    });
  }
  return members.length;
}

/**
 * A standalone account that took the server's identity (same email): what it made and what it is assigned
 * names the server's id, here and in the changes waiting to be sent.
 */
export function repointUser(sqlite: Sqlite, from: string, to: string): void {
  for (const table of ['beneficiaries', 'sessions', 'session_attendees', 'session_types', 'clinics', 'conflicts']) {
    count(sqlite, `update ${table} set created_by = ? where created_by = ?`, to, from);
    count(sqlite, `update ${table} set updated_by = ? where updated_by = ?`, to, from);
  }
  count(sqlite, 'update sessions set staff_id = ? where staff_id = ?', to, from);
  count(sqlite, 'update imports set created_by = ? where created_by = ?', to, from);
  for (const field of ['createdBy', 'updatedBy', 'staffId']) {
    count(sqlite, `update outbox set fields = json_set(fields, '$.${field}', ?) where json_extract(fields, '$.${field}') = ?`, to, from);
  }
}

/**
 * This installation's own session types become the server's of the same name (case and spaces aside), in the
 * caller's transaction: the type takes the server's id (the pull then brings its colour and duration), and its
 * sessions and their unsent changes follow. One audit entry per type. A type the server lacks stays as it is.
 */
export function joinSessionTypes(sqlite: Sqlite, tx: WriteTx, server: { id: string; name: string }[]): void {
  const byName = new Map(server.map((t) => [t.name.trim().toLowerCase(), t]));
  const own = statement(sqlite, 'select id, name from session_types where server_version is null').all() as { id: string; name: string }[];
  for (const type of own) {
    const target = byName.get(type.name.trim().toLowerCase());
    if (!target || target.id === type.id) continue;
    const sessions = count(sqlite, 'update sessions set type_id = ? where type_id = ?', target.id, type.id);
    count(
      sqlite,
      "update outbox set fields = json_set(fields, '$.typeId', ?) where json_extract(fields, '$.typeId') = ?",
      target.id,
      type.id,
    );
    const taken = statement(sqlite, 'select 1 from session_types where id = ?').get(target.id) !== undefined;
    if (taken) count(sqlite, 'delete from session_types where id = ?', type.id);
    else count(sqlite, 'update session_types set id = ? where id = ?', target.id, type.id);
    tx.audit({ action: 'sync.sessionTypeJoined', entity: 'session_types', rowId: target.id, detail: { from: type, to: target, sessions } });
  }
  tx.touch('session_types');
  tx.touch('sessions');
}
