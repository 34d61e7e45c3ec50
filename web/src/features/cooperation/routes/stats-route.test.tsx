import { cleanup, screen, waitFor } from '@testing-library/react';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { PublicStats } from '../api/cooperation';
import { StatsRoute } from './stats-route';

const stats: PublicStats = {
  projects: {
    by_stage: [{ key: 'idea', count: 3 }],
    by_country: [{ key: 'SN', count: 2 }],
    by_sector_category: [],
  },
  opportunities: { by_category: [{ key: 'internship', count: 4 }], by_direction: [] },
  partnerships_per_month: [{ key: '2026-11', count: 1 }],
  cooperation_links: {
    by_country: [{ key: 'ML', links: 5, projects: 1 }],
    by_theme: [{ key: '22040', links: 2, projects: 0 }],
  },
};

const terms: Record<string, Array<{ code: string; label: string }>> = {
  countries: [
    { code: 'SN', label: 'Sénégal' },
    { code: 'ML', label: 'Mali' },
  ],
  'opportunity-categories': [{ code: 'internship', label: 'Stage' }],
  sectors: [{ code: '22040', label: 'Technologies de l’information et de la communication (TIC)' }],
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the public statistics', () => {
  it('names stages, countries, categories and themes rather than showing their codes', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname === '/api/v1/stats') return Response.json(stats);
      const taxonomy = /^\/api\/v1\/taxonomies\/(.+)$/.exec(url.pathname)?.[1] ?? '';
      return Response.json({ taxonomy, lang: 'fr', items: terms[taxonomy] ?? [] });
    });
    renderWithProviders(<StatsRoute />, { marketplaceTexts: false });

    // The figures' tables, for screen readers, hold the names in full.
    const table = (title: string) => screen.getByRole('table', { name: title });
    await waitFor(() => expect(table('Projets publiés par pays')).toHaveTextContent('Sénégal'));
    expect(table('Projets publiés par étape')).toHaveTextContent('Idée');
    expect(table('Opportunités ouvertes par catégorie')).toHaveTextContent('Stage');
    expect(table('Liens de coopération par pays')).toHaveTextContent('Mali');
    expect(table('Liens de coopération par thème')).toHaveTextContent('Technologies de l’information');
    expect(table('Projets publiés par pays')).not.toHaveTextContent('SN');
  });
});
