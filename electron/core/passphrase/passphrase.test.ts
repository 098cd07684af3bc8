import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../common/account';
import type { PassphraseStatus } from '../../../common/passphrase';
import type { ServerMessage } from '../../../common/rpc';
import { openCore } from '../core';
import { openOrRecover } from '../recovery/host';
import { FileSecretStore } from '../secrets/file-secret-store';
import { PassphraseSecretStore } from '../secrets/passphrase-secret-store';
import { clientOver, dataOf, migrationsFolder, setupAdmin, testClient } from '../testing';
import { openBehindPassphrase } from './host';

const passphrase = 'lake victoria at dawn';
const folders: string[] = [];
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const item of opened.splice(0)) item.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-passphrase-host-'));
  folders.push(folder);
  return folder;
}

/** One start of the app on `folder`: the store behind its passphrase, as both hosts run it. */
function start(folder: string) {
  const vault = new PassphraseSecretStore(folder, { cost: { N: 2 ** 14, r: 8, p: 1 } });
  const live = openBehindPassphrase(vault, folder, (secrets) =>
    openOrRecover(() => undefined, { dataDir: folder, secrets, migrationsFolder, signInDelayMs: () => 0 }),
  );
  opened.push(live);
  return clientOver((send) => live.connect(send));
}

const refusal = (message: ServerMessage) => (message.type === 'error' ? message.error : null);

describe('a store behind its recovery passphrase', () => {
  it('is chosen at first start, asked at the next, refuses a wrong one, and opens the same data with the right one', async () => {
    const folder = dataDir();
    const first = start(folder);
    // Nothing of the store answers before the passphrase: the renderer shows the passphrase screen.
    expect(refusal(await first.query('account.status'))).toMatchObject({ code: 'STORE_LOCKED' });
    expect(dataOf<PassphraseStatus>(await first.query('passphrase.status'))).toEqual({ state: 'new', dataDir: folder });

    expect(refusal(await first.mutate('passphrase.create', { passphrase: 'too short', confirm: 'too short' }))).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { passphrase: ['passphrase.errors.tooShort'] },
    });
    expect(refusal(await first.mutate('passphrase.create', { passphrase, confirm: 'lake victoria at dusk' }))).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { confirm: ['passphrase.errors.mismatch'] },
    });
    expect(dataOf<PassphraseStatus>(await first.mutate('passphrase.create', { passphrase, confirm: passphrase }))).toMatchObject({
      state: 'open',
    });
    // The same connection now reaches the store: first-run setup, as on any new computer.
    expect(dataOf<AccountStatus>(await first.query('account.status'))).toMatchObject({ needsSetup: true });
    dataOf(await first.mutate('account.setup', setupAdmin));
    expect(refusal(await first.mutate('passphrase.unlock', { passphrase }))).toMatchObject({ code: 'CONFLICT' });
    opened.splice(0).forEach((item) => item.close());
    expect(fs.existsSync(path.join(folder, 'secrets.json'))).toBe(false);

    const second = start(folder);
    expect(dataOf<PassphraseStatus>(await second.query('passphrase.status'))).toMatchObject({ state: 'locked' });
    expect(
      refusal(await second.mutate('passphrase.create', { passphrase: 'a brand new passphrase', confirm: 'a brand new passphrase' })),
    ).toMatchObject({ code: 'CONFLICT', message: 'passphrase.errors.alreadyChosen' });
    expect(refusal(await second.mutate('passphrase.unlock', { passphrase: 'lake victoria at dusk' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'passphrase.errors.wrong',
    });
    expect(refusal(await second.query('account.status'))).toMatchObject({ code: 'STORE_LOCKED' });
    dataOf(await second.mutate('passphrase.unlock', { passphrase }));
    expect(dataOf<AccountStatus>(await second.query('account.status'))).toMatchObject({
      needsSetup: false,
      organisation: setupAdmin.organisation,
    });
    dataOf(await second.mutate('account.signIn', { email: setupAdmin.email, password: setupAdmin.password }));
  });

  it('will not seal a new key over data whose key is kept elsewhere', async () => {
    const folder = dataDir();
    // This folder's store was made with the key in another place (the keyring, or the web host's file).
    opened.push(await openCore({ dataDir: folder, secrets: new FileSecretStore(folder), migrationsFolder }));
    opened.splice(0).forEach((item) => item.close());
    fs.rmSync(path.join(folder, 'secrets.json'));

    const client = start(folder);
    expect(refusal(await client.mutate('passphrase.create', { passphrase, confirm: passphrase }))).toMatchObject({
      code: 'CONFLICT',
      message: 'passphrase.errors.dataWithoutKey',
    });
    expect(fs.readdirSync(folder)).not.toContain('passphrase-secrets.json');
  });

  it('answers the status from an open core too, with nothing to unlock', async () => {
    const folder = dataDir();
    const core = await openCore({ dataDir: folder, secrets: new FileSecretStore(folder), migrationsFolder });
    opened.push(core);
    const client = testClient(core);
    expect(dataOf<PassphraseStatus>(await client.query('passphrase.status'))).toEqual({ state: 'open', dataDir: folder });
    expect(refusal(await client.mutate('passphrase.unlock', { passphrase }))).toMatchObject({ code: 'CONFLICT' });
  });
});
