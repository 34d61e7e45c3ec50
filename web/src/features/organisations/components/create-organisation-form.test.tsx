import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { labels, organisation } from '../testing/fixtures';
import { describedBy, problem } from '@/testing/fixtures';
import { CreateOrganisationForm } from './create-organisation-form';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function renderForm() {
  return renderWithProviders(
    <Routes>
      <Route path="/organisations/new" element={<CreateOrganisationForm labels={labels} />} />
      <Route path="/organisations/:id" element={<h1>Page de l’organisation</h1>} />
    </Routes>,
    { path: '/organisations/new' },
  );
}

async function fillIn() {
  await userEvent.type(screen.getByRole('textbox', { name: 'Nom de l’organisation' }), 'Association Teranga Lyon');
  await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Type d’organisation' }), 'diaspora_association');
  await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Pays' }), 'FR');
  await userEvent.type(screen.getByRole('textbox', { name: 'Site web' }), 'teranga-lyon.example.org');
}

describe('CreateOrganisationForm', () => {
  it('sends an Idempotency-Key and shows the API’s field errors beside their fields', async () => {
    const calls: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      calls.push(input as Request);
      return problem(422, 'validation_failed', [
        { field: 'country', code: 'unknown_code', message: '`FR` is not a known country code' },
        { field: 'website', code: 'url', message: 'use an http:// or https:// address' },
      ]);
    });
    renderForm();
    await fillIn();

    await userEvent.click(screen.getByRole('button', { name: 'Créer l’organisation' }));

    const website = await screen.findByRole('textbox', { name: 'Site web' });
    const country = screen.getByRole('combobox', { name: 'Pays' });
    await vi.waitFor(() => expect(website).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(website)).toContain('Saisissez une adresse web complète, commençant par https://');
    expect(describedBy(country)).toContain('Ce choix ne fait pas partie de la liste.');
    expect(screen.getByRole('textbox', { name: 'Nom de l’organisation' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Corrigez les champs signalés ci-dessous.');
    expect(country).toHaveFocus();

    const [request] = calls;
    expect(request?.method).toBe('POST');
    expect(new URL(request!.url).pathname).toBe('/api/v1/organisations');
    expect(request?.headers.get('Idempotency-Key')).toMatch(uuid);
    expect(await request?.json()).toEqual({
      name: 'Association Teranga Lyon',
      kind: 'diaspora_association',
      country: 'FR',
      city: null,
      website: 'teranga-lyon.example.org',
      description: null,
    });
  });

  it('keeps the key for a retry of the same content and takes a new one for changed content', async () => {
    const keys: (string | null)[] = [];
    let answer = () => problem(503, 'service_unavailable');
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      keys.push((input as Request).headers.get('Idempotency-Key'));
      return answer();
    });
    renderForm();
    await fillIn();
    const submit = screen.getByRole('button', { name: 'Créer l’organisation' });

    await userEvent.click(submit);
    await screen.findByText(/Un problème est survenu de notre côté/);
    await userEvent.click(submit);
    await vi.waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[1]).toBe(keys[0]);

    await userEvent.clear(screen.getByRole('textbox', { name: 'Site web' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Site web' }), 'https://teranga-lyon.example.org');
    answer = () =>
      Response.json(organisation, {
        status: 201,
        headers: { ETag: '"1"', Location: `/api/v1/organisations/${organisation.id}` },
      });
    await userEvent.click(submit);

    expect(await screen.findByRole('heading', { name: 'Page de l’organisation' })).toBeInTheDocument();
    expect(keys).toHaveLength(3);
    expect(keys[2]).toMatch(uuid);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('asks for the required fields without a round trip', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Créer l’organisation' }));

    const name = screen.getByRole('textbox', { name: 'Nom de l’organisation' });
    expect(describedBy(name)).toContain('Ce champ est obligatoire.');
    expect(describedBy(screen.getByRole('combobox', { name: 'Type d’organisation' }))).toContain('Ce champ est obligatoire.');
    expect(describedBy(screen.getByRole('combobox', { name: 'Pays' }))).toContain('Ce champ est obligatoire.');
    expect(name).toHaveFocus();
    expect(fetch).not.toHaveBeenCalled();
  });
});
