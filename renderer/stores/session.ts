import { create } from 'zustand';
import type { AccountStatus, SessionUser, SetupInput, SignInInput } from '../../common/account';
import { changeTopics } from '../../common/changes';
import type { AppErrorShape } from '../../common/errors';
import { api, channel } from '../api/client';
import { appErrorOf } from '../api/errors';
import { startChanges, stopChanges, useChanges } from './changes';

export type SessionPhase = 'loading' | 'setup' | 'signIn' | 'ready' | 'failed';

interface SessionState {
  phase: SessionPhase;
  organisation: string | null;
  user: SessionUser | null;
  error: AppErrorShape | null;
  /** The screen is locked (idle or "Lock now"): the content is hidden and the core answers nothing but unlock. */
  locked: boolean;
  /** The user has a PIN to unlock with. */
  hasPin: boolean;
  /** Idle minutes before the screen locks itself. */
  autoLockMinutes: number;
  /** The server IT set in the deploy config, offered (and fixed) at first run. */
  deployedServerUrl: string | null;
  load(): Promise<void>;
  setup(input: SetupInput): Promise<void>;
  signIn(input: SignInInput): Promise<void>;
  /** Refused (thrown) while changes wait to be sent, unless an admin confirms with `confirmUnsynced`. */
  signOut(confirmUnsynced?: boolean): Promise<void>;
  /** Re-reads the account: a role, clinics, PIN or auto-lock change applies without signing in again. */
  refresh(): Promise<void>;
  lock(): Promise<void>;
  /** Throws the core's error (wrong password or PIN, account locked out) and stays locked. */
  unlock(input: { password?: string; pin?: string }): Promise<void>;
}

/** Who is signed in on this window; the core keeps the real sign-in per connection. */
export const useSession = create<SessionState>()((set, get) => {
  const signedIn = (user: SessionUser, organisation: string | null, status?: AccountStatus) => {
    const locked = status?.locked ?? false;
    set({ phase: 'ready', user, organisation, error: null, locked });
    if (status) set({ hasPin: status.hasPin, autoLockMinutes: status.autoLockMinutes, deployedServerUrl: status.deployedServerUrl });
    else void get().refresh();
    if (!locked) startChanges();
  };

  const markLocked = () => {
    if (get().locked || get().phase !== 'ready') return;
    set({ locked: true });
    // A locked window follows no changes: its hidden views would only be refused. Unlocking refreshes them all.
    stopChanges();
  };

  // Locked by another path (another window's call on the same connection, the shell): the core says so on any call.
  channel.onMessage((message) => {
    if (message.type === 'error' && message.error.message === 'account.errors.screenLocked') markLocked();
  });

  return {
    phase: 'loading',
    organisation: null,
    user: null,
    error: null,
    locked: false,
    hasPin: false,
    autoLockMinutes: 10,
    deployedServerUrl: null,

    async load() {
      try {
        const status = await api.account.status.query();
        if (status.user) signedIn(status.user, status.organisation, status);
        else
          set({
            phase: status.needsSetup ? 'setup' : 'signIn',
            organisation: status.organisation,
            deployedServerUrl: status.deployedServerUrl,
            user: null,
            error: null,
          });
      } catch (error) {
        set({ phase: 'failed', error: appErrorOf(error) });
      }
    },

    async setup(input) {
      const user = await api.account.setup.mutate(input);
      signedIn(user, input.organisation.trim());
    },

    async signIn(input) {
      const user = await api.account.signIn.mutate(input);
      signedIn(user, get().organisation);
    },

    async signOut(confirmUnsynced = false) {
      try {
        await api.account.signOut.mutate({ confirmUnsynced });
      } catch (error) {
        // Changes not yet sent to the server: the core keeps this user signed in until they are, or an admin confirms.
        if (appErrorOf(error).message.startsWith('sync.errors.unsyncedSignOut')) throw error;
      }
      stopChanges();
      set({ phase: 'signIn', user: null, locked: false, hasPin: false });
    },

    async refresh() {
      if (get().phase !== 'ready') return;
      try {
        const status = await api.account.status.query();
        if (get().phase !== 'ready') return;
        // Deactivated or removed meanwhile: the core has signed this window out.
        if (!status.user) {
          stopChanges();
          set({ phase: 'signIn', user: null, locked: false, hasPin: false });
          return;
        }
        set({
          user: status.user,
          organisation: status.organisation,
          hasPin: status.hasPin,
          autoLockMinutes: status.autoLockMinutes,
          deployedServerUrl: status.deployedServerUrl,
        });
        if (status.locked) markLocked();
      } catch {
        // Unreachable core: the connection-lost dialog says so.
      }
    },

    async lock() {
      // Hide first, then tell the core: nothing stays readable while the call travels.
      markLocked();
      try {
        await api.account.lock.mutate();
        // Whether a PIN was set meanwhile (in another window): the lock screen offers it.
        await get().refresh();
      } catch {
        // The screen stays locked; unlocking will say what is wrong.
      }
    },

    async unlock(input) {
      await api.account.unlock.mutate(input);
      set({ locked: false });
      startChanges();
      // Changes made while locked were not followed: every view reads again.
      useChanges.getState().bump(changeTopics);
    },
  };
});
