import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '@/lib/i18n';

/** Renders `ui` with the app's providers: a fresh query cache (no retries) and i18n in `lang`. */
export function renderWithProviders(ui: ReactElement, { lang = 'fr' }: { lang?: Language } = {}) {
  const i18n = createI18n(lang);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, i18n, queryClient };
}
