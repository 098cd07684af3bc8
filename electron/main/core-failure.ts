import { dialog } from 'electron';
import type { CoreFailure } from './core-host';

function explain(failure: CoreFailure): { title: string; detail: string } {
  switch (failure.kind) {
    case 'keyring-unavailable':
      return {
        title: 'Outpost cannot reach the key to its data',
        detail:
          'The key to the encrypted database on this computer is kept in the operating system keyring ' +
          '(Keychain on macOS, Credential Manager on Windows, the Secret Service or KWallet on Linux), ' +
          'and that keyring is not available to this user now. Outpost will not make a new key: the data would be lost.\n\n' +
          'Sign in to the desktop session where Outpost was set up, or ask your IT administrator to unlock or ' +
          'restore the keyring, then start Outpost again.',
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
