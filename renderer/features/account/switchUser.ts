import { useLocation, useNavigate } from 'react-router';
import { useDrafts } from '../../stores/drafts';
import { useSession } from '../../stores/session';
import { askAboutUnsynced } from '../sync/UnsyncedSignOut';

/**
 * Ends this user's session on a shared computer. Nothing is lost: records are
 * in the local store, and unsaved forms are kept as this user's drafts (the
 * page being left stores its draft as it closes). With `comeBack`, the user
 * returns to this page when they sign in again ("Switch user").
 */
export function useLeave() {
  const navigate = useNavigate();
  const location = useLocation();
  return ({ comeBack }: { comeBack: boolean }) => {
    const user = useSession.getState().user;
    if (user) useDrafts.getState().setReturnTo(user.id, comeBack ? `${location.pathname}${location.search}` : undefined);
    navigate('/today');
    useSession
      .getState()
      .signOut()
      .catch((error: unknown) => askAboutUnsynced(error));
  };
}
