import type { SessionUser } from '../../../common/account';
import { lockedSettings } from '../../../common/deploy';
import { can } from '../../../common/permissions';
import { defaultSettings, type SettingName, type Settings, type SettingsUpdate, type SettingsView } from '../../../common/settings';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { readSetting, writeSetting } from './store';

/** What is in force: the deploy config's value where it sets one, else the admin's, else the default. */
export function effectiveSettings(core: Core): Settings {
  const { config } = core.deploy;
  const value = <K extends SettingName>(name: K): Settings[K] =>
    (config[name] as Settings[K] | undefined) ?? readSetting<Settings[K]>(core.store.db, name) ?? defaultSettings[name];
  return { autoLockMinutes: value('autoLockMinutes'), updatePolicy: value('updatePolicy'), updateChannel: value('updateChannel') };
}

export function read(core: Core, user: SessionUser): SettingsView {
  return {
    values: effectiveSettings(core),
    locked: lockedSettings(core.deploy.config),
    deployFile: core.deploy.file,
    // Field names and problems are for whoever can act on them.
    deployErrors: can(user.role, 'settings.write') ? core.deploy.errors : [],
  };
}

/** Changes the settings given; a setting the deploy config locks may be sent only with the value in force. */
export function update(core: Core, admin: SessionUser, input: SettingsUpdate): SettingsView {
  const before = effectiveSettings(core);
  const locked = new Set(lockedSettings(core.deploy.config));
  const changes = Object.entries(input).filter(([name, value]) => value !== undefined && value !== before[name as SettingName]);
  const refused = changes.find(([name]) => locked.has(name as SettingName));
  if (refused) {
    const [name] = refused;
    throw new CoreError('FORBIDDEN', 'settings.errors.lockedByDeploy', { [name]: ['settings.errors.lockedByDeploy'] }, { setting: name });
  }
  if (changes.length > 0) {
    core.write({ userId: admin.id }, (tx) => {
      for (const [name, value] of changes) writeSetting(tx.db, name, value, tx.now.toISOString(), admin.id);
      tx.touch('settings');
      tx.audit({
        action: 'settings.update',
        detail: { diff: Object.fromEntries(changes.map(([name, value]) => [name, [before[name as SettingName], value]])) },
      });
    });
  }
  return read(core, admin);
}
