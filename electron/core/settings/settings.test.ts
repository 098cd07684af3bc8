import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../common/account';
import { type DeployState, parseDeployConfig } from '../../../common/deploy';
import type { ServerMessage } from '../../../common/rpc';
import type { SettingsView } from '../../../common/settings';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

async function adminOn(deploy?: DeployState) {
  const core = await openTestCore({ deploy });
  cores.push(core);
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  return { core, admin };
}

const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);
const deployed = (config: object) => parseDeployConfig(JSON.stringify(config), '/etc/outpost/deploy.json');

describe('settings', () => {
  it('a change announces the settings topic, so open screens refresh', async () => {
    const { core, admin } = await adminOn();
    const stop = new AbortController();
    const heard: string[] = [];
    const listening = (async () => {
      try {
        for await (const event of core.changes(stop.signal)) heard.push(...event.topics);
      } catch {
        // Aborted: the listener is done.
      }
    })();
    dataOf(await admin.mutate('settings.update', { autoLockMinutes: 3 }));
    stop.abort();
    await listening;
    expect(heard).toContain('settings');
  });

  it('has defaults, and an admin changes only the settings sent', async () => {
    const { admin } = await adminOn();
    const view = dataOf<SettingsView>(await admin.query('settings.get'));
    expect(view).toEqual({
      values: { autoLockMinutes: 10, updatePolicy: 'notify', updateChannel: 'stable' },
      locked: [],
      deployFile: null,
      deployErrors: [],
    });
    const changed = dataOf<SettingsView>(await admin.mutate('settings.update', { updateChannel: 'beta' }));
    expect(changed.values).toEqual({ autoLockMinutes: 10, updatePolicy: 'notify', updateChannel: 'beta' });
    expect(errorOf(await admin.mutate('settings.update', { updatePolicy: 'sometimes' }))).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { updatePolicy: ['errors.choice'] },
    });
  });

  it('puts the deploy config’s values in force and refuses to change a locked setting through the router', async () => {
    const { core, admin } = await adminOn(deployed({ autoLockMinutes: 3, lockedSettings: ['updateChannel'], updatePolicy: 'off' }));
    const view = dataOf<SettingsView>(await admin.query('settings.get'));
    expect(view.values).toEqual({ autoLockMinutes: 3, updatePolicy: 'off', updateChannel: 'stable' });
    expect(view.locked).toEqual(['autoLockMinutes', 'updatePolicy', 'updateChannel']);
    expect(dataOf<AccountStatus>(await admin.query('account.status')).autoLockMinutes).toBe(3);

    for (const [setting, value] of [
      ['autoLockMinutes', 30],
      ['updateChannel', 'beta'],
    ] as const) {
      expect(errorOf(await admin.mutate('settings.update', { [setting]: value }))).toEqual({
        code: 'FORBIDDEN',
        message: 'settings.errors.lockedByDeploy',
        fieldErrors: { [setting]: ['settings.errors.lockedByDeploy'] },
        details: { setting },
      });
    }
    // A whole form sent back unchanged is fine: nothing locked changes.
    dataOf(await admin.mutate('settings.update', view.values));
    expect(dataOf<SettingsView>(await admin.query('settings.get')).values).toEqual(view.values);
    expect(core.store.sqlite.prepare("select count(*) from audit_log where action = 'settings.update'").pluck().get()).toBe(0);
  });

  it('shows what the deploy config got wrong to admins only, and starts with safe defaults', async () => {
    const { core, admin } = await adminOn(deployed({ updatePolicy: 'always', autoLockMinutes: 0 }));
    const view = dataOf<SettingsView>(await admin.query('settings.get'));
    expect(view.values).toEqual({ autoLockMinutes: 10, updatePolicy: 'notify', updateChannel: 'stable' });
    expect(view.deployFile).toBe('/etc/outpost/deploy.json');
    expect(view.deployErrors.map((e) => e.field)).toEqual(['updatePolicy', 'autoLockMinutes']);
    const staff = await clientAs(core, 'staff');
    expect(dataOf<SettingsView>(await staff.query('settings.get')).deployErrors).toEqual([]);
    expect(errorOf(await staff.mutate('settings.update', { autoLockMinutes: 5 }))?.code).toBe('FORBIDDEN');
  });
});
