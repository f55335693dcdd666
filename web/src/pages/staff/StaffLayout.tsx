import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../api/session.ts';
import { Loading, LoadError } from '../../app/components/LoadState.tsx';
import { consoleSections, usesConsole } from '../../features/session/access.ts';
import { AccessRefusedPage } from '../../features/session/AccessRefused.tsx';
import { list, t } from '../../i18n/index.ts';
import '../../features/items/items.css';
import '../../features/staff/staff.css';

/**
 * The staff console's shell (/staff/…): its own navigation, showing each part only to whom it applies
 * (features/session/access.ts), and who is working, in which department. Signed out, or signed in as an
 * account without a console, the visitor is told so and offered the sign-in page.
 */
export function StaffLayout() {
  const session = useSession();
  const principal = session.principal;
  if (session.isPending) return <Loading rows={6} />;
  if (session.error) return <LoadError error={session.error} />;
  if (!principal) return <AccessRefusedPage status={401} />;
  if (!usesConsole(principal))
    return (
      <AccessRefusedPage
        status={403}
        title={t('staff.notStaff.title')}
        body={t('staff.notStaff.body', {
          kind: t(`staff.kind.${principal.kind}`),
          name: principal.displayName,
        })}
      />
    );

  const sections = consoleSections(principal);
  const roles = principal.staffRoles.map((r) => t(`staff.role.${r}`));
  return (
    <div className="staff-console">
      <div className="staff-bar">
        <nav className="staff-nav" aria-label={t('staff.nav')}>
          <ul>
            {sections.worklist ? (
              <li>
                <NavLink to="/staff" end>
                  {t('staff.nav.worklist')}
                </NavLink>
              </li>
            ) : null}
            {sections.review ? (
              <li>
                <NavLink to="/staff/review">{t('staff.nav.review')}</NavLink>
              </li>
            ) : null}
            {sections.documents ? (
              <li>
                <NavLink to="/staff/documents">{t('staff.nav.documents')}</NavLink>
              </li>
            ) : null}
            {sections.window ? (
              <li>
                <NavLink to="/staff/window">{t('staff.nav.window')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <p className="staff-who">
          {principal.department
            ? t('staff.who', {
                department: principal.department.name,
                roles: roles.length > 0 ? list(roles) : t(`staff.kind.${principal.kind}`),
              })
            : t(`staff.kind.${principal.kind}`)}
        </p>
      </div>
      <Outlet />
    </div>
  );
}
