import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { PageSpinner } from './components/PageSpinner';
import { PublicLayout } from './layouts/PublicLayout';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { RootRedirect } from './pages/RootRedirect';

// Each page is its own chunk: a citizen on /appeal never downloads the staff console, and
// staff never download the phone-number metadata the appeal form needs.
const AppealPage = lazy(() => import('./pages/appeal/AppealPage'));
const TrackPage = lazy(() => import('./pages/track/TrackPage'));
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const StaffShell = lazy(() => import('./layouts/StaffShell'));

function Root() {
  return (
    <Suspense fallback={<PageSpinner fullscreen />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <RootRedirect /> },
      {
        element: <PublicLayout />,
        children: [
          { path: 'appeal', element: <AppealPage /> },
          { path: 'track', element: <TrackPage /> },
          { path: 'track/:code', element: <TrackPage /> },
          { path: 'login', element: <LoginPage /> },
        ],
      },
      {
        element: <StaffShell />,
        children: [{ path: 'cases', element: <CasesPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
