import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { AccountMenu } from '../features/session/AccountMenu.tsx';
import { toQueryString, withQuery } from '../features/search/search-state.ts';
import { SettingsToggles } from '../features/settings/SettingsToggles.tsx';
import { t } from '../i18n/index.ts';
import { ChannelProvider } from './channel.tsx';
import { useRouteChangeFocus } from './route-focus.ts';
import { useMainAttributes } from './useBusy.ts';
import { useSettings } from './settings-context.tsx';
import { SkipLink } from './SkipLink.tsx';
import { ThemedRoot } from './ThemedRoot.tsx';

// Loaded only when window mode is switched on: most visitors never need it.
const WindowShortcuts = lazy(() =>
  import('../features/shortcuts/WindowShortcuts.tsx').then((m) => ({ default: m.WindowShortcuts })),
);

/** Pages that have their own search box, or need none (sign-in, the staff console); the others get one in the header. */
const OWN_SEARCH = new Set(['/', '/search', '/signin']);
const withHeaderSearch = (path: string) =>
  !OWN_SEARCH.has(path) && path !== '/staff' && !path.startsWith('/staff/');

function PortalFrame() {
  const { settings } = useSettings();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [menu, setMenu] = useState({ open: false, path: location.pathname });
  // The phone menu closes when the page changes (derived from the path, no effect needed).
  const menuOpen = menu.open && menu.path === location.pathname;
  useRouteChangeFocus();
  const mainAttributes = useMainAttributes();

  return (
    <div className="site">
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              {t('app.mark')}
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <Button
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenu({ open: !menuOpen, path: location.pathname })}
          >
            {t('nav.menu')}
          </Button>
          <div id="site-menu" className={menuOpen ? 'site-menu site-menu-open' : 'site-menu'}>
            <nav aria-label={t('nav.label')} className="site-nav">
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t('nav.home')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/items">{t('nav.items')}</NavLink>
                </li>
                <li>
                  <NavLink to="/calculator">{t('nav.calculator')}</NavLink>
                </li>
                <li>
                  <NavLink to="/match">{t('nav.match')}</NavLink>
                </li>
                <li>
                  <NavLink to="/documents">{t('nav.library')}</NavLink>
                </li>
                <li>
                  <NavLink to="/issues">{t('nav.issues')}</NavLink>
                </li>
              </ul>
            </nav>
            <SettingsToggles />
            <AccountMenu />
          </div>
        </div>
        {withHeaderSearch(location.pathname) ? (
          <div className="header-search">
            <SearchBox
              onSearch={(q) => void navigate(`/search${toQueryString(withQuery({ q: '', page: 1 }, q))}`)}
            />
          </div>
        ) : null}
        {navigation.state === 'loading' ? <div className="route-progress" aria-hidden="true" /> : null}
      </header>
      {settings.windowMode ? (
        <Suspense fallback={null}>
          <WindowShortcuts />
        </Suspense>
      ) : null}
      <main id="main" tabIndex={-1} className="site-main" {...mainAttributes}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          {t('footer.sponsor')}
          <span aria-hidden="true"> · </span>
          {t('footer.basis')}
        </p>
        <p>
          <Link to="/changes">{t('changes.title')}</Link>
          <span aria-hidden="true"> · </span>
          <a href="/api/docs">{t('footer.apiDocs')}</a>
          <span aria-hidden="true"> · </span>
          <Link to="/kiosk">{t('footer.kiosk')}</Link>
        </p>
      </footer>
    </div>
  );
}

/** PC and phone: one responsive layout. Window mode is a setting of this layout. */
export function PortalLayout() {
  return (
    <ChannelProvider channel="web">
      <ThemedRoot channel="web">
        <PortalFrame />
      </ThemedRoot>
    </ChannelProvider>
  );
}
