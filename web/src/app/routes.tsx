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
          ...pages,
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
