import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describedBy, mockMemberApi, problem, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import type { FundingCall } from '../api/funding-requests';
import { EditCallRoute } from './edit-call-route';
import { PublishCallRoute } from './publish-call-route';

const callId = '01890000-0000-7000-8000-0000000000f1';

const call: FundingCall = {
  id: callId,
  funder: { id: teranga, name: 'Association Teranga Lyon', kind: 'funder', country: 'FR' },
  programme_name: 'Coopération de territoire à territoire',
  programme_code: 'PCTT-2027',
  title: 'Appel numérique éducatif',
  description: 'Le programme cofinance les projets numériques des collectivités.',
  currency: 'EUR',
  total_budget: 12_500_000,
  max_grant: 100_000,
  max_cofinancing_rate: 50,
  applicant_kinds: ['local_authority'],
  countries: ['SN'],
  regions: [],
  sectors: ['321'],
  opens_on: '2026-12-01',
  closes_on: '2026-12-31',
  time_zone: 'Africa/Dakar',
  opens_at: '2026-12-01T00:00:00Z',
  closes_at: '2027-01-01T00:00:00Z',
  grants_expected: 10,
  status: 'open',
  version: 3,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

/** Awa's API; writes to the calls are answered by `answer` and recorded with their headers. */
function mockCallsApi(answer: (request: Request) => Response) {
  const writes: { method: string; body: unknown; ifMatch: string | null; key: string | null }[] = [];
  mockMemberApi(async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname === `/api/v1/funding-calls/${callId}`) {
      return Response.json(call, { headers: { ETag: '"3"' } });
    }
    if (request.method === 'GET') return Response.json([]);
    writes.push({
      method: request.method,
      body: await request.clone().json(),
      ifMatch: request.headers.get('If-Match'),
      key: request.headers.get('Idempotency-Key'),
    });
    return answer(request);
  });
  return writes;
}

/** Types `text` into `control` at once (pasted), after clearing it. */
async function fill(control: HTMLElement, text: string) {
  await userEvent.clear(control);
  await userEvent.click(control);
  await userEvent.paste(text);
}

function renderAt(path: string, lang: 'fr' | 'en' = 'fr') {
  return renderWithProviders(
    <Routes>
      <Route path="/funding/calls/new" element={<PublishCallRoute />} />
      <Route path="/funding/calls/:id/edit" element={<EditCallRoute />} />
      <Route path="/funding/calls/:id" element={<h1>Page de l’appel</h1>} />
    </Routes>,
    { lang, path },
  );
}

