import { dialog } from 'electron';
import type { CoreFailure } from './core-host';

function explain(failure: CoreFailure): { title: string; detail: string } {
  switch (failure.kind) {
    case 'keyring-unavailable':
      return {
        title: 'Outpost cannot protect its data on this computer',
        detail:
          'Outpost keeps the key to its encrypted database in the operating system keyring ' +
          '(Keychain on macOS, Credential Manager on Windows, the Secret Service or KWallet on Linux), ' +
          'and no keyring is available to this user. Outpost will not keep the key unprotected.\n\n' +
          'Sign in to a desktop session with a keyring, or ask your IT administrator to set one up, ' +
          'then start Outpost again. A recovery passphrase as an alternative is planned for a later version.',
      };
    case 'open-failed':
      return {
        title: 'Outpost could not open its data',
        detail: `${failure.message}\n\nContact your IT administrator with this message.`,
      };
    case 'exited':
      return {
        title: 'Outpost stopped unexpectedly',
        detail: `Its background service ended (code ${failure.code}). Everything saved before is kept; start Outpost again.`,
      };
  }
}

export function showCoreFailure(failure: CoreFailure): void {
  const { title, detail } = explain(failure);
  dialog.showErrorBox(title, detail);
}
