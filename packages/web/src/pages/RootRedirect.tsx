import { Navigate } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { homePath } from '../lib/home';
import { useCheckedSession } from '../session/context';

/** `/`: staff land on their work (see home.ts), everyone else on the login page (which links the citizen pages). */
export function RootRedirect() {
  const { state } = useCheckedSession();
  if (state.status === 'signed-out') return <Navigate to="/login" replace />;
  if (state.status === 'signed-in') return <Navigate to={homePath(state.user.roles)} replace />;
  // A failed check goes on to /cases, where <RequireAuth> explains it and offers a retry.
  if (state.status === 'error') return <Navigate to="/cases" replace />;
  return <PageSpinner fullscreen />;
}
