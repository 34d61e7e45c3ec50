import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { logOut } from '../api/log-out';
import { useMe } from '../api/get-me';
import { useSession } from '../api/use-session';
import { NotificationsLink } from '@/features/notifications';
import { loginPath } from './login-redirect';

/** The header's account corner: "Log in / Register", or the notifications and the member's name opening their menu. */
export function AccountNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const { status } = useSession();

  if (status === 'anonymous') {
    const onAccountPage = location.pathname === '/login' || location.pathname === '/register';
    return (
      <nav aria-label={t('account.navLabel')}>
        <ul className="account-nav">
          <li>
            <Link to={onAccountPage ? '/login' : loginPath(location)}>{t('account.logIn')}</Link>
          </li>
          <li>
            <Link to="/register">{t('account.register')}</Link>
          </li>
        </ul>
      </nav>
    );
  }
  return (
    <>
      <NotificationsLink />
      <AccountMenu />
    </>
  );
}

/** A native disclosure: keyboard and screen readers know it without any script of ours. */
function AccountMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useMe();
  const menu = useRef<HTMLDetailsElement>(null);

  // Closed after each navigation, and by a tap outside it.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, []);

  const close = () => {
    if (!menu.current?.open) return;
    menu.current.open = false;
    menu.current.querySelector('summary')?.focus();
  };

  return (
    <nav aria-label={t('account.navLabel')}>
      <details
        ref={menu}
        className="account-menu"
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
      >
        <summary>
          <span className="account-menu__name">{data?.profile.display_name ?? t('account.menu')}</span>
        </summary>
        <ul className="account-menu__items">
          <li>
            <Link to="/account/profile">{t('account.profile')}</Link>
          </li>
          <li>
            <Link to="/me/projects">{t('account.myProjects')}</Link>
          </li>
          <li>
            <Link to="/me/opportunities">{t('account.myOpportunities')}</Link>
          </li>
          <li>
            <Link to="/me/saved-searches">{t('account.savedSearches')}</Link>
          </li>
          <li>
            <Link to="/me/funding-applications">{t('account.fundingApplications')}</Link>
          </li>
          <li>
            <Link to="/interests">{t('account.interests')}</Link>
          </li>
          <li>
            <Link to="/conversations">{t('account.conversations')}</Link>
          </li>
          <li>
            <Link to="/introductions">{t('account.introductions')}</Link>
          </li>
          <li>
            <Link to="/account/settings">{t('account.settings')}</Link>
          </li>
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                void navigate(`${location.pathname}${location.search}`, { replace: true, state: { notice: 'loggedOut' } });
                void logOut();
              }}
            >
              {t('account.logOut')}
            </button>
          </li>
        </ul>
      </details>
    </nav>
  );
}
