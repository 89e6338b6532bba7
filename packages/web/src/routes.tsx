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
const LinesPage = lazy(() => import('./pages/lines/LinesPage'));
const AnswerRatesPage = lazy(() => import('./pages/lines/AnswerRatesPage'));
const FiguresPage = lazy(() => import('./pages/figures/FiguresPage'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage'));
const NewCasePage = lazy(() => import('./pages/new-case/NewCasePage'));
const CaseDetailPage = lazy(() => import('./pages/case-detail/CaseDetailPage'));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage'));
const DeskPage = lazy(() => import('./pages/desk/DeskPage'));
const QueuePage = lazy(() => import('./pages/queue/QueuePage'));
const OverduePage = lazy(() => import('./pages/supervision/OverduePage'));
const ArbitrationPage = lazy(() => import('./pages/supervision/ArbitrationPage'));
const NoticesPage = lazy(() => import('./pages/supervision/NoticesPage'));
const SupervisorHomePage = lazy(() => import('./pages/supervision/SupervisorHomePage'));
const OrdersPage = lazy(() => import('./pages/supervision/OrdersPage'));
const ExtensionsPage = lazy(() => import('./pages/supervision/ExtensionsPage'));
const OrgPage = lazy(() => import('./pages/admin/org/OrgPage'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage'));
const AdminLinesPage = lazy(() => import('./pages/admin/lines/AdminLinesPage'));
const DeadlinePolicyPage = lazy(() => import('./pages/admin/policy/DeadlinePolicyPage'));
const CalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage'));
const OutboxPage = lazy(() => import('./pages/admin/outbox/OutboxPage'));
const AuditPage = lazy(() => import('./pages/admin/audit/AuditPage'));
const RoutingModelsPage = lazy(() => import('./pages/admin/routing/RoutingModelsPage'));
const KnowledgeAdminPage = lazy(() => import('./pages/admin/kb/KnowledgeAdminPage'));
const LexiconPage = lazy(() => import('./pages/admin/lexicon/LexiconPage'));
const KeywordRulesPage = lazy(() => import('./pages/admin/keywords/KeywordRulesPage'));
const RateLimitsPage = lazy(() => import('./pages/admin/rate-limits/RateLimitsPage'));
const PublicIntakePage = lazy(() => import('./pages/admin/public-intake/PublicIntakePage'));
const TelephonyPage = lazy(() => import('./pages/admin/telephony/TelephonyPage'));
const Open311KeysPage = lazy(() => import('./pages/admin/open311/Open311KeysPage'));
const RankingWeightsPage = lazy(() => import('./pages/admin/ranking/RankingWeightsPage'));
const CategoriesPage = lazy(() => import('./pages/admin/categories/CategoriesPage'));
const RankingPage = lazy(() => import('./pages/reports/RankingPage'));
const ReturnsPage = lazy(() => import('./pages/reports/ReturnsPage'));
const FairnessPage = lazy(() => import('./pages/reports/FairnessPage'));
// ECharts comes only with this chunk: the rest of the console does not grow for it.
const StatsPage = lazy(() => import('./pages/stats/StatsPage'));
const HeldSmsPage = lazy(() => import('./pages/held-sms/HeldSmsPage'));
const PetitionsPage = lazy(() => import('./pages/petitions/PetitionsPage'));
const CallbacksPage = lazy(() => import('./pages/callbacks/CallbacksPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const CallerFlagsPage = lazy(() => import('./pages/caller-flags/CallerFlagsPage'));
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
          { path: 'lines', element: <LinesPage /> },
          { path: 'lines/answer-rates', element: <AnswerRatesPage /> },
          { path: 'figures', element: <FiguresPage /> },
          { path: 'login', element: <LoginPage /> },
        ],
      },
      {
        element: <StaffShell />,
        children: [
          { path: 'cases', element: <CasesPage /> },
          { path: 'cases/new', element: <NewCasePage /> },
          { path: 'cases/:id', element: <CaseDetailPage /> },
          { path: 'workbench', element: <WorkbenchPage /> },
          { path: 'desk', element: <DeskPage /> },
          { path: 'queue', element: <QueuePage /> },
          { path: 'supervision/overdue', element: <OverduePage /> },
          { path: 'supervision/arbitration', element: <ArbitrationPage /> },
          { path: 'supervision/notices', element: <NoticesPage /> },
          { path: 'supervision', element: <SupervisorHomePage /> },
          { path: 'supervision/orders', element: <OrdersPage /> },
          { path: 'supervision/extensions', element: <ExtensionsPage /> },
          { path: 'admin/org', element: <OrgPage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/lines', element: <AdminLinesPage /> },
          { path: 'admin/deadlines', element: <DeadlinePolicyPage /> },
          { path: 'admin/calendar', element: <CalendarPage /> },
          { path: 'admin/outbox', element: <OutboxPage /> },
          { path: 'admin/audit', element: <AuditPage /> },
          { path: 'admin/routing', element: <RoutingModelsPage /> },
          { path: 'admin/kb', element: <KnowledgeAdminPage /> },
          { path: 'admin/lexicon', element: <LexiconPage /> },
          { path: 'admin/keywords', element: <KeywordRulesPage /> },
          { path: 'admin/rate-limits', element: <RateLimitsPage /> },
          { path: 'admin/public-intake', element: <PublicIntakePage /> },
          { path: 'admin/telephony', element: <TelephonyPage /> },
          { path: 'admin/open311', element: <Open311KeysPage /> },
          { path: 'admin/ranking-weights', element: <RankingWeightsPage /> },
          { path: 'admin/categories', element: <CategoriesPage /> },
          { path: 'reports/ranking', element: <RankingPage /> },
          { path: 'reports/returns', element: <ReturnsPage /> },
          { path: 'reports/fairness', element: <FairnessPage /> },
          { path: 'sms/held', element: <HeldSmsPage /> },
          { path: 'petitions', element: <PetitionsPage /> },
          { path: 'callbacks', element: <CallbacksPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'caller-flags', element: <CallerFlagsPage /> },
          { path: 'stats', element: <StatsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
