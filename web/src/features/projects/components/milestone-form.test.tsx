import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { MilestoneForm } from './milestone-form';

const projectId = '01890000-0000-7000-8000-0000000000c1';

function mockApi(answer: () => Response) {
  const bodies: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    bodies.push(await request.json());
    expect(new URL(request.url).pathname).toBe(`/api/v1/projects/${projectId}/milestones`);
    return answer();
  });
  return bodies;
}

const milestone = (stage_from: string | null, stage_to: string) =>
  Response.json(
    {
      id: '01890000-0000-7000-8000-0000000000d1',
      stage_from,
      stage_to,
      note: 'Premier lot vendu',
      occurred_on: '2026-11-20',
      author_id: '01890000-0000-7000-8000-000000000001',
      created_at: '2026-11-26T10:00:00Z',
    },
    { status: 201 },
  );

describe('the milestone form', () => {
  it('offers one step from the current stage: from an idea, only on to a project', () => {
    renderWithProviders(<MilestoneForm projectId={projectId} stage="idea" />);
    const group = screen.getByRole('group', { name: 'Étape du projet' });
    const choices = within(group).getAllByRole('radio');
    expect(choices.map((choice) => choice.closest('label')?.textContent)).toEqual([
      'Reste à l’étape « Idée »',
      'Passe à l’étape « Projet »',
    ]);
    expect(within(group).getByRole('radio', { name: 'Reste à l’étape « Idée »' })).toBeChecked();
  });

  it('offers both neighbours in the middle, and nothing further from a venture than back', () => {
    const { unmount } = renderWithProviders(<MilestoneForm projectId={projectId} stage="project" />);
    expect(screen.getByRole('radio', { name: 'Passe à l’étape « Entreprise »' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Revient à l’étape « Idée »' })).toBeInTheDocument();
    unmount();
    renderWithProviders(<MilestoneForm projectId={projectId} stage="venture" />);
    expect(screen.getAllByRole('radio')).toHaveLength(2);
    expect(screen.getByRole('radio', { name: 'Revient à l’étape « Projet »' })).toBeInTheDocument();
  });

  it('sends the chosen step with the note, then says where the project now stands', async () => {
    const bodies = mockApi(() => milestone('idea', 'project'));
    renderWithProviders(<MilestoneForm projectId={projectId} stage="idea" />);

    await userEvent.type(screen.getByRole('textbox', { name: 'Ce qui s’est passé' }), 'Premier lot vendu');
    await userEvent.click(screen.getByRole('radio', { name: 'Passe à l’étape « Projet »' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le jalon' }));

    expect(await screen.findByRole('status')).toHaveTextContent('le projet est maintenant à l’étape « Projet »');
    expect(bodies).toEqual([{ note: 'Premier lot vendu', occurred_on: null, stage: 'project' }]);
    expect(screen.getByRole('textbox', { name: 'Ce qui s’est passé' })).toHaveValue('');
  });

  it('sends no stage for a milestone that keeps it, and asks for a note before sending', async () => {
    const bodies = mockApi(() => milestone(null, 'idea'));
    renderWithProviders(<MilestoneForm projectId={projectId} stage="idea" />);

    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le jalon' }));
    const note = screen.getByRole('textbox', { name: 'Ce qui s’est passé' });
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(note).toHaveFocus();
    expect(bodies).toEqual([]);

    await userEvent.type(note, 'Réunion avec la mairie');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le jalon' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Jalon ajouté.');
    expect(bodies).toEqual([{ note: 'Réunion avec la mairie', occurred_on: null, stage: null }]);
  });

  it('shows the API’s refusals beside the date and the stage', async () => {
    mockApi(() =>
      problem(422, 'validation_failed', [
        { field: 'occurred_on', code: 'future', message: 'a milestone has already happened' },
        { field: 'stage', code: 'invalid_transition', message: 'move one step at a time from venture' },
      ]),
    );
    renderWithProviders(<MilestoneForm projectId={projectId} stage="project" />);

    await userEvent.type(screen.getByRole('textbox', { name: 'Ce qui s’est passé' }), 'Création de la SARL');
    await userEvent.click(screen.getByRole('radio', { name: 'Passe à l’étape « Entreprise »' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le jalon' }));

    expect(await screen.findByText('Choisissez une date passée ou celle d’aujourd’hui : un jalon a déjà eu lieu.')).toBeInTheDocument();
    expect(screen.getByLabelText('Date')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Le projet avance d’une étape à la fois.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Étape du projet' })).toHaveAccessibleDescription('Le projet avance d’une étape à la fois.');
  });
});
