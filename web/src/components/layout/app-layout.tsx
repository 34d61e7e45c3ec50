import { Suspense, type ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadingNotice } from '@/components/ui/status';
import { FlashNotice } from './flash-notice';
import { LanguageSwitch } from './language-switch';

interface AppLayoutProps {
  /** The account corner of the header (log in, or the member's menu), given by the app. */
  account?: ReactNode;
  /** A notice above every page about the member's account (an address to confirm), given by the app. */
  notice?: ReactNode;
}

/** Header with the name, account, language switch and main links, the page, and a footer crediting the code lists. */
export function AppLayout({ account, notice }: AppLayoutProps) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <p className="brand">
            <Link to="/">{t('app.name')}</Link>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </p>
          <div className="site-header__tools">
            {account}
            <LanguageSwitch />
          </div>
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.sectors')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/search">{t('nav.search')}</NavLink>
              </li>
              <li>
                <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
              </li>
              <li>
                <NavLink to="/cooperation">{t('nav.cooperation')}</NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {notice}
        <FlashNotice />
        {/* Lazy pages load here, under a header that stays. */}
        <Suspense fallback={<LoadingNotice />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p className="container">{t('app.footer')}</p>
      </footer>
    </>
  );
}
