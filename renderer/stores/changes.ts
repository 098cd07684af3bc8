import type { Unsubscribable } from '@trpc/server/observable';
import { create } from 'zustand';
import { type ChangeTopic, changeTopics } from '../../common/changes';
import { api } from '../api/client';

type Versions = Record<ChangeTopic, number>;

interface ChangesState {
  /** Bumped once per change event that names the topic; live queries watch these. */
  versions: Versions;
  bump(topics: readonly ChangeTopic[]): void;
}

const zero = Object.fromEntries(changeTopics.map((topic) => [topic, 0])) as Versions;

export const useChanges = create<ChangesState>()((set) => ({
  versions: zero,
  bump: (topics) =>
    set((state) => {
      const versions = { ...state.versions };
      for (const topic of topics) if (topic in versions) versions[topic] += 1;
      return { versions };
    }),
}));

let subscription: Unsubscribable | null = null;

/** The one app-wide `changes` subscription; started after sign-in. */
export function startChanges(): void {
  if (subscription) return;
  subscription = api.changes.subscribe(undefined, {
    onData: (event) => useChanges.getState().bump(event.topics),
    onError: () => {
      subscription = null;
    },
    onComplete: () => {
      subscription = null;
    },
  });
}

/** Ends it before signing out, so the core stops telling a signed-out window about writes. */
export function stopChanges(): void {
  subscription?.unsubscribe();
  subscription = null;
}
