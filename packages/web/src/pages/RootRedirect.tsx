import { Navigate } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { useCheckedSession } from '../session/context';

/** `/`: staff land on their work, everyone else on the login page (which links the citizen pages). */
export function RootRedirect() {
  const { state } = useCheckedSession();
  if (state.status === 'signed-out') return <Navigate to="/login" replace />;
  // A failed check also goes on to /cases, where <RequireAuth> explains it and offers a retry.
  if (state.status === 'signed-in' || state.status === 'error') return <Navigate to="/cases" replace />;
  return <PageSpinner fullscreen />;
}
