import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useSession, useSignOut, type Principal } from '../../api/session.ts';
import { t } from '../../i18n/index.ts';
import { isDataSubject, signInPath, usesConsole } from './access.ts';
import './session.css';

export function principalLabel(p: Principal): string {
  return p.department
    ? t('session.whoWithDepartment', { name: p.displayName, department: p.department.name })
    : t('session.who', { name: p.displayName });
}

/**
 * The header's account area: "登录" when signed out; when signed in, who (with their department), the
 * console or "我的数据" where they apply, and "退出", which ends the session and says so on the sign-in page.
 */
export function AccountMenu() {
  const { principal, isPending } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();

  // Nothing until the server answers, rather than a "登录" link that turns into a name a moment later.
  if (isPending) return <div className="account-bar" />;
  if (!principal)
    return (
      <div className="account-bar">
        <Link className="account-link" to={signInPath(pathname + search)}>
          {t('session.signIn')}
        </Link>
      </div>
    );

  return (
    <div className="account-bar" role="group" aria-label={t('session.label')}>
      <span className="account-name">{principalLabel(principal)}</span>
      {usesConsole(principal) ? (
        <NavLink className="account-link" to="/staff">
          {t('session.console')}
        </NavLink>
      ) : null}
      {isDataSubject(principal) ? (
        <NavLink className="account-link" to="/me/data">
          {t('session.myData')}
        </NavLink>
      ) : null}
      <button
        type="button"
        className="account-signout"
        disabled={signOut.isPending}
        onClick={() =>
          signOut.mutate(undefined, {
            onSuccess: () => void navigate('/signin', { state: { signedOut: true } }),
          })
        }
      >
        {signOut.isPending ? t('session.signingOut') : t('session.signOut')}
      </button>
      {signOut.isError ? (
        <span role="alert" className="account-error">
          {t('session.signOutFailed')}
        </span>
      ) : null}
    </div>
  );
}
