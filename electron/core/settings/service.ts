import type { SessionUser } from '../../../common/account';
import type { Settings, SettingsView } from '../../../common/settings';
import { DEFAULT_AUTO_LOCK_MINUTES } from '../account/service';
import type { Core } from '../core';
import { readSetting, writeSetting } from './store';

export function read(core: Core): SettingsView {
  return {
    values: { autoLockMinutes: readSetting<number>(core.store.db, 'autoLockMinutes') ?? DEFAULT_AUTO_LOCK_MINUTES },
    locked: [],
  };
}

export function update(core: Core, admin: SessionUser, input: Settings): SettingsView {
  core.write({ userId: admin.id }, (tx) => {
    const before = read(core).values;
    for (const [key, value] of Object.entries(input)) writeSetting(tx.db, key, value, tx.now.toISOString(), admin.id);
    tx.audit({
      action: 'settings.update',
      detail: { diff: Object.fromEntries(Object.keys(input).map((k) => [k, [before[k as keyof Settings], input[k as keyof Settings]]])) },
    });
  });
  return read(core);
}
