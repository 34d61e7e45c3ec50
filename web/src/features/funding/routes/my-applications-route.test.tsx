import { screen } from '@testing-library/react';
import { mockMemberApi, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { Application } from '../api/funding-requests';
import { MyApplicationsRoute } from './my-applications-route';

const accepted: Application = {
  id: '01890000-0000-7000-8000-0000000000b1',
  call_id: '01890000-0000-7000-8000-0000000000f1',
  call_title: 'Appel numérique éducatif',
  funder_id: '01890000-0000-7000-8000-0000000000f9',
  currency: 'EUR',
  project_id: '01890000-0000-7000-8000-0000000000c1',
  project_title: 'Ordinateurs pour les écoles',
  organisation_id: teranga,
  organisation_name: 'Association Teranga Lyon',
  amount_requested: 100_000,
  project_budget: 400_000,
  financing_plan: [],
  summary: null,
  status: 'accepted',
  amount_granted: 80_000,
  submitted_at: '2026-11-26T10:00:00Z',
  version: 4,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

describe('my funding applications', () => {
  it('lists each application with where it stands, linked to its page', async () => {
    mockMemberApi(() => Response.json([accepted]));
    renderWithProviders(<MyApplicationsRoute />, { lang: 'en', path: '/me/funding-applications' });
    const link = await screen.findByRole('link', { name: 'Appel numérique éducatif' });
    expect(link).toHaveAttribute('href', `/funding/applications/${accepted.id}`);
    expect(link.closest('li')).toHaveTextContent('Accepted');
    expect(link.closest('li')).toHaveTextContent('granted €80,000');
  });
});
