import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupKind } from '../../../common/backups';
import { localeFor } from '../../i18n/format';

/** Why the backup was made, in words ("Before a restore"). */
export function kindLabel(t: TFunction, kind: BackupKind): string {
  return t(`backups.kinds.${kind}`);
}

/** A file size in the user's locale: "820 kB", "12.4 MB" (decimal units, as file managers show them). */
export function formatBytes(locale: string, bytes: number): string {
  const [unit, value] =
    bytes >= 1_000_000_000 ? ['gigabyte', bytes / 1e9] : bytes >= 1_000_000 ? ['megabyte', bytes / 1e6] : ['kilobyte', bytes / 1e3];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** When a backup was made, with seconds: backups are often minutes apart. */
export function useBackupTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return useMemo(() => {
    const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    return (iso: string) => stamp.format(new Date(iso));
  }, [locale]);
}
