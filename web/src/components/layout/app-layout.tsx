import { Link, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/** Header with the name and the language switch, the page, and a footer crediting the code lists. */
export function AppLayout() {
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
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p className="container">{t('app.footer')}</p>
      </footer>
    </>
  );
}
