import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { createI18n, type Language } from '@/lib/i18n';
import { addAccountTexts } from '@/lib/i18n-account';
import { addContactTexts } from '@/lib/i18n-contacts';
import { addMarketplaceTexts } from '@/lib/i18n-marketplace';
import { addOrganisationTexts } from '@/lib/i18n-organisations';

interface Options {
  lang?: Language;
  /** Wraps `ui` in a router at this address, for components with links or routes. */
  path?: string;
  /**
   * Whether the account pages' texts are there from the start, as when a form is rendered on
   * its own; `false` to check that pages load them themselves.
   */
  accountTexts?: boolean;
  /** The same for the organisation pages' texts; like `accountTexts` unless given. */
  organisationTexts?: boolean;
  /** The same for the search, project and opportunity pages' texts. */
  marketplaceTexts?: boolean;
  /** The same for the matchmaking texts (matches, interests, conversations, notifications, introductions). */
  contactTexts?: boolean;
}

/** Renders `ui` with the app's providers: a fresh query cache (no retries) and i18n in `lang`. */
export function renderWithProviders(
  ui: ReactElement,
  {
    lang = 'fr',
    path,
    accountTexts = true,
    organisationTexts = accountTexts,
    marketplaceTexts = accountTexts,
    contactTexts = accountTexts,
  }: Options = {},
) {
  const i18n = createI18n(lang);
  if (accountTexts) addAccountTexts(i18n);
  if (organisationTexts) addOrganisationTexts(i18n);
  if (marketplaceTexts) addMarketplaceTexts(i18n);
  if (contactTexts) addContactTexts(i18n);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {path === undefined ? ui : <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>}
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, i18n, queryClient };
}
