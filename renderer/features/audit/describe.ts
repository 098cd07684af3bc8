import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../common/audit';
import { i18n } from '../../i18n';

export interface DiffLine {
  field: string;
  from: string | null;
  to: string;
}

/** What a reader needs to turn stored values into words: clinic ids into names. */
export interface DiffContext {
  clinicName(id: string): string | undefined;
}

// Bookkeeping that every created row carries; it says nothing to a reader.
const hidden = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'serverVersion']);
// The fields people look for first come first.
const order = ['name', 'code', 'email', 'role', 'clinicIds', 'active', 'givenName', 'familyName', 'otherNames', 'status'];
// Stored codes with words of their own, per entity: `sex: female` reads "Female".
const valueKeys: Record<string, Record<string, string>> = {
  beneficiaries: { sex: 'beneficiaries.sex', status: 'beneficiaries.status' },
};
/** Actions that create their row: their diff has no "before". */
const creates = (action: string) => action.endsWith('.create') || action === 'beneficiaries.register';
const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);

/** A stored field value in words: `sex: female` reads "Female", a clinic id its name. */
export function fieldText(t: TFunction, context: DiffContext, field: string, value: unknown, entity: string | null): string {
  if (value === null || value === undefined || value === '') return t('audit.emptyValue');
  const valueKey = entity ? valueKeys[entity]?.[field] : undefined;
  if (valueKey && typeof value === 'string' && i18n.exists(`${valueKey}.${value}`)) return t(`${valueKey}.${value}`);
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (field === 'role' && typeof value === 'string' && i18n.exists(`roles.${value}`)) return t(`roles.${value}`);
  if (field === 'clinicId' && typeof value === 'string') return context.clinicName(value) ?? value;
  if (field === 'clinicIds' && Array.isArray(value)) {
    return value.length === 0 ? t('audit.emptyValue') : value.map((id) => context.clinicName(String(id)) ?? String(id)).join(', ');
  }
  if (Array.isArray(value)) return value.length === 0 ? t('audit.emptyValue') : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The action in words: known actions are translated, others shown as recorded. */
export function actionLabel(t: TFunction, action: string): string {
  return i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action;
}

/** The entry's field diff as lines: "name: Kisumu Clinic → Kisumu Central" (a created field has no "from"). */
export function diffLines(t: TFunction, context: DiffContext, entry: AuditEntry): DiffLine[] {
  const diff = entry.detail?.diff;
  if (typeof diff !== 'object' || diff === null) return [];
  const created = creates(entry.action);
  const empty = (value: unknown) => value === null || value === '' || (Array.isArray(value) && value.length === 0);
  return (
    Object.entries(diff as Record<string, unknown>)
      .filter(([field, change]) => !hidden.has(field) && Array.isArray(change) && change.length === 2)
      // A new record's blank fields say nothing.
      .filter(([, change]) => !(created && empty((change as unknown[])[1])))
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, change]) => {
        const [before, after] = change as [unknown, unknown];
        return {
          field: i18n.exists(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field,
          from: created && before === null ? null : fieldText(t, context, field, before, entry.entity),
          to: fieldText(t, context, field, after, entry.entity),
        };
      })
  );
}

/** The kind of record an entry is about, in words ("Beneficiary"); unknown kinds as recorded. */
export function entityLabel(t: TFunction, entity: string): string {
  return i18n.exists(`audit.entities.${entity}`) ? t(`audit.entities.${entity}`) : entity;
}

/** What an entry says besides its field changes: a reason, a backup's name, why a sign-in failed. */
export function entryNotes(t: TFunction, entry: AuditEntry): string[] {
  const detail = entry.detail ?? {};
  const text = (key: string) => (typeof detail[key] === 'string' && detail[key] !== '' ? (detail[key] as string) : null);
  const notes: string[] = [];
  if (entry.action === 'account.signInFailed') {
    const reason = text('reason');
    if (reason && i18n.exists(`audit.notes.signInFailed.${reason}`)) notes.push(t(`audit.notes.signInFailed.${reason}`));
  } else if (text('reason')) {
    notes.push(t('audit.notes.reason', { reason: text('reason') }));
  }
  if (text('duplicateReason')) notes.push(t('audit.notes.duplicateReason', { reason: text('duplicateReason') }));
  if (text('duplicateCode')) notes.push(t('audit.notes.mergedIn', { code: text('duplicateCode') }));
  if (entry.action === 'backups.create' && text('name')) notes.push(t('audit.notes.backup', { name: text('name') }));
  if (entry.action === 'backups.restore' && text('name')) {
    notes.push(t('audit.notes.restored', { name: text('name') }));
    if (text('safetyBackup')) notes.push(t('audit.notes.safetyBackup', { name: text('safetyBackup') }));
  }
  if (entry.action.startsWith('updates.') && text('version')) notes.push(t('audit.notes.version', { version: text('version') }));
  return notes;
}
