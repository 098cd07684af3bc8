import type { TFunction } from 'i18next';
import type { UserSummary } from '../../../common/account';
import type { SessionType } from '../../../common/sessions';
import { i18n } from '../../i18n';

/** What turns a session's or an attendee's stored values into words: names for ids, dates in the user's language. */
export interface FieldContext {
  t: TFunction;
  types: SessionType[] | undefined;
  staff: UserSummary[] | undefined;
  clinicName(id: string): string | undefined;
  dateTime(iso: string): string;
  date(ymd: string): string;
}

/** A session's or an attendee's field value in words: "Attended", a type's name, "Fri 20 Nov, 09:00". */
export function sessionFieldText(c: FieldContext, field: string, value: unknown): string {
  const { t } = c;
  if (value === null || value === undefined || value === '') return t('audit.emptyValue');
  if (field === 'status' && typeof value === 'string' && i18n.exists(`sessions.status.${value}`)) return t(`sessions.status.${value}`);
  if (field === 'attendance' && typeof value === 'string' && i18n.exists(`sessions.attendance.${value}`))
    return t(`sessions.attendance.${value}`);
  if (field === 'typeId') return c.types?.find((type) => type.id === value)?.name ?? String(value);
  if (field === 'staffId') return c.staff?.find((person) => person.id === value)?.name ?? String(value);
  if (field === 'clinicId') return c.clinicName(String(value)) ?? String(value);
  if (field === 'scheduledAt' && typeof value === 'string') return c.dateTime(value);
  if (field === 'followUpDate' && typeof value === 'string') return c.date(value);
  if (field === 'durationMinutes' && typeof value === 'number') return t('sessions.minutes', { count: value });
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
