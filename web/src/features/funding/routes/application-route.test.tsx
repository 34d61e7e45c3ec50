import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describedBy, mockMemberApi, problem, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { ApplicationDetail } from '../api/funding-requests';
import { ApplicationRoute } from './application-route';

const id = '01890000-0000-7000-8000-0000000000b1';

const draft: ApplicationDetail = {
  id,
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
  financing_plan: [{ funder_name: 'Présidence de la République', amount: 100_000 }],
  summary: null,
  status: 'draft',
  amount_granted: null,
  submitted_at: null,
  version: 2,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
  history: [{ status: 'draft', comment: null, amount_granted: null, at: '2026-11-26T10:00:00Z' }],
  rules: [
    { code: 'within_maximum_grant', field: 'amount_requested', rule: 'maximum_grant', met: true, message: 'within the maximum grant' },
  ],
};

function mockApplicationApi(answer: (request: Request) => Response) {
  const writes: { method: string; path: string; body: unknown; ifMatch: string | null }[] = [];
  mockMemberApi(async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET') return Response.json(draft, { headers: { ETag: '"2"' } });
    const text = await request.clone().text();
    writes.push({ method: request.method, path, body: text ? JSON.parse(text) : null, ifMatch: request.headers.get('If-Match') });
    return answer(request);
  });
  return writes;
}

function renderPage(lang: 'fr' | 'en' = 'fr') {
  return renderWithProviders(
    <Routes>
      <Route path="/funding/applications/:id" element={<ApplicationRoute />} />
    </Routes>,
    { lang, path: `/funding/applications/${id}` },
  );
}

async function fill(control: HTMLElement, text: string) {
  await userEvent.clear(control);
  await userEvent.click(control);
  await userEvent.paste(text);
}

describe('an application’s page', () => {
  it('shows its status and history, and reopens a draft with what was saved', async () => {
    mockApplicationApi(() => Response.json({}));
    renderPage('en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Appel numérique éducatif' })).toBeInTheDocument();
    expect(screen.getByTestId('application-status')).toHaveTextContent('Draft');
    const history = screen.getByRole('list', { name: 'History' });
    expect(within(history).getAllByRole('listitem').map((step) => step.textContent)).toEqual([
      expect.stringMatching(/^Draft · /),
    ]);
    expect(screen.getByRole('textbox', { name: 'Amount requested (EUR)' })).toHaveValue('100000');
    expect(screen.getByRole('textbox', { name: 'Funder' })).toHaveValue('Présidence de la République');
  });

  it('saves a draft’s changes against the version read', async () => {
    const writes = mockApplicationApi(() =>
      Response.json({ ...draft, amount_requested: 90_000, version: 3 }, { headers: { ETag: '"3"' } }),
    );
    renderPage();
    await fill(await screen.findByRole('textbox', { name: 'Montant demandé (EUR)' }), '90000');
    await fill(screen.getByRole('textbox', { name: 'Budget total du projet (EUR)' }), '450000');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter un financeur' }));
    const funders = screen.getAllByRole('textbox', { name: 'Financeur' });
    await fill(funders[1]!, 'Ville de Lyon');
    await fill(screen.getAllByRole('textbox', { name: 'Montant' })[1]!, '50000');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Brouillon enregistré');
    expect(writes).toEqual([
      {
        method: 'PATCH',
        path: `/api/v1/funding-applications/${id}`,
        ifMatch: '"2"',
        body: {
          organisation_id: teranga,
          amount_requested: 90_000,
          project_budget: 450_000,
          financing_plan: [
            { funder_name: 'Présidence de la République', amount: 100_000 },
            { funder_name: 'Ville de Lyon', amount: 50_000 },
          ],
        },
      },
    ]);
  });

  it('shows a rule broken at submission beside its field, in the reader’s language', async () => {
    const writes = mockApplicationApi(() =>
      problem(422, 'validation_failed', [
        { field: 'amount_requested', code: 'over_maximum_grant', message: 'above the call’s maximum grant' },
      ]),
    );
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Déposer la candidature' }));

    const amount = screen.getByRole('textbox', { name: 'Montant demandé (EUR)' });
    await vi.waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(amount)).toMatch(/Au-delà de la subvention maximale/);
    expect(writes).toEqual([{ method: 'POST', path: `/api/v1/funding-applications/${id}/submit`, ifMatch: '"2"', body: null }]);
  });
});
