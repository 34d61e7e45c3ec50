import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { installAuth, session } from '@/features/auth';
import { describedBy, mockMemberApi, problem, project, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { NewProjectRoute } from './new-project-route';

// Typing is slow in a form this long under jsdom: no pause between keys.
const user = userEvent.setup({ delay: null });

function renderForm() {
  return renderWithProviders(
    <Routes>
      <Route path="/projects/new" element={<NewProjectRoute />} />
      <Route path="/projects/:id" element={<h1>Page du projet</h1>} />
    </Routes>,
    { path: '/projects/new', accountTexts: false },
  );
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('the new project form', () => {
  it('sends the territory rows and the organisation, and puts the API’s errors beside the right row', async () => {
    let answer = problem(422, 'validation_failed', [
      { field: 'territories[1].place', code: 'length', message: 'use 1 to 100 characters' },
      { field: 'territories[0].country', code: 'unknown_code', message: '`XX` is not a country' },
      { field: 'organisation_id', code: 'not_a_member', message: 'publish only for an organisation you belong to' },
    ]);
    const calls = mockMemberApi((request) =>
      request.method === 'POST' ? answer : new Response(null, { status: 404 }),
    );
    renderForm();

    await user.type(await screen.findByLabelText('Titre du projet'), 'Séchage solaire de mangues');
    await user.type(screen.getByLabelText('Résumé'), 'Une unité de séchage solaire à Ziguinchor.');
    await user.selectOptions(screen.getByLabelText('Publier au nom de'), 'Association Teranga Lyon');

    // Three rows; the middle one is left empty and goes away on sending.
    const add = screen.getByRole('button', { name: 'Ajouter un territoire' });
    await user.click(add);
    await user.click(add);
    await user.click(add);
    const rows = () => screen.getAllByRole('group', { name: /^Territoire \d$/ });
    expect(rows()).toHaveLength(3);
    // The new row's country takes the focus.
    expect(within(rows()[2]!).getByLabelText('Pays')).toHaveFocus();
    await user.selectOptions(within(rows()[0]!).getByLabelText('Pays'), 'SN');
    await user.type(within(rows()[0]!).getByLabelText('Lieu (commune, région…)'), ' Ziguinchor ');
    await user.selectOptions(within(rows()[2]!).getByLabelText('Pays'), 'ML');
    await user.type(within(rows()[2]!).getByLabelText('Lieu (commune, région…)'), 'Kayes');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));

    await screen.findByText('Corrigez les champs signalés ci-dessous.');
    const sent = calls.find((call) => call.method === 'POST')!;
    const body = (await sent.json()) as Record<string, unknown>;
    expect(body.territories).toEqual([
      { country: 'SN', place: 'Ziguinchor' },
      { country: 'ML', place: 'Kayes' },
    ]);
    expect(body.organisation_id).toBe(teranga);

    expect(rows()).toHaveLength(2);
    const [first, second] = rows() as [HTMLElement, HTMLElement];
    const firstCountry = within(first).getByLabelText('Pays');
    expect(firstCountry).toHaveAttribute('aria-invalid', 'true');
    expect(describedBy(firstCountry)).toBe('Ce choix ne fait pas partie de la liste.');
    expect(within(first).getByLabelText('Lieu (commune, région…)')).not.toHaveAttribute('aria-invalid');
    const secondPlace = within(second).getByLabelText('Lieu (commune, région…)');
    expect(describedBy(secondPlace)).toBe('Le lieu compte de 1 à 100 caractères.');
    expect(within(second).getByLabelText('Pays')).not.toHaveAttribute('aria-invalid');
    const organisation = screen.getByLabelText('Publier au nom de');
    expect(describedBy(organisation)).toContain('Vous n’êtes pas membre de cette organisation');
    // The first control in error, above the territories, takes the focus.
    expect(organisation).toHaveFocus();

    // A row can go; then the project is created and its page opens.
    await user.click(screen.getByRole('button', { name: 'Retirer le territoire 2' }));
    expect(rows()).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Ajouter un territoire' })).toHaveFocus();
    answer = Response.json({ ...project, territories: [{ country: 'SN', place: 'Ziguinchor' }] }, { status: 201, headers: { ETag: '"1"' } });
    await user.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    expect(await screen.findByRole('heading', { name: 'Page du projet' })).toBeInTheDocument();
    const second_ = calls.filter((call) => call.method === 'POST')[1]!;
    expect(((await second_.json()) as { territories: unknown }).territories).toEqual([{ country: 'SN', place: 'Ziguinchor' }]);
  }, 20_000);

  it('asks for the missing half of a row without a request', async () => {
    const calls = mockMemberApi(() => new Response(null, { status: 404 }));
    renderForm();

    await user.type(await screen.findByLabelText('Titre du projet'), 'Séchage solaire de mangues');
    await user.type(screen.getByLabelText('Résumé'), 'Une unité de séchage solaire à Ziguinchor.');
    await user.click(screen.getByRole('button', { name: 'Ajouter un territoire' }));
    await user.type(screen.getByLabelText('Lieu (commune, région…)'), 'Ziguinchor');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));

    const country = within(screen.getByRole('group', { name: 'Territoire 1' })).getByLabelText('Pays');
    expect(describedBy(country)).toBe('Ce champ est obligatoire.');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  }, 20_000);
});
