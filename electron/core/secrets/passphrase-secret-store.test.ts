import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScryptCost, PassphraseError, PassphraseSecretStore } from './passphrase-secret-store';

const passphrase = 'lake victoria at dawn';
// The real cost is tested once; the rest use a cheaper one so the suite stays quick.
const cheap = { cost: { N: 2 ** 14, r: 8, p: 1 } };
const folders: string[] = [];

function dataDir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-passphrase-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: unknown) => (error instanceof PassphraseError ? error.problem : error),
  );

describe('PassphraseSecretStore', () => {
  it('keeps the database key across restarts with the strong default cost, and nothing readable on disk', async () => {
    const folder = dataDir();
    const key = randomBytes(32).toString('hex');
    const first = new PassphraseSecretStore(folder);
    expect(first.state()).toBe('new');
    await first.create(passphrase);
    await first.set('database-key', key);
    await first.set('sync-refresh', 'refresh-token-value');

    const text = fs.readFileSync(first.file, 'utf8');
    expect(JSON.parse(text).kdf).toMatchObject(defaultScryptCost);
    // Neither the key (as hex or as bytes), nor the other secret, nor the passphrase is in the file.
    expect(text).not.toContain(key);
    expect(Buffer.from(text).includes(Buffer.from(key, 'hex'))).toBe(false);
    expect(text).not.toContain('refresh-token-value');
    expect(text).not.toContain(passphrase);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    // Nothing else was written beside it.
    expect(fs.readdirSync(folder)).toEqual(['passphrase-secrets.json']);

    const restarted = new PassphraseSecretStore(folder);
    expect(restarted.state()).toBe('locked');
    await expect(restarted.get('database-key')).rejects.toThrow(PassphraseError);
    await restarted.unlock(passphrase);
    expect(restarted.state()).toBe('open');
    expect(await restarted.get('database-key')).toBe(key);
    expect(await restarted.get('sync-refresh')).toBe('refresh-token-value');
    expect(await restarted.get('never-set')).toBeNull();
  });

  it('refuses a wrong passphrase, waits longer after each one, changes nothing, and opens with the right one', async () => {
    const folder = dataDir();
    const store = new PassphraseSecretStore(folder, cheap);
    await store.create(passphrase);
    await store.set('database-key', 'the key');
    const before = fs.readFileSync(store.file);

    const pauses: number[] = [];
    const restarted = new PassphraseSecretStore(folder, {
      ...cheap,
      delayMs: (failures) => {
        pauses.push(failures);
        return 0;
      },
    });
    expect(await refusal(restarted.unlock('lake victoria at dusk'))).toBe('wrong');
    expect(await refusal(restarted.unlock(''))).toBe('wrong');
    expect(await refusal(restarted.unlock(passphrase.toUpperCase()))).toBe('wrong');
    expect(restarted.state()).toBe('locked');
    await expect(restarted.get('database-key')).rejects.toThrow(PassphraseError);
    expect(fs.readFileSync(store.file)).toEqual(before);

    await restarted.unlock(passphrase);
    expect(await restarted.get('database-key')).toBe('the key');
    // Each attempt is counted before it is checked: the pause grows with the wrong ones before it.
    expect(pauses).toEqual([0, 1, 2, 3]);
  });

  it('runs attempts one at a time, so a burst of guesses cannot skip the pauses', async () => {
    const folder = dataDir();
    await new PassphraseSecretStore(folder, cheap).create(passphrase);
    const seen: number[] = [];
    const store = new PassphraseSecretStore(folder, { ...cheap, delayMs: (failures) => (seen.push(failures), 0) });
    const results = await Promise.all(['guess one', 'guess two', 'guess three'].map((guess) => refusal(store.unlock(guess))));
    expect(results).toEqual(['wrong', 'wrong', 'wrong']);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('refuses a file that was altered, whichever part, and says it is damaged rather than wrong', async () => {
    const folder = dataDir();
    const store = new PassphraseSecretStore(folder, cheap);
    await store.create(passphrase);
    await store.set('database-key', 'the key');
    const original = JSON.parse(fs.readFileSync(store.file, 'utf8'));
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0]! ^= 1;
      return bytes.toString('base64');
    };

    const tamperings = {
      data: { ...original, data: flip(original.data) },
      tag: { ...original, cipher: { ...original.cipher, tag: flip(original.cipher.tag) } },
      nonce: { ...original, cipher: { ...original.cipher, nonce: flip(original.cipher.nonce) } },
    };
    for (const [part, altered] of Object.entries(tamperings)) {
      fs.writeFileSync(store.file, JSON.stringify(altered));
      expect([part, await refusal(new PassphraseSecretStore(folder, cheap).unlock(passphrase))]).toEqual([part, 'damaged']);
    }
    // The cost and salt are bound to the check: changed, the passphrase no longer opens the file.
    fs.writeFileSync(store.file, JSON.stringify({ ...original, kdf: { ...original.kdf, salt: flip(original.kdf.salt) } }));
    expect(await refusal(new PassphraseSecretStore(folder, cheap).unlock(passphrase))).toBe('wrong');
    // A cost that would only exhaust memory is refused before any work.
    fs.writeFileSync(store.file, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 2 ** 30 } }));
    expect(await refusal(new PassphraseSecretStore(folder, cheap).unlock(passphrase))).toBe('damaged');
    fs.writeFileSync(store.file, 'not json');
    expect(await refusal(new PassphraseSecretStore(folder, cheap).unlock(passphrase))).toBe('damaged');

    fs.writeFileSync(store.file, JSON.stringify(original));
    const restored = new PassphraseSecretStore(folder, cheap);
    await restored.unlock(passphrase);
    expect(await restored.get('database-key')).toBe('the key');
  });

  it('asks for a long enough passphrase and never replaces one already chosen', async () => {
    const folder = dataDir();
    const store = new PassphraseSecretStore(folder, cheap);
    expect(await refusal(store.create('short one'))).toBe('tooShort');
    expect(store.state()).toBe('new');
    expect(fs.existsSync(store.file)).toBe(false);

    await store.create(passphrase);
    await store.set('database-key', 'the key');
    expect(await refusal(new PassphraseSecretStore(folder, cheap).create('another long passphrase'))).toBe('exists');
    const restarted = new PassphraseSecretStore(folder, cheap);
    await restarted.unlock(passphrase);
    expect(await restarted.get('database-key')).toBe('the key');
  });
});
