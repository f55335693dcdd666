import { createBrowserRouter, type RouteObject } from 'react-router';
import { ErrorContent, RouteErrorPage } from '../pages/ErrorPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { t } from '../i18n/index.ts';
import { PortalLayout } from './PortalLayout.tsx';

/**
 * Each page is its own chunk (route `lazy`), so the first screen loads only the shell and its page. The
 * server knows the top-level sections too (src/http/plugins/web.ts CLIENT_SECTIONS), to answer 404 for others.
 */
const pages: RouteObject[] = [
  {
    path: 'search',
    lazy: () => import('../pages/SearchPage.tsx').then((m) => ({ Component: m.SearchPage })),
  },
  {
    path: 'documents',
    lazy: () => import('../pages/LibraryPage.tsx').then((m) => ({ Component: m.LibraryPage })),
  },
  {
    path: 'documents/:id',
    lazy: () => import('../pages/DocumentPage.tsx').then((m) => ({ Component: m.DocumentPage })),
  },
  {
    path: 'documents/:id/versions/:version',
    lazy: () => import('../pages/VersionPage.tsx').then((m) => ({ Component: m.VersionPage })),
  },
  {
    path: 'items',
    lazy: () => import('../pages/ItemsPage.tsx').then((m) => ({ Component: m.ItemsPage })),
  },
  {
    path: 'items/:code',
    lazy: () => import('../pages/ItemPage.tsx').then((m) => ({ Component: m.ItemPage })),
  },
  {
    path: 'calculator',
    lazy: () => import('../pages/CalculatorPage.tsx').then((m) => ({ Component: m.CalculatorPage })),
  },
  {
    path: 'match',
    lazy: () => import('../pages/MatchPage.tsx').then((m) => ({ Component: m.MatchPage })),
  },
  {
    path: 'issues',
    lazy: () => import('../pages/IssuesPage.tsx').then((m) => ({ Component: m.IssuesPage })),
  },
  {
    path: 'issues/:id',
    lazy: () => import('../pages/IssuePage.tsx').then((m) => ({ Component: m.IssuePage })),
  },
  // Already in the shell's chunk: the error boundary shows it for a missing route.
  { path: '*', Component: NotFoundPage },
];

/**
 * Pages of the PC and phone portal only: signing in and the staff console are not offered at the kiosk, a
 * shared device (docs/channels.md).
 */
const portalPages: RouteObject[] = [
  {
    path: 'signin',
    lazy: () => import('../pages/SignInPage.tsx').then((m) => ({ Component: m.SignInPage })),
  },
  {
    path: 'changes',
    lazy: () => import('../pages/ChangesPage.tsx').then((m) => ({ Component: m.ChangesPage })),
  },
  {
    path: 'me/data',
    lazy: () => import('../pages/MyDataPage.tsx').then((m) => ({ Component: m.MyDataPage })),
  },
  {
    // The console's shell checks who is signed in and shows each part only to whom it applies.
    path: 'staff',
    lazy: () => import('../pages/staff/StaffLayout.tsx').then((m) => ({ Component: m.StaffLayout })),
    children: [
      {
        index: true,
        lazy: () => import('../pages/staff/WorklistPage.tsx').then((m) => ({ Component: m.WorklistPage })),
      },
      {
        path: 'review',
        lazy: () =>
          import('../pages/staff/ReviewQueuePage.tsx').then((m) => ({ Component: m.ReviewQueuePage })),
      },
      {
        path: 'review/:code',
        lazy: () => import('../pages/staff/ReviewPage.tsx').then((m) => ({ Component: m.ReviewPage })),
      },
      ...['items/new', 'items/:code/edit', 'split'].map((path) => ({
        path,
        lazy: () =>
          import('../pages/staff/ItemEditorPage.tsx').then((m) => ({ Component: m.ItemEditorPage })),
      })),
      {
        path: 'items/:code',
        lazy: () =>
          import('../pages/staff/ItemHistoryPage.tsx').then((m) => ({ Component: m.ItemHistoryPage })),
      },
      {
        path: 'documents',
        lazy: () =>
          import('../pages/staff/StaffDocumentsPage.tsx').then((m) => ({ Component: m.StaffDocumentsPage })),
      },
      {
        path: 'window',
        lazy: () => import('../pages/staff/WindowPage.tsx').then((m) => ({ Component: m.WindowPage })),
      },
    ],
  },
];

/** Shown while the first page's code loads. */
function ShellLoading() {
  return (
    <p role="status" className="shell-loading">
      {t('common.loading')}
    </p>
  );
}

export const routes: RouteObject[] = [
  {
    path: '/kiosk',
    // The kiosk's shell (idle reset, its own theme) is a chunk of its own: PC and phone visitors never load it.
    lazy: () => import('./KioskLayout.tsx').then((m) => ({ Component: m.KioskLayout })),
    ErrorBoundary: ErrorContent,
    HydrateFallback: ShellLoading,
    children: [
      {
        ErrorBoundary: RouteErrorPage,
        children: [
          {
            index: true,
            lazy: () => import('../pages/KioskHomePage.tsx').then((m) => ({ Component: m.KioskHomePage })),
          },
          ...pages,
        ],
      },
    ],
  },
  {
    path: '/',
    Component: PortalLayout,
    ErrorBoundary: ErrorContent,
    HydrateFallback: ShellLoading,
    children: [
      {
        ErrorBoundary: RouteErrorPage,
        children: [
          {
            index: true,
            lazy: () => import('../pages/HomePage.tsx').then((m) => ({ Component: m.HomePage })),
          },
          ...portalPages,
          ...pages,
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
