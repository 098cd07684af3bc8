import fs from 'node:fs';
import { join } from 'node:path';
import { passphraseChoice, passphraseEntry, type PassphraseStatus } from '../../../common/passphrase';
import type { ServerMessage } from '../../../common/rpc';
import { CoreError } from '../errors';
import { createLogger } from '../log';
import type { SecretStore } from '../platform';
import type { LiveStore } from '../recovery/host';
import { PassphraseError, type PassphraseSecretStore } from '../secrets/passphrase-secret-store';
import { toErrorShape } from '../transport';

type Connection = ReturnType<LiveStore['connect']>;

function coreErrorOf(error: unknown): unknown {
  if (!(error instanceof PassphraseError)) return error;
  switch (error.problem) {
    case 'wrong':
      return new CoreError('UNAUTHENTICATED', 'passphrase.errors.wrong');
    case 'tooShort':
      return new CoreError('VALIDATION', 'errors.invalid', { passphrase: ['passphrase.errors.tooShort'] });
    case 'damaged':
      return new CoreError('STORE_DAMAGED', 'passphrase.errors.damaged');
    case 'notFound':
      return new CoreError('NOT_FOUND', 'passphrase.errors.notFound');
    case 'exists':
    case 'locked':
      return new CoreError('CONFLICT', 'passphrase.errors.alreadyChosen');
  }
}

/**
 * Keeps the store shut until its passphrase is given: where the OS has no keyring, the database key is
 * sealed with an administrator's passphrase (../secrets/passphrase-secret-store.ts). Until then every
 * client may only ask the status and choose (first start) or give the passphrase; anything else is
 * STORE_LOCKED, which the renderer answers with the passphrase screen. Once the store opens, `open`
 * runs with the unlocked secrets and each client's calls, on the same connection, go to the store.
 */
export function openBehindPassphrase(
  vault: PassphraseSecretStore,
  dataDir: string,
  open: (secrets: SecretStore) => Promise<LiveStore>,
): LiveStore {
  const log = createLogger(dataDir);
  let live: LiveStore | null = null;
  let opening: Promise<LiveStore> | null = null;

  const status = (): PassphraseStatus => ({ state: live ? 'open' : vault.state() === 'new' ? 'new' : 'locked', dataDir });

  async function openStore(): Promise<PassphraseStatus> {
    opening ??= open(vault).then(
      (opened) => (live = opened),
      (error: unknown) => {
        opening = null;
        throw error;
      },
    );
    await opening;
    return status();
  }

  async function answer(path: string, input: unknown): Promise<PassphraseStatus> {
    if (path === 'passphrase.status') return status();
    if (path === 'passphrase.create') {
      const { passphrase } = passphraseChoice.parse(input);
      // The data here was sealed with a key kept elsewhere (the keyring, another file): a new passphrase cannot open it.
      if (vault.state() === 'new' && fs.existsSync(join(dataDir, 'outpost.db')))
        throw new CoreError('CONFLICT', 'passphrase.errors.dataWithoutKey');
      await vault.create(passphrase);
      log.log('info', 'passphrase.chosen', {});
      return openStore();
    }
    if (path === 'passphrase.unlock') {
      const { passphrase } = passphraseEntry.parse(input);
      try {
        await vault.unlock(passphrase);
      } catch (error) {
        log.log('warn', 'passphrase.refused', { problem: error instanceof PassphraseError ? error.problem : 'error' });
        throw error;
      }
      return openStore();
    }
    throw new CoreError('STORE_LOCKED', 'passphrase.errors.locked');
  }

  return {
    connect(send: (message: ServerMessage) => void): Connection {
      let inner: Connection | null = null;
      return {
        receive(raw) {
          if (live) {
            inner ??= live.connect(send);
            inner.receive(raw);
            return;
          }
          const message = raw as { id?: unknown; type?: unknown; path?: unknown; input?: unknown };
          if (typeof message?.id !== 'number' || typeof message.path !== 'string' || message.type === 'stop') return;
          const id = message.id;
          answer(message.path, message.input).then(
            (data) => send({ id, type: 'data', data }),
            (error: unknown) => send({ id, type: 'error', error: toErrorShape(coreErrorOf(error), log) }),
          );
        },
        close: () => inner?.close(),
      };
    },
    core: () => live?.core() ?? null,
    close: () => live?.close(),
  };
}