describe('the form that publishes a call', () => {
  it('sends every field of the call, codes as lists, then opens the call', async () => {
    const writes = mockCallsApi(() => Response.json(call, { status: 201 }));
    renderAt('/funding/calls/new', 'en');
    await screen.findByRole('option', { name: 'Association Teranga Lyon' });

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Funder' }), teranga);
    await fill(screen.getByRole('textbox', { name: 'Programme' }), 'Coopération de territoire à territoire');
    await fill(screen.getByRole('textbox', { name: 'Programme code (optional)' }), 'PCTT-2027');
    await fill(screen.getByRole('textbox', { name: 'Title' }), 'Appel numérique éducatif');
    await fill(screen.getByRole('textbox', { name: 'Description' }), 'Le programme cofinance les projets numériques.');
    await fill(screen.getByRole('textbox', { name: 'Total budget' }), '12 500 000');
    await fill(screen.getByRole('textbox', { name: 'Maximum grant per project (optional)' }), '100000');
    await fill(screen.getByRole('textbox', { name: /Maximum share/ }), '50');
    await fill(screen.getByRole('textbox', { name: 'Grants expected (optional)' }), '10');
    await userEvent.click(screen.getByRole('checkbox', { name: 'local authorities' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'NGOs' }));
    await fill(screen.getByRole('textbox', { name: 'Eligible countries' }), 'sn, ml');
    await fill(screen.getByRole('textbox', { name: 'Eligible regions' }), '1030');
    await fill(screen.getByRole('textbox', { name: 'Eligible sectors' }), '321 11220');
    fireEvent.change(screen.getByLabelText('Opens on'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('Closes at the end of'), { target: { value: '2026-12-31' } });
    await fill(screen.getByRole('textbox', { name: 'Time zone' }), 'Africa/Dakar');
    await userEvent.click(screen.getByRole('button', { name: 'Publish the call' }));

    expect(await screen.findByRole('heading', { name: 'Page de l’appel' })).toBeInTheDocument();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.key).toBeTruthy();
    expect(writes[0]?.body).toEqual({
      funder_id: teranga,
      programme_name: 'Coopération de territoire à territoire',
      programme_code: 'PCTT-2027',
      title: 'Appel numérique éducatif',
      description: 'Le programme cofinance les projets numériques.',
      currency: 'EUR',
      total_budget: 12_500_000,
      max_grant: 100_000,
      max_cofinancing_rate: 50,
      applicant_kinds: ['local_authority', 'ngo'],
      countries: ['SN', 'ML'],
      regions: ['1030'],
      sectors: ['321', '11220'],
      opens_on: '2026-12-01',
      closes_on: '2026-12-31',
      time_zone: 'Africa/Dakar',
      grants_expected: 10,
    });
  }, 15_000);

  it('asks for the required fields before sending', async () => {
    const writes = mockCallsApi(() => Response.json(call, { status: 201 }));
    renderAt('/funding/calls/new');
    await userEvent.click(await screen.findByRole('button', { name: 'Publier l’appel' }));
    expect(screen.getByRole('textbox', { name: 'Titre' })).toHaveAttribute('aria-invalid', 'true');
    expect(writes).toEqual([]);
  });

  it('shows each refusal of the API beside its field, in the reader’s language', async () => {
    mockCallsApi(() =>
      problem(422, 'validation_failed', [
        { field: 'funder_id', code: 'not_a_funder', message: 'calls are published by funders' },
        { field: 'time_zone', code: 'unknown_code', message: 'use an IANA time zone' },
        { field: 'sectors[1]', code: 'unknown_code', message: 'unknown code' },
      ]),
    );
    renderAt(`/funding/calls/${callId}/edit`);
    // Changing a call sends the same checks back; the publishing form shares its fields.
    const zone = await screen.findByRole('textbox', { name: 'Fuseau horaire' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Mars/Olympus');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    expect(await screen.findByText('Indiquez un fuseau IANA comme Europe/Paris.')).toBeInTheDocument();
    expect(describedBy(screen.getByRole('textbox', { name: 'Fuseau horaire' }))).toContain('Indiquez un fuseau IANA');
    expect(screen.getByRole('textbox', { name: 'Secteurs éligibles' })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the form that changes a call', () => {
  it('opens with the call, sends its changes against the version read, and not its funder or currency', async () => {
    const writes = mockCallsApi(() => Response.json({ ...call, version: 4 }, { headers: { ETag: '"4"' } }));
    renderAt(`/funding/calls/${callId}/edit`);
    const title = await screen.findByRole('textbox', { name: 'Titre' });
    expect(title).toHaveValue('Appel numérique éducatif');
    expect(screen.getByRole('textbox', { name: /Devise/ })).toHaveAttribute('readonly');
    expect(screen.getByRole('checkbox', { name: 'collectivités' })).toBeChecked();

    await userEvent.clear(screen.getByRole('textbox', { name: 'Pays éligibles' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Régions éligibles' }), '1030');
    await userEvent.click(screen.getByRole('checkbox', { name: 'ONG et associations' }));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Code du programme (facultatif)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    expect(await screen.findByRole('heading', { name: 'Page de l’appel' })).toBeInTheDocument();
    expect(writes[0]?.method).toBe('PATCH');
    expect(writes[0]?.ifMatch).toBe('"3"');
    expect(writes[0]?.body).toEqual({
      programme_name: 'Coopération de territoire à territoire',
      programme_code: '',
      title: 'Appel numérique éducatif',
      description: 'Le programme cofinance les projets numériques des collectivités.',
      total_budget: 12_500_000,
      max_grant: 100_000,
      max_cofinancing_rate: 50,
      grants_expected: 10,
      applicant_kinds: ['local_authority', 'ngo'],
      countries: [],
      regions: ['1030'],
      sectors: ['321'],
      opens_on: '2026-12-01',
      closes_on: '2026-12-31',
      time_zone: 'Africa/Dakar',
    });
  });
});
