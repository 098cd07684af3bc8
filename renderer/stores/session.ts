import { create } from 'zustand';
import type { SessionUser, SetupInput, SignInInput } from '../../common/account';
import type { AppErrorShape } from '../../common/errors';
import { api } from '../api/client';
import { appErrorOf } from '../api/errors';
import { startChanges, stopChanges } from './changes';

export type SessionPhase = 'loading' | 'setup' | 'signIn' | 'ready' | 'failed';

interface SessionState {
  phase: SessionPhase;
  organisation: string | null;
  user: SessionUser | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
  setup(input: SetupInput): Promise<void>;
  signIn(input: SignInInput): Promise<void>;
  signOut(): Promise<void>;
}

/** Who is signed in on this window; the core keeps the real sign-in per connection. */
export const useSession = create<SessionState>()((set, get) => {
  const signedIn = (user: SessionUser, organisation: string | null) => {
    set({ phase: 'ready', user, organisation, error: null });
    startChanges();
  };

  return {
    phase: 'loading',
    organisation: null,
    user: null,
    error: null,

    async load() {
      try {
        const status = await api.account.status.query();
        if (status.user) signedIn(status.user, status.organisation);
        else set({ phase: status.needsSetup ? 'setup' : 'signIn', organisation: status.organisation, user: null, error: null });
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

    async signOut() {
      stopChanges();
      try {
        await api.account.signOut.mutate();
      } finally {
        set({ phase: 'signIn', user: null });
      }
    },
  };
});
