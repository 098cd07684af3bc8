import { create } from 'zustand';
import { useSession } from './session';

/**
 * Unsaved form contents, per user, so that a colleague can use the computer
 * ("Switch user") and the first user finds their half-filled form when they
 * come back. Drafts live in this window's memory only: they are never written
 * to disk (localStorage or sessionStorage would put beneficiary details on the
 * disk unencrypted), and they go when the window closes. A form clears its
 * draft when it is saved or cancelled; another user never reads it.
 *
 * Form keys name the form: `beneficiaries.register`, `sessions.record`, …
 */
interface UserDrafts {
  forms: Record<string, unknown>;
  /** Where the user was when they switched user: they return there on signing in again. */
  returnTo?: string;
}

interface DraftsState {
  byUser: Record<string, UserDrafts>;
  save(userId: string, form: string, values: unknown): void;
  discard(userId: string, form: string): void;
  setReturnTo(userId: string, path: string | undefined): void;
}

export const useDrafts = create<DraftsState>()((set) => ({
  byUser: {},
  save: (userId, form, values) =>
    set((state) => {
      const mine = state.byUser[userId] ?? { forms: {} };
      return { byUser: { ...state.byUser, [userId]: { ...mine, forms: { ...mine.forms, [form]: values } } } };
    }),
  discard: (userId, form) =>
    set((state) => {
      const mine = state.byUser[userId];
      if (!mine || !(form in mine.forms)) return state;
      const { [form]: _gone, ...forms } = mine.forms;
      return { byUser: { ...state.byUser, [userId]: { ...mine, forms } } };
    }),
  setReturnTo: (userId, path) =>
    set((state) => ({ byUser: { ...state.byUser, [userId]: { ...(state.byUser[userId] ?? { forms: {} }), returnTo: path } } })),
}));

/** The signed-in user's draft of one form: read it when the form opens, save it when the form is left unsaved. */
export function useDraft<T>(form: string) {
  const userId = useSession((state) => state.user?.id);
  const draft = useDrafts((state) => (userId ? (state.byUser[userId]?.forms[form] as T | undefined) : undefined));
  return {
    draft,
    /** Keeps `values` for this user (null: nothing to keep). The user is the one who opened the form, even if they sign out as it closes. */
    save: (values: T | null) => {
      if (!userId) return;
      if (values === null) useDrafts.getState().discard(userId, form);
      else useDrafts.getState().save(userId, form, values);
    },
    discard: () => {
      if (userId) useDrafts.getState().discard(userId, form);
    },
  };
}
