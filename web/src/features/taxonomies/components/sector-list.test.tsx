import { act, screen, within } from '@testing-library/react';
import { vi } from 'vitest';
import type { Taxonomy } from '@/lib/taxonomies/get-taxonomy';
import { renderWithProviders } from '@/testing/render';
import { SectorList } from './sector-list';

// Deliberately out of order, and with a code listed before its category.
const sectors: Record<'fr' | 'en', Taxonomy> = {
  fr: {
    taxonomy: 'sectors',
    lang: 'fr',
    items: [
      { code: '11120', label: 'Équipements scolaires et formation', parent: '111' },
      { code: '111', label: 'Éducation, niveau non spécifié', parent: null },
      { code: '11110', label: 'Politique de l’éducation et gestion administrative', parent: '111' },
      { code: '121', label: 'Santé, général', parent: null },
      { code: '12110', label: 'Politique de la santé et gestion administrative', parent: '121' },
    ],
  },
  en: {
    taxonomy: 'sectors',
    lang: 'en',
    items: [
      { code: '111', label: 'Education, Level Unspecified', parent: null },
      { code: '11110', label: 'Education policy and administrative management', parent: '111' },
      { code: '11120', label: 'Education facilities and training', parent: '111' },
      { code: '121', label: 'Health, General', parent: null },
      { code: '12110', label: 'Health policy and administrative management', parent: '121' },
    ],
  },
};

function mockSectorsApi() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
    return Response.json(sectors[lang]);
  });
}

function requestedUrls(fetchSpy: ReturnType<typeof mockSectorsApi>) {
  return fetchSpy.mock.calls.map(([input]) => (input instanceof Request ? input.url : String(input)));
}

describe('SectorList', () => {
  it('nests the 5-digit codes under their 3-digit category, in code order', async () => {
    const fetchSpy = mockSectorsApi();
    renderWithProviders(<SectorList />, { lang: 'fr' });

    const list = await screen.findByRole('list', { name: 'Secteurs par catégorie' });
    expect(list).toHaveAttribute('lang', 'fr');
    const categories = within(list).getAllByRole('group'); // one <details> a category
    expect(categories).toHaveLength(2);

    const [education, health] = categories as [HTMLElement, HTMLElement];
    expect(education.querySelector('summary')).toHaveTextContent('111 Éducation, niveau non spécifié 2 codes');
    expect(within(education).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '11110 Politique de l’éducation et gestion administrative',
      '11120 Équipements scolaires et formation',
    ]);
    expect(health.querySelector('summary')).toHaveTextContent('121 Santé, général 1 code');

    expect(requestedUrls(fetchSpy)).toEqual(['http://localhost:5173/api/v1/taxonomies/sectors?lang=fr']);
  });

  it('fetches the labels again when the language changes', async () => {
    const fetchSpy = mockSectorsApi();
    const { i18n } = renderWithProviders(<SectorList />, { lang: 'fr' });
    await screen.findByText('Éducation, niveau non spécifié');

    await act(() => i18n.changeLanguage('en'));

    expect(await screen.findByText('Education, Level Unspecified')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Sectors by category' })).toHaveAttribute('lang', 'en');
    expect(screen.queryByText('Éducation, niveau non spécifié')).not.toBeInTheDocument();
    expect(requestedUrls(fetchSpy)).toEqual([
      'http://localhost:5173/api/v1/taxonomies/sectors?lang=fr',
      'http://localhost:5173/api/v1/taxonomies/sectors?lang=en',
    ]);
  });
});
