import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { labels, organisation } from '../testing/fixtures';
import { problem } from '@/testing/fixtures';
import { EditOrganisationForm } from './edit-organisation-form';

describe('EditOrganisationForm', () => {
  it('sends the version it edits and, when it changed elsewhere, says so and shows the new one', async () => {
    const calls: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const request = input as Request;
      calls.push(request);
      if (request.method === 'PATCH') return problem(412, 'precondition_failed');
      return Response.json({ ...organisation, city: 'Villeurbanne', version: 4 }, { headers: { ETag: '"4"' } });
    });
    renderWithProviders(<EditOrganisationForm record={{ organisation, etag: '"3"' }} labels={labels} />, { path: '/' });

    const city = screen.getByRole('textbox', { name: 'Ville' });
    await userEvent.clear(city);
    await userEvent.type(city, 'Vénissieux');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/modifiées ailleurs/);
    expect(await screen.findByDisplayValue('Villeurbanne')).toBe(city);
    expect(calls.map((call) => call.method)).toEqual(['PATCH', 'GET']);
    expect(calls[0]?.headers.get('If-Match')).toBe('"3"');
    expect(await calls[0]?.json()).toMatchObject({ city: 'Vénissieux', website: organisation.website });

    // The next attempt is made against the version now shown.
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await vi.waitFor(() => expect(calls).toHaveLength(4));
    expect(calls[2]?.headers.get('If-Match')).toBe('"4"');
  });

  it('clears an emptied optional field with null', async () => {
    let body: unknown;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      body = await (input as Request).json();
      return Response.json({ ...organisation, website: null, version: 4 }, { headers: { ETag: '"4"' } });
    });
    renderWithProviders(<EditOrganisationForm record={{ organisation, etag: '"3"' }} labels={labels} />, { path: '/' });

    await userEvent.clear(screen.getByRole('textbox', { name: 'Site web' }));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    await vi.waitFor(() => expect(body).toMatchObject({ website: null, name: organisation.name, kind: organisation.kind }));
  });
});
