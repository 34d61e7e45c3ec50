import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { taxonomies } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CallsRoute } from './calls-route';

/** Answers the taxonomies and a page of no calls with the API's facets; records the searches. */
function mockCallsApi() {
  const searches: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    if (url.pathname.startsWith('/api/v1/taxonomies/')) {
      const taxonomy = url.pathname.split('/').pop() ?? '';
      return Response.json({ taxonomy, lang: 'fr', items: taxonomies[taxonomy] ?? [] });
    }
    searches.push(url.searchParams);
    return Response.json({
      items: [],
      total: 4,
      facets: {
        country: [
          { value: 'any', count: 2 },
          { value: 'SN', count: 3 },
          { value: 'ML', count: 1 },
        ],
        sector_category: [{ value: '311', count: 4 }],
      },
    });
  });
  return searches;
}

describe('the calls for projects page', () => {
  it('offers the API’s facets, with their counts, as filters and searches with the one chosen', async () => {
    const searches = mockCallsApi();
    renderWithProviders(<CallsRoute />, { lang: 'fr', path: '/funding/calls', accountTexts: false });

    const country = await screen.findByRole('combobox', { name: 'Ouvert au pays' });
    await within(country).findByRole('option', { name: 'Sénégal (3)' });
    // `any` counts the calls open everywhere: they come with every country, not as a choice.
    expect(within(country).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Tous les pays',
      'Sénégal (3)',
      'Mali (1)',
    ]);
    expect(
      within(screen.getByRole('combobox', { name: 'Secteur' })).getByRole('option', { name: 'Agriculture (4)' }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(country, 'SN');

    await vi.waitFor(() => expect(searches.at(-1)?.get('country')).toBe('SN'));
    expect(searches.at(-1)?.get('status')).toBe('open');
    expect(searches[0]?.has('country')).toBe(false);
  });
});
