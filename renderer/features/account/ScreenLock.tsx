import { type ReactNode, useEffect, useLayoutEffect } from 'react';
import { useNavigate } from 'react-router';
import { useChanges } from '../../stores/changes';
import { useDrafts } from '../../stores/drafts';
import { useSession } from '../../stores/session';
import { watchIdle } from './idle';
import { LockScreen } from './LockScreen';
import './ScreenLock.css';

/**
 * The signed-in app, behind its lock. After `autoLockMinutes` without
 * activity (or "Lock now") the content is hidden, not just covered: it stays
 * mounted, so a half-typed form is still there after unlocking, but it is
 * `display: none` and inert (not seen, not read aloud, not focusable or
 * selectable), and so are menus and dialogs. The core refuses every call but
 * unlock meanwhile.
 *
 * Playwright's clock (`page.clock.install()`, then `fastForward`) moves the idle timer in tests.
 */
export function ScreenLock({ children }: { children: ReactNode }) {
  const locked = useSession((state) => state.locked);
  const minutes = useSession((state) => state.autoLockMinutes);
  const userId = useSession((state) => state.user?.id);
  const accountVersion = useChanges((state) => state.versions.users + state.versions.settings);
  const navigate = useNavigate();

  useEffect(() => {
    if (locked) return;
    return watchIdle({ target: window, timeoutMs: minutes * 60_000, onIdle: () => void useSession.getState().lock() });
  }, [locked, minutes]);

  // A role, clinic, PIN or auto-lock change (by an admin, or in another window) applies at once.
  useEffect(() => {
    if (accountVersion > 0) void useSession.getState().refresh();
  }, [accountVersion]);

  // Back from "Switch user": to the page they left, where their draft waits.
  useEffect(() => {
    if (!userId) return;
    const returnTo = useDrafts.getState().byUser[userId]?.returnTo;
    if (!returnTo) return;
    useDrafts.getState().setReturnTo(userId, undefined);
    navigate(returnTo, { replace: true });
  }, [userId]);

  useLayoutEffect(() => {
    document.body.toggleAttribute('data-outpost-locked', locked);
    return () => document.body.removeAttribute('data-outpost-locked');
  }, [locked]);

  return (
    <>
      <div hidden={locked} inert={locked} style={locked ? undefined : { display: 'contents' }}>
        {children}
      </div>
      {locked && <LockScreen />}
    </>
  );
}
