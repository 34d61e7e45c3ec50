import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { Me, OwnProfile } from '@/features/auth';
import { renderWithProviders } from '@/testing/render';
import { byLabel, sectorGroups } from '@/lib/taxonomies/code-options';
import { ProfileForm, changesOf, draftOf } from './profile-form';

const profile: OwnProfile = {
  id: '01890000-0000-7000-8000-000000000001',
  email: 'awa.diop@example.sn',
  email_verified: true,
  display_name: 'Awa Diop',
  bio: null,
  locale: 'fr',
  role: 'member',
  skills: ['agronomie', 'export'],
  sectors: ['31161'],
  countries: [],
  languages: ['fr'],
  country_of_origin: null,
  country_of_residence: 'FR',
  diaspora_counted: false,
  version: 3,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

const options = {
  countries: byLabel(
    [
      { code: 'SN', label: 'Sénégal' },
      { code: 'FR', label: 'France' },
      { code: 'ML', label: 'Mali' },
    ],
    'fr',
  ),
  languages: byLabel(
    [
      { code: 'fr', label: 'français' },
      { code: 'wo', label: 'wolof' },
    ],
    'fr',
  ),
  sectors: sectorGroups(
    [
      { code: '311', label: 'Agriculture', parent: null },
      { code: '31161', label: 'Production agricole alimentaire', parent: '311' },
      { code: '31162', label: 'Cultures industrielles', parent: '311' },
    ],
    'Toute la catégorie',
  ),
};

const problem = (status: number, code: string, errors?: unknown) =>
  Response.json(
    { type: `urn:marcottage:problem:${code}`, title: 'Error', status, code, errors },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

function renderForm(me: Me = { profile, etag: '"3"' }) {
  return renderWithProviders(<ProfileForm me={me} options={options} />, { lang: 'fr' });
}

/** The element that describes `control` and says `text`. */
function describedBy(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('ProfileForm', () => {
  it('shows the API’s field errors beside their controls and focuses the first one', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      problem(422, 'validation_failed', [
        { field: 'country_of_origin', code: 'unknown_code', message: '`XX` is not a known code' },
        { field: 'sectors[1]', code: 'unknown_code', message: '`99999` is not a known code' },
      ]),
    );
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le profil' }));

    const origin = await screen.findByRole('combobox', { name: 'Pays d’origine' });
    const sectors = screen.getByRole('listbox', { name: 'Secteurs d’activité' });
    expect(origin).toHaveAttribute('aria-invalid', 'true');
    expect(sectors).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(sectors)).toContain('Ce choix ne fait pas partie de la liste.');
    expect(describedBy(origin)).toContain('Ce choix ne fait pas partie de la liste.');
    expect(screen.getByRole('textbox', { name: 'Nom affiché' })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Corrigez les champs signalés ci-dessous.');
    // The first invalid control in the page's order, where a keyboard user fixes it.
    expect(origin).toHaveFocus();
  });

  it('sends the version it edits and, when the profile changed elsewhere, says so and shows the new one', async () => {
    const calls: Request[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const request = input as Request;
      calls.push(request);
      if (request.method === 'PATCH') return problem(412, 'precondition_failed');
      return Response.json({ ...profile, display_name: 'Awa Diop-Ndiaye', version: 4 }, { headers: { ETag: '"4"' } });
    });
    renderForm();

    const name = screen.getByRole('textbox', { name: 'Nom affiché' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Awa D.');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le profil' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/modifiées ailleurs/);
    expect(await screen.findByDisplayValue('Awa Diop-Ndiaye')).toBe(name);
    expect(calls[0]?.headers.get('If-Match')).toBe('"3"');
    expect(calls.map((call) => call.method)).toEqual(['PATCH', 'GET']);
  });

  it('counts the member in the diaspora figures only once they tick the box, with the subdivision they give', async () => {
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const request = input as Request;
      const body: unknown = await request.json();
      bodies.push(body);
      return Response.json(
        { ...profile, residence_subdivision: 'FR-13', diaspora_counted: true, version: 4 },
        { headers: { ETag: '"4"' } },
      );
    });
    renderForm();

    const consent = screen.getByRole('checkbox', { name: /Me compter dans les chiffres de la diaspora/ });
    expect(consent).not.toBeChecked();
    await userEvent.type(screen.getByRole('textbox', { name: 'Région ou département de résidence' }), 'fr-13');
    await userEvent.click(consent);
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le profil' }));

    expect(await screen.findByText('Profil enregistré.')).toBeInTheDocument();
    expect(bodies).toEqual([expect.objectContaining({ residence_subdivision: 'FR-13', diaspora_counted: true })]);
    expect(consent).toBeChecked();
  });

  it('lists the chosen codes, each removable', async () => {
    renderForm();
    const chosen = screen.getByRole('list', { name: 'Choix pour « Secteurs d’activité »' });
    expect(within(chosen).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual([
      '31161 Production agricole alimentaire',
    ]);

    await userEvent.click(within(chosen).getByRole('button', { name: 'Retirer Production agricole alimentaire' }));

    expect(screen.queryByRole('list', { name: 'Choix pour « Secteurs d’activité »' })).not.toBeInTheDocument();
    expect(screen.getByRole('listbox', { name: 'Secteurs d’activité' })).toHaveValue([]);
    expect(screen.getAllByText('Aucun choix pour l’instant.')).toHaveLength(2); // countries too
  });
});

describe('the profile draft', () => {
  it('turns the comma list of skills into a list and empty choices into nulls', () => {
    const draft = { ...draftOf(profile), skills: ' agronomie, , export ,santé animale', bio: '  ', country_of_residence: '' };
    expect(changesOf(draft)).toMatchObject({
      skills: ['agronomie', 'export', 'santé animale'],
      bio: null,
      country_of_origin: null,
      country_of_residence: null,
      residence_subdivision: null,
      diaspora_counted: false,
    });
  });
});
